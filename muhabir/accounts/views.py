"""Admin screens for the second factor: verify at sign-in, set up, recovery codes, switch off.

All are under /admin/ (``register_admin_urls``), so Wagtail's admin-access check and the
user's admin language apply; ``TwoFactorMiddleware`` decides who must see which first.
"""

from __future__ import annotations

from base64 import b32encode
from urllib.parse import urlencode

import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from muhabir.accounts import selectors, services
from muhabir.accounts.forms import CodeForm, SetupForm

# The new recovery codes wait here between the POST that made them and the page that
# shows them once; that page takes them out of the session.
RECOVERY_CODES_SESSION_KEY = "muhabir_recovery_codes"


def next_url(request: HttpRequest) -> str:
    """Where to go afterwards: ``next`` if it stays on this site, else the dashboard."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("wagtailadmin_home")


def _with_next(url: str, target: str) -> str:
    return f"{url}?{urlencode({'next': target})}"


def qr_code_svg(data: str, title: str) -> str:
    """An inline SVG QR code of ``data``, drawn here: the secret never leaves the server."""
    code = segno.make(data, error="m")
    # segno escapes the title; the rest is path data it generates.
    return mark_safe(  # noqa: S308
        code.svg_inline(scale=5, border=4, dark="#000", light="#fff", title=title, svgclass="")
    )


def secret_text(device) -> str:
    """The device's secret in base32, in groups of four, for typing into an app."""
    secret = b32encode(device.bin_key).decode("ascii")
    return " ".join(secret[start : start + 4] for start in range(0, len(secret), 4))


def verify(request: HttpRequest) -> HttpResponse:
    """The second step of signing in, for users with an authenticator app."""
    user = request.user
    target = next_url(request)
    if user.is_verified() or not selectors.two_factor_enabled(user):
        return redirect(target)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.code_check(user=user, code=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
        else:
            otp_login(request, device)
            # The session gains rights here: a key someone learned before is worth nothing.
            request.session.cycle_key()
            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                messages.warning(
                    request,
                    ngettext(
                        "You signed in with a recovery code, which is now used up. "
                        "%(count)s recovery code is left.",
                        "You signed in with a recovery code, which is now used up. "
                        "%(count)s recovery codes are left.",
                        left,
                    )
                    % {"count": left},
                )
            return redirect(target)
    return TemplateResponse(
        request, "accounts/two_factor_verify.html", {"form": form, "next": target}
    )


def manage(request: HttpRequest, *, disable_form=None, codes_form=None) -> HttpResponse:
    """The account's two-factor page: whether it is on, and what can be done."""
    user = request.user
    return TemplateResponse(
        request,
        "accounts/two_factor.html",
        {
            "page_title": _("Two-factor authentication"),
            "header_icon": "key",
            "enabled": selectors.two_factor_enabled(user),
            "required": selectors.two_factor_required(user),
            "codes_left": selectors.recovery_codes_left(user),
            "disable_form": disable_form or CodeForm(prefix="disable"),
            "codes_form": codes_form or CodeForm(prefix="codes"),
        },
    )


def setup(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: QR code and secret, confirmed by one code."""
    user = request.user
    target = next_url(request)
    if selectors.two_factor_enabled(user):
        return redirect("accounts:two_factor")
    device = services.totp_device_start(user=user)
    form = SetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.two_factor_enable(
                request=request, device=device, code=form.cleaned_data["code"]
            )
        except ValidationError as error:
            form.add_error("code", error)
        else:
            request.session.cycle_key()
            request.session[RECOVERY_CODES_SESSION_KEY] = codes
            messages.success(request, _("Two-factor authentication is on."))
            return redirect(_with_next(reverse("accounts:recovery_codes"), target))
    return TemplateResponse(
        request,
        "accounts/two_factor_setup.html",
        {
            "page_title": _("Set up two-factor authentication"),
            "header_icon": "key",
            "form": form,
            "next": target,
            "required": selectors.two_factor_required(user),
            "qr_code": qr_code_svg(
                device.config_url, _("QR code to scan with your authenticator app")
            ),
            "secret": secret_text(device),
        },
    )


def recovery_codes(request: HttpRequest) -> HttpResponse:
    """The new recovery codes, shown this once."""
    codes = request.session.pop(RECOVERY_CODES_SESSION_KEY, None)
    if not codes:
        return redirect("accounts:two_factor")
    return TemplateResponse(
        request,
        "accounts/recovery_codes.html",
        {
            "page_title": _("Your recovery codes"),
            "header_icon": "key",
            "codes": codes,
            "next": next_url(request),
        },
    )


def _code_confirmed(form: CodeForm, user) -> bool:
    """Whether the form holds a current code of ``user``; if not, the form says why."""
    if not form.is_valid():
        return False
    try:
        services.code_check(user=user, code=form.cleaned_data["code"])
    except ValidationError as error:
        form.add_error("code", error)
        return False
    return True


@require_POST
def disable(request: HttpRequest) -> HttpResponse:
    """Switch two-factor authentication off, confirmed with a current code."""
    form = CodeForm(request.POST, prefix="disable")
    if _code_confirmed(form, request.user):
        services.two_factor_disable(request=request)
        messages.success(request, _("Two-factor authentication is off."))
        return redirect("accounts:two_factor")
    return manage(request, disable_form=form)


@require_POST
def recovery_codes_new(request: HttpRequest) -> HttpResponse:
    """Replace the recovery codes, confirmed with a current code."""
    form = CodeForm(request.POST, prefix="codes")
    if _code_confirmed(form, request.user):
        request.session[RECOVERY_CODES_SESSION_KEY] = services.recovery_codes_create(
            user=request.user
        )
        return redirect("accounts:recovery_codes")
    return manage(request, codes_form=form)
