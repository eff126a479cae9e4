"""The directory's start page: what it holds, a search over all of it, what comes next."""

from __future__ import annotations

from urllib.parse import urlencode

from django.utils.translation import gettext

from muhabir.directory.calendar import occurrences as calendar
from muhabir.directory.models import Association, IntegrationCentre, Offer, Place
from muhabir.directory.selectors import text_filter
from muhabir.directory.views.common import (
    KIND_TITLES,
    DirectoryView,
    entry_url,
    event_url,
    query_text,
    render,
)
from muhabir.directory.views.places import LIST_ORDER
from muhabir.pagecache.fragments import remembered

# Hits per kind on the start page; the kind's list has the rest.
HITS_PER_KIND = 5
UPCOMING_EVENTS = 5
NEWEST_ENTRIES = 5


def _kinds():
    """kind → (readers' queryset, how its entries are named)."""
    return {
        "places": Place.objects.public(),
        "associations": Association.objects.public(),
        "centres": IntegrationCentre.objects.public(),
        "offers": Offer.objects.public(),
        "events": calendar.upcoming_events(),
    }


def start(request, page):
    # The same for every reader until an entry changes or the next event is over.
    overview = remembered(request, "directory-start", [page], lambda: _overview(page))
    query = query_text(request.GET)
    return render(
        request,
        DirectoryView(page, title=page.title),
        "directory/start.html",
        {
            **overview,
            "query": query,
            "hits": _hits(page, query) if query else [],
            "near_url": page.url_for("near"),
            "map_url": page.url_for("map"),
            "propose_url": page.url_for("propose"),
            "search_label": gettext("Search the directory"),
        },
    )


def _overview(page) -> dict:
    """How many entries of each kind there are, the newest entries and the next events."""
    kinds = _kinds()
    sections = [
        {
            "kind": kind,
            "title": KIND_TITLES[kind],
            "url": page.url_for(kind),
            "count": queryset.count(),
        }
        for kind, queryset in kinds.items()
    ]
    newest = sorted(
        [
            (entry, kind, entry_url(page, kind, entry))
            for kind in ("places", "associations", "centres", "offers")
            for entry in kinds[kind]
            .filter(first_published_at__isnull=False)
            .order_by("-first_published_at", "-pk")[:NEWEST_ENTRIES]
        ],
        key=lambda item: item[0].first_published_at,
        reverse=True,
    )[:NEWEST_ENTRIES]
    upcoming = [
        (occurrence, event_url(page, occurrence.event))
        for occurrence in calendar.upcoming(limit=UPCOMING_EVENTS)
    ]
    return {"sections": sections, "newest": newest, "upcoming": upcoming}


def _hits(page, query: str) -> list[dict]:
    """The first entries of each kind that match the reader's words."""
    hits = []
    for kind, queryset in _kinds().items():
        found = text_filter(queryset, query)
        order = ("start", "pk") if kind == "events" else LIST_ORDER
        entries = list(found.order_by(*order)[:HITS_PER_KIND])
        if not entries:
            continue
        total = found.count() if len(entries) == HITS_PER_KIND else len(entries)
        hits.append(
            {
                "kind": kind,
                "title": KIND_TITLES[kind],
                "total": total,
                "more_url": ""
                if kind == "events"
                else f"{page.url_for(kind)}?{urlencode({'q': query})}",
                "entries": [(entry, _url(page, kind, entry)) for entry in entries],
            }
        )
    return hits


def _url(page, kind: str, entry) -> str:
    return event_url(page, entry) if kind == "events" else entry_url(page, kind, entry)
