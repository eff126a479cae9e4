"""Wagtail's page for an address, without walking the page tree on every request.

Wagtail finds a page by its path one level at a time: the language's home page, then
each child by slug, each with a second query for its specific type. ``RouteMiddleware``
keeps, per worker, which page an address led to last time, checked against the change
times of the page and site tables (an edit, move or unpublish anywhere changes them), and
loads just that page. Only addresses that lead to a page itself are kept; routes below a
page (the directory's lists and entries) and every miss take Wagtail's own way.
"""

from __future__ import annotations

from django.apps import apps
from django.http import HttpRequest
from django.urls import Resolver404, resolve
from django.utils.translation import get_language
from wagtail import views as wagtail_views
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from muhabir.pagecache.memo import remembered_in_process
from muhabir.pagecache.middleware import BYPASS_PREFIXES
from muhabir.pagecache.sites import SITE_TAGS

_SERVE_VIEWS = frozenset({wagtail_views.serve})


def _path(request: HttpRequest) -> str | None:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    if match.func not in _SERVE_VIEWS or not match.args:
        return None
    return match.args[0]


def _wagtail_route(request: HttpRequest, path: str) -> tuple[int, str] | None:
    """Route as Wagtail does (the result stays on the request); what to keep of it."""
    result = Page.route_for_request(request, path)
    if result is None or result.args or result.kwargs:
        return None
    page = result.page
    return page.pk, page._meta.label_lower


def prime_route(request: HttpRequest) -> None:
    """Leave the page for the request's address where ``Page.route_for_request`` looks."""
    if hasattr(request, "_wagtail_route_for_request"):
        return
    path = _path(request)
    if path is None:
        return
    site = Site.find_for_request(request)
    if site is None:
        return
    key = ("route", site.pk, get_language(), path)
    kept = remembered_in_process(
        key, SITE_TAGS, lambda: _wagtail_route(request, path), request=request
    )
    if kept is None or hasattr(request, "_wagtail_route_for_request"):
        return
    pk, label = kept
    page = (
        apps.get_model(label)
        ._default_manager.filter(pk=pk, live=True)
        .select_related("locale")
        .first()
    )
    if page is not None:
        request._wagtail_route_for_request = RouteResult(page)  # type: ignore[attr-defined]


class RouteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if request.method in ("GET", "HEAD") and not request.path.startswith(BYPASS_PREFIXES):
            prime_route(request)
        return self.get_response(request)
