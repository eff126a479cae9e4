"""The map of the directory: every live entry with coordinates, drawn by Leaflet.

The tiles come from the server ``MAP_TILE_URL`` names; without one the page says so and
lists the entries, and nothing is loaded from another host.
"""

from __future__ import annotations

from django.utils.translation import gettext

from muhabir.directory.calendar import occurrences as calendar
from muhabir.directory.models import ENTRY_KINDS
from muhabir.directory.models.base import DIRECTORY_LANGUAGES, language_current
from muhabir.directory.views.common import (
    KIND_TITLES,
    DirectoryView,
    marker,
    render,
    sort_key,
)

# The map embeds its points in the page; beyond this many per kind it would grow too heavy.
MAX_MARKERS_PER_KIND = 2000
KINDS = ("places", "associations", "centres", "events")


def _located(queryset):
    return queryset.filter(latitude__isnull=False, longitude__isnull=False)


def map_markers(page, kind: str = "") -> list[dict]:
    """Markers of live located entries (events: upcoming, with coordinates of their own)."""
    markers = []
    for name in ("places", "associations", "centres"):
        if kind and kind != name:
            continue
        model = ENTRY_KINDS[name]
        rows = (
            _located(model.objects.public())
            .order_by("slug")
            .values_list("name", "slug", "latitude", "longitude", "city")[:MAX_MARKERS_PER_KIND]
        )
        markers += [
            marker(
                name=title,
                url=page.url_for(name, f"{slug}/"),
                latitude=lat,
                longitude=lng,
                kind=name,
                detail=city,
            )
            for title, slug, lat, lng, city in rows
        ]
    if kind in ("", "events"):
        reader = language_current()
        other = next(code for code in DIRECTORY_LANGUAGES if code != reader)
        rows = (
            _located(calendar.upcoming_events())
            .order_by("start", "pk")
            .values_list(
                f"title_{reader}", f"title_{other}", "slug", "latitude", "longitude", "city"
            )[:MAX_MARKERS_PER_KIND]
        )
        markers += [
            marker(
                name=own or foreign,
                url=page.url_for("events", f"{slug}/"),
                latitude=lat,
                longitude=lng,
                kind="events",
                detail=city,
                lang="" if own else other,
            )
            for own, foreign, slug, lat, lng, city in rows
        ]
    return markers


def map_view(request, page):
    language = language_current()
    notes = []
    kind = request.GET.get("kind", "").strip()
    if kind and kind not in KINDS:
        notes.append(gettext("This kind of entry is unknown; all kinds are shown."))
        kind = ""
    markers = map_markers(page, kind)
    listed = sorted(markers, key=lambda item: sort_key(item["name"], language))
    return render(
        request,
        DirectoryView(page),
        "directory/map.html",
        {
            "markers": markers,
            "listed": listed,
            "kind": kind,
            "kind_choices": [(choice, KIND_TITLES[choice]) for choice in KINDS],
            "notes": notes,
        },
    )
