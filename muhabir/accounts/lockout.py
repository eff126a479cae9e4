"""What a visitor sees after too many wrong passwords, in their language.

django-axes counts failed sign-ins (``authenticate``) per account and per client address
and refuses further attempts for the cool-off time; ``lockout_response`` is its
``AXES_LOCKOUT_CALLABLE``. Page passwords never reach ``authenticate``: the small
throttle here counts them per address in the cache.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import ngettext

from muhabir.core.clients import client_address

TOO_MANY_REQUESTS = 429


def lockout_message() -> str:
    """The translated explanation, naming the cool-off time."""
    minutes = settings.MUHABIR_LOGIN_COOLOFF_MINUTES
    return ngettext(
        "Too many failed attempts. For your security, signing in is blocked for "
        "%(minutes)s minute. Please try again later.",
        "Too many failed attempts. For your security, signing in is blocked for "
        "%(minutes)s minutes. Please try again later.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """The page axes answers a locked-out sign-in with.

    On the admin's login page the form is shown again with the message
    (``AdminLoginForm`` puts it there); elsewhere, such as the readers' login, a page in
    the site's layout explains it.
    """
    if original_response is not None and request.path == reverse("wagtailadmin_login"):
        original_response.status_code = TOO_MANY_REQUESTS
        return original_response
    # Made after the view, where Django renders responses no more: rendered here.
    return TemplateResponse(
        request,
        "accounts/locked_out.html",
        {"message": lockout_message()},
        status=TOO_MANY_REQUESTS,
    ).render()


def _page_password_key(request: HttpRequest) -> str:
    return f"muhabir:page-password-failures:{client_address(request)}"


def page_password_blocked(request: HttpRequest) -> bool:
    """Whether this address gave too many wrong page passwords within the cool-off time."""
    failures = cache.get(_page_password_key(request), 0)
    return failures >= settings.MUHABIR_LOGIN_FAILURES


def page_password_failure_record(request: HttpRequest) -> None:
    """Count one wrong page password for this address.

    The count lives as long as the cool-off time from the first failure; ``add`` and
    ``incr`` are atomic in Redis, so app servers sharing it share the count.
    """
    key = _page_password_key(request)
    cache.add(key, 0, timeout=settings.MUHABIR_LOGIN_COOLOFF_MINUTES * 60)
    try:
        cache.incr(key)
    except ValueError:
        # Expired between add and incr: this failure starts a new window.
        cache.set(key, 1, timeout=settings.MUHABIR_LOGIN_COOLOFF_MINUTES * 60)
