"""Permanent redirects from the old WordPress site's URLs.

It sits above LocaleMiddleware, which would otherwise answer every old path without a
language prefix (``/2019/11/slug/``, ``/?p=123``) with a redirect to ``/tr/...``. The table
is consulted only for requests that are not ours anyway: paths without a language prefix
that no URL pattern takes, requests carrying one of WordPress's item parameters, and
responses that are 404s. Reader pages (``/tr/...``) that exist never touch it.
"""

from __future__ import annotations

from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve
from django.utils.translation import get_language_from_path

from muhabir.wordpress.links import ITEM_PARAMETERS, normalise, target_url
from muhabir.wordpress.models import LegacyLink

# On the front page these name a post, page or attachment; an unknown or unpublished one is
# a plain 404 either way, so the answer tells nothing about what exists.
ITEM_ID_PARAMETERS = ("p", "page_id", "attachment_id")


def _lookup(key: str) -> LegacyLink | None:
    return LegacyLink.objects.filter(path=key).first()


def _is_ours(path: str) -> bool:
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


class LegacyLinkMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        path = request.path_info
        parameter = next((name for name in ITEM_PARAMETERS if request.GET.get(name)), None)
        # A link whose target is not public (a draft, a private, scheduled or password-protected
        # post) goes on exactly as an unknown address would: the answer must not tell them apart.
        if parameter is not None:
            link = _lookup(normalise(path, request.GET))
            url = target_url(link, request) if link is not None else None
            if url:
                return HttpResponsePermanentRedirect(url)
            if path == "/" and parameter in ITEM_ID_PARAMETERS:
                raise Http404
        elif path != "/" and get_language_from_path(path) is None and not _is_ours(path):
            link = _lookup(normalise(path))
            url = target_url(link, request) if link is not None else None
            if url:
                return HttpResponsePermanentRedirect(url)
        response = self.get_response(request)
        if response.status_code == 404 and get_language_from_path(path) is not None:
            link = _lookup(normalise(path))
            url = target_url(link, request) if link is not None else None
            if url:
                return HttpResponsePermanentRedirect(url)
        return response
