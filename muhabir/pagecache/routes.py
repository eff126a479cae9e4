"""Wagtail's page for an address, without walking the page tree on every request.

Wagtail finds a page by its path one level at a time: the language's home page, then
each child by slug, each with a second query for its specific type. ``RouteMiddleware``
keeps, per worker, the page an address led to last time, checked against the change
times of the page and site tables (an edit, move or unpublish anywhere changes them), so
a known address costs no query at all. An address below a routable page (the directory's
lists and entries) keeps the page and the rest of the address, which the page resolves
again in memory: its routes are code, not rows. Every miss takes Wagtail's own way.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import Resolver404, resolve
from django.utils.translation import get_language
from wagtail import views as wagtail_views
from wagtail.contrib.routable_page.models import RoutablePageMixin
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


@dataclass(frozen=True)
class KeptRoute:
    page: Page
    # The address below a routable page ("/mekanlar/"), or None for the page itself.
    below: str | None = None


def _wagtail_route(request: HttpRequest, path: str, site: Site) -> KeptRoute | None:
    """Route as Wagtail does (the result stays on the request); what to keep of it: the
    page as its table holds it, with its locale, and nothing the routing cached on it."""
    result = Page.route_for_request(request, path)
    if result is None:
        return None
    result.page.locale  # noqa: B018 - kept with the page: every view asks for its language
    if not result.args and not result.kwargs:
        return KeptRoute(_kept_copy(result.page))
    match = getattr(request, "routable_resolver_match", None)
    if not isinstance(result.page, RoutablePageMixin) or match is None:
        return None
    # Wagtail's walk spends one part of the address per level below the language's root.
    root = site.root_page.localized
    components = [component for component in path.split("/") if component]
    below = components[result.page.depth - root.depth :]
    return KeptRoute(_kept_copy(result.page), "/" + "".join(f"{part}/" for part in below))


def _route_result(kept: KeptRoute, request: HttpRequest) -> RouteResult:
    """What Wagtail's routing would have left on the request for this kept route."""
    if kept.below is None:
        return RouteResult(kept.page)
    match = kept.page.resolve_subpage(kept.below)
    request.routable_resolver_match = match  # type: ignore[attr-defined]
    return RouteResult(kept.page, args=(match.func, match.args, match.kwargs))


def _kept_copy(page: Page) -> Page:
    """A copy of the routed page made of its columns and its locale, without a second query
    and without whatever the routing cached on it."""
    model = type(page)
    names = [field.attname for field in model._meta.concrete_fields]
    copy = model.from_db(page._state.db, names, [getattr(page, name) for name in names])
    locale = page._state.fields_cache.get("locale")
    if locale is not None:
        copy.locale = locale
    return copy


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
    # The page itself is kept: any change to a page (an edit, a publish, an unpublish)
    # changes the page table and with it what is kept.
    kept = remembered_in_process(
        key, SITE_TAGS, lambda: _wagtail_route(request, path, site), request=request
    )
    if kept is None or hasattr(request, "_wagtail_route_for_request"):
        return
    request._wagtail_route_for_request = _route_result(kept, request)  # type: ignore[attr-defined]


class RouteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if request.method in ("GET", "HEAD") and not request.path.startswith(BYPASS_PREFIXES):
            prime_route(request)
        return self.get_response(request)
