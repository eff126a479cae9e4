from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [path("two-factor/", include("muhabir.accounts.urls", namespace="accounts"))]


@hooks.register("register_account_menu_item")
def register_two_factor_menu_item(request):
    return {
        "url": reverse("accounts:two_factor"),
        "label": _("Two-factor authentication"),
        "help_text": _(
            "Ask for a code from an app on your phone, besides your password, when signing in."
        ),
    }
