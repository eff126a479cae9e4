"""The no-JavaScript path of the text-size and contrast controls, and their stylesheet."""

from __future__ import annotations

import hashlib

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_safe

from muhabir.accessibility.preferences import (
    CONTRAST_COOKIE,
    CONTRAST_HIGH,
    COOKIE_MAX_AGE,
    TEXT_SIZE_COOKIE,
    preferences_css,
    preferences_from_cookies,
    text_size_step_after,
)


def _back(request: HttpRequest) -> HttpResponseRedirect:
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    return HttpResponseRedirect(target, status=303)


def _remember(response: HttpResponse, name: str, value: str) -> None:
    response.set_cookie(name, value, max_age=COOKIE_MAX_AGE, samesite="Lax", httponly=False)


@require_GET
def text_size(request: HttpRequest) -> HttpResponse:
    """-A / +A without JavaScript: remember the new step and go back to the page."""
    current = preferences_from_cookies(request.COOKIES)
    step = text_size_step_after(current.text_size_step, request.GET.get("change", ""))
    response = _back(request)
    _remember(response, TEXT_SIZE_COOKIE, str(step))
    return response


@require_GET
def contrast(request: HttpRequest) -> HttpResponse:
    """Toggle high contrast without JavaScript."""
    current = preferences_from_cookies(request.COOKIES)
    response = _back(request)
    _remember(response, CONTRAST_COOKIE, "" if current.high_contrast else CONTRAST_HIGH)
    return response


@require_safe
def stylesheet(request: HttpRequest) -> HttpResponse:
    """The reader's own preferences as CSS; private, so shared caches keep one page for all."""
    css = preferences_css(preferences_from_cookies(request.COOKIES))
    etag = '"' + hashlib.sha256(css.encode()).hexdigest()[:16] + '"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["ETag"] = etag
    patch_cache_control(response, private=True, no_cache=True, max_age=0)
    patch_vary_headers(response, ["Cookie"])
    return response
