"""Near me: entries of every located kind within a radius of a point, nearest first.

The point comes from the reader's device (a small script fills in ``lat``/``lng``) or,
without a script or permission, from a city picked in a plain form: the seat of one of
the 53 districts.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext

from muhabir.directory.calendar import occurrences as calendar
from muhabir.directory.models import Association, District, IntegrationCentre, Place
from muhabir.directory.models.base import language_current
from muhabir.directory.selectors import Point, near
from muhabir.directory.views.common import (
    KIND_TITLES,
    DirectoryView,
    entry_url,
    event_url,
    marker,
    render,
    sort_key,
)

RADIUS_CHOICES = (2, 5, 10, 25, 50)
DEFAULT_RADIUS = 10
# The nearest this many of each kind, and of all together, are shown.
MAX_PER_KIND = 100
MAX_HITS = 100
KINDS = ("places", "associations", "centres", "events")


@dataclass
class Hit:
    kind: str
    name: str
    url: str
    distance_km: float
    detail: str = ""
    lang: str = ""
    latitude: float | None = None
    longitude: float | None = None
    pk: int | None = None


def _entries(model, kind: str, page, point: Point, radius: float) -> list[Hit]:
    return [
        Hit(
            kind=kind,
            name=str(entry),
            url=entry_url(page, kind, entry),
            distance_km=entry.distance_km,
            detail=entry.city,
            latitude=entry.latitude,
            longitude=entry.longitude,
            pk=entry.pk,
        )
        for entry in near(model.objects.public(), point, radius)[:MAX_PER_KIND]
    ]


def _events(page, point: Point, radius: float, places: list[Hit]) -> list[Hit]:
    """Upcoming events with coordinates of their own, and those at a nearby place."""
    upcoming = calendar.upcoming_events()
    found = list(near(upcoming, point, radius)[:MAX_PER_KIND])
    place_hits = {hit.pk: hit for hit in places}
    at_places = upcoming.filter(
        Q(latitude__isnull=True) | Q(longitude__isnull=True),
        place__in=Place.objects.public().filter(pk__in=list(place_hits)),
    )[:MAX_PER_KIND]
    reader = language_current()
    hits = []
    for event in found:
        hits.append(_event_hit(page, event, event.distance_km, reader))
    for event in at_places:
        place = place_hits.get(event.place_id)
        if place is not None:
            hits.append(
                _event_hit(page, event, place.distance_km, reader, place.latitude, place.longitude)
            )
    return hits


def _event_hit(page, event, distance: float, reader: str, lat=None, lng=None) -> Hit:
    title = event.text("title", reader)
    return Hit(
        kind="events",
        name=title,
        url=event_url(page, event),
        distance_km=distance,
        detail=event.location_city,
        lang=title.language if title.language != reader else "",
        latitude=lat if lat is not None else event.latitude,
        longitude=lng if lng is not None else event.longitude,
    )


def nearby(page, point: Point, radius: float, kind: str = "") -> list[Hit]:
    """Entries of ``kind`` (every located kind when empty) near ``point``, nearest first."""
    hits: list[Hit] = []
    places: list[Hit] = []
    if kind in ("", "places", "events"):
        places = _entries(Place, "places", page, point, radius)
        if kind in ("", "places"):
            hits += places
    if kind in ("", "associations"):
        hits += _entries(Association, "associations", page, point, radius)
    if kind in ("", "centres"):
        hits += _entries(IntegrationCentre, "centres", page, point, radius)
    if kind in ("", "events"):
        hits += _events(page, point, radius, places)
    hits.sort(key=lambda hit: (hit.distance_km, hit.name))
    return hits[:MAX_HITS]


def near_view(request, page):
    language = language_current()
    notes: list[str] = []
    errors: list[str] = []

    radius = DEFAULT_RADIUS
    given = request.GET.get("radius", "").strip()
    if given:
        try:
            radius = int(given)
        except ValueError:
            radius = 0
        if radius not in RADIUS_CHOICES:
            notes.append(
                gettext("The radius can be %(choices)s km; %(default)s km is shown instead.")
                % {
                    "choices": ", ".join(str(choice) for choice in RADIUS_CHOICES),
                    "default": DEFAULT_RADIUS,
                }
            )
            radius = DEFAULT_RADIUS

    kind = request.GET.get("kind", "").strip()
    if kind and kind not in KINDS:
        notes.append(gettext("This kind of entry is unknown; all kinds are shown."))
        kind = ""

    districts = sorted(District.objects.all(), key=lambda d: sort_key(d.seat, language))
    city = request.GET.get("city", "").strip()
    district = next((d for d in districts if d.slug == city), None) if city else None
    point = None
    where = ""
    if city and district is None:
        errors.append(gettext("This city is not in the list. Please pick one."))
    elif district is not None:
        point = Point(district.latitude, district.longitude)
        where = district.seat
    elif request.GET.get("lat") or request.GET.get("lng"):
        point = Point.parse(request.GET.get("lat"), request.GET.get("lng"))
        if point is None:
            errors.append(
                gettext(
                    "Your location could not be read. Please pick a city, "
                    "or try “Use my location” again."
                )
            )

    hits = nearby(page, point, radius, kind) if point is not None else []
    return render(
        request,
        DirectoryView(page),
        "directory/near.html",
        {
            "point": point,
            "where": where,
            "radius": radius,
            "radius_choices": RADIUS_CHOICES,
            "kind": kind,
            "kind_choices": [(choice, KIND_TITLES[choice]) for choice in KINDS],
            "districts": districts,
            "city": district.slug if district is not None else "",
            "notes": notes,
            "errors": errors,
            "hits": hits,
            "markers": [
                marker(
                    name=hit.name,
                    url=hit.url,
                    latitude=hit.latitude,
                    longitude=hit.longitude,
                    kind=hit.kind,
                    detail=hit.detail,
                    lang=hit.lang,
                )
                for hit in hits
                if hit.latitude is not None and hit.longitude is not None
            ],
        },
    )
