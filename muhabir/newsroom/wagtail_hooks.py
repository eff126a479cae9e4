from django.http import Http404
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from muhabir.newsroom import admin_scheduled
from muhabir.newsroom.models import Author


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = _("Authors")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "role"]
    search_fields = ["name", "role"]


register_snippet(AuthorViewSet)


@hooks.register("register_admin_urls")
def register_scheduled_urls():
    return [
        path("scheduled/", admin_scheduled.ScheduledView.as_view(), name="newsroom_scheduled"),
        path(
            "scheduled/results/",
            admin_scheduled.ScheduledView.as_view(results_only=True),
            name="newsroom_scheduled_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_scheduled_menu_item():
    return admin_scheduled.scheduled_menu_item()


@hooks.register("construct_homepage_panels")
def add_schedule_panels(request, panels):
    admin_scheduled.construct_homepage_panels(request, panels)


@hooks.register("before_serve_page")
def expired_page_not_found(page, request, serve_args, serve_kwargs):
    """A page whose expiry time has passed is gone, though the periodic job that
    unpublishes it has not run yet. Previews do not come through here."""
    if page.expire_at is not None and page.expire_at <= timezone.now():
        raise Http404
