"""Places: the list with its filters, and each place's page."""

from __future__ import annotations

from django.http import Http404

from muhabir.directory.models import Association, Offer, Place
from muhabir.directory.models.base import language_current
from muhabir.directory.views.common import (
    DirectoryView,
    entry_url,
    marker,
    paginate,
    render,
)
from muhabir.directory.views.filters import PlaceFilterSet, filters_apply
from muhabir.directory.views.related import articles_naming, upcoming_events
from muhabir.directory.views.structured import place_json_ld

# Sorted by slug: made from the name with its marks folded (Çay → cay), it files names as
# readers expect and is indexed; the name itself sorts Ç after Z on SQLite.
LIST_ORDER = ("slug", "pk")


def place_list(request, page):
    language = language_current()
    places = Place.objects.public()
    found, state = filters_apply(PlaceFilterSet(request.GET, places, language))
    results = paginate(request, found.select_related("district").order_by(*LIST_ORDER))
    view = DirectoryView(page)
    return render(
        request,
        view,
        "directory/entry_list.html",
        {
            "kind": "places",
            "results": results,
            "state": state,
            "entries": [(place, entry_url(page, "places", place)) for place in results],
            "markers": located_markers(page, "places", results),
        },
        page_number=results.number,
    )


def located_markers(page, kind: str, entries) -> list[dict]:
    return [
        marker(
            name=str(entry),
            url=entry_url(page, kind, entry),
            latitude=entry.latitude,
            longitude=entry.longitude,
            kind=kind,
            detail=entry.city,
        )
        for entry in entries
        if entry.has_coordinates
    ]


def place_detail(request, page, slug: str):
    place = Place.objects.public().select_related("district", "photo").filter(slug=slug).first()
    if place is None:
        raise Http404
    url = entry_url(page, "places", place)
    description = place.text("description")
    view = DirectoryView(page, crumb=place.name)
    return render(
        request,
        view,
        "directory/place_detail.html",
        {
            "entry": place,
            "associations": [
                (association, entry_url(page, "associations", association))
                for association in Association.objects.public()
                .filter(places=place)
                .order_by(*LIST_ORDER)
            ],
            "offers": [
                (offer, entry_url(page, "offers", offer))
                for offer in Offer.objects.public()
                .filter(place=place)
                .select_related("provider_centre", "provider_association")
                .order_by("slug")
            ],
            "events": upcoming_events(page, place),
            "articles": articles_naming(place, "places"),
            "markers": located_markers(page, "places", [place]),
        },
        description=description,
        json_ld=[place_json_ld(request, place, request.build_absolute_uri(url), description)],
        keep_query=False,
    )
