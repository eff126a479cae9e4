"""What the directory's reader pages share: rendering with their own head and language
links, pagination, sorting, and the map's configuration.

Every view below the DirectoryPage is the same Wagtail page to Wagtail, so the canonical
address, the hreflang alternates, the language switch and the crumbs come from the route
that served the request, reversed on the page of each language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from anyascii import anyascii
from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.paginator import Page as PaginatorPage
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from muhabir.core import text
from muhabir.core.metadata import SCHEMA_CONTEXT, RouteHead, absolute, hreflang_alternates
from muhabir.directory.segments import kind_for_segment
from muhabir.pagecache.fragments import remembered

if TYPE_CHECKING:
    from muhabir.directory.models import DirectoryPage

PAGE_SIZE = 20
# Long enough for any name or phrase; a longer query is cut, never refused.
MAX_QUERY_LENGTH = 200

KIND_TITLES = {
    "places": _("Places"),
    "associations": _("Associations"),
    "centres": _("Integration centres"),
    "offers": _("Offers"),
    "events": _("Events"),
    "near": _("Near me"),
    "map": _("Map"),
    "propose": _("Propose an entry"),
}
# The kinds in the directory's own navigation, in this order.
NAVIGATION_KINDS = ("places", "associations", "centres", "offers", "events", "near", "map")


@dataclass
class Crumb:
    title: str
    url: str


@dataclass
class DirectoryView:
    """What a view says about itself: its title, and its own crumb's label if it has one.

    ``render`` fills in the rest from the route: the kind of page, its address and whether
    it lies below the kind's list (``rest``).
    """

    page: DirectoryPage
    title: str = ""
    crumb: str = ""
    kind: str = "start"
    url: str = ""
    rest: str = ""


@dataclass(frozen=True)
class Route:
    name: str
    kwargs: dict = field(default_factory=dict)

    @property
    def kind(self) -> str:
        segment = self.kwargs.get("segment")
        return (kind_for_segment(segment) if segment else None) or "start"


def route_of(request: HttpRequest) -> Route:
    """The route that serves the request; a preview shows the start page."""
    match = getattr(request, "routable_resolver_match", None)
    if match is None:
        return Route("start")
    return Route(match.url_name, match.kwargs)


def translations(request: HttpRequest, page: DirectoryPage) -> dict[str, DirectoryPage]:
    """The live directory pages of every language, by language code."""

    def find() -> dict[str, DirectoryPage]:
        pages = page.get_translations().live().public().select_related("locale")
        return {other.locale.language_code: other.specific for other in pages}

    found = remembered(request, "directory-translations", [page], find)
    found[page.language] = page
    return found


def query_text(data: Mapping[str, str]) -> str:
    """The words of a query string (``request.GET``)."""
    return text.squash_whitespace(data.get("q", ""))[:MAX_QUERY_LENGTH]


def paginate(request: HttpRequest, items, per_page: int = PAGE_SIZE) -> PaginatorPage:
    """The requested page of ``items``; 404 for a page that does not exist."""
    paginator = Paginator(items, per_page)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except (EmptyPage, PageNotAnInteger):
        raise Http404 from None


def sort_key(value: str, language: str) -> str:
    """A key that files Ç by C and Ö by O, as readers expect, not after Z like byte order."""
    return anyascii(text.lower(value, language)).casefold()


def map_tiles() -> dict | None:
    """The tile server of the map, or None: then no map is drawn and nothing is loaded."""
    if not settings.MAP_TILE_URL:
        return None
    return {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION}


def marker(*, name: str, url: str, latitude, longitude, kind: str, detail: str = "", lang=None):
    """One point of a map as the map script reads it."""
    return {
        "name": name,
        "url": url,
        "lat": latitude,
        "lng": longitude,
        "kind": kind,
        "detail": detail,
        "lang": lang or "",
    }


def event_url(page: DirectoryPage, event) -> str:
    return page.url_for("events", f"{event.slug}/")


def entry_url(page: DirectoryPage, kind: str, entry) -> str:
    return page.url_for(kind, f"{entry.slug}/")


def render(
    request: HttpRequest,
    view: DirectoryView,
    template: str,
    context: dict,
    *,
    description: str = "",
    json_ld: list[dict] | None = None,
    page_number: int = 1,
    keep_query: bool = True,
) -> HttpResponse:
    """Render a directory view with its head (canonical, alternates, JSON-LD) and crumbs."""
    page = view.page
    route = route_of(request)
    languages = translations(request, page)
    own = {code: other.route_url(route.name, route.kwargs) for code, other in languages.items()}
    view.kind = route.kind
    view.url = own[page.language]
    list_url = page.url_for(view.kind)
    view.rest = view.url[len(list_url) :] if view.kind != "start" else ""
    # The same filters in the other language; a form's empty fields add nothing.
    query = urlencode([(k, v) for k, v in request.GET.items() if v]) if keep_query else ""
    language_urls = {code: f"{url}?{query}" if query else url for code, url in own.items()}

    crumbs = [Crumb(page.title, page.url_for("start"))]
    if view.kind != "start":
        crumbs.append(Crumb(str(KIND_TITLES[view.kind]), page.url_for(view.kind)))
    if view.crumb:
        crumbs.append(Crumb(view.crumb, view.url))
    title = view.title or crumbs[-1].title

    canonical = absolute(request, view.url)
    if page_number > 1:
        canonical = f"{canonical}?page={page_number}"
    alternates = {code: absolute(request, url) for code, url in own.items()}
    # The page's head around it (site name, share image, feeds) is added where it is written.
    route_head = RouteHead(
        canonical=canonical,
        title=title,
        description=description,
        alternates=hreflang_alternates(alternates) if page_number == 1 else [],
        crumbs=[(crumb.title, absolute(request, crumb.url)) for crumb in crumbs],
        json_ld=[{"@context": SCHEMA_CONTEXT, **data} for data in json_ld or []],
    )

    context = {
        "page": page,
        "self": page,
        "view": view,
        "view_title": title,
        "crumbs": crumbs,
        "route_head": route_head,
        "language_urls": language_urls,
        "directory_nav": [
            {"kind": kind, "title": KIND_TITLES[kind], "url": page.url_for(kind)}
            for kind in NAVIGATION_KINDS
        ],
        "map_tiles": map_tiles(),
        **context,
    }
    return TemplateResponse(request, template, context)
