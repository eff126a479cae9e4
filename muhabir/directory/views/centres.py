"""Integration centres: one per Kreis or kreisfreie Stadt, listed A to Z, and each one's page."""

from __future__ import annotations

from django.http import Http404

from muhabir.directory.models import IntegrationCentre, Offer
from muhabir.directory.models.base import language_current
from muhabir.directory.views.common import (
    DirectoryView,
    entry_url,
    paginate,
    render,
    sort_key,
)
from muhabir.directory.views.filters import CentreFilterSet, filters_apply
from muhabir.directory.views.places import LIST_ORDER, located_markers
from muhabir.directory.views.related import articles_naming, upcoming_events
from muhabir.directory.views.structured import centre_json_ld


def centre_list(request, page):
    language = language_current()
    centres = IntegrationCentre.objects.public()
    found, state = filters_apply(CentreFilterSet(request.GET, centres, language))
    # At most 53 centres: sorted here by the reader's alphabet, not by the database's bytes.
    centres = sorted(
        found.select_related("for_district", "district"),
        key=lambda centre: sort_key(centre.name, language),
    )
    results = paginate(request, centres)
    return render(
        request,
        DirectoryView(page),
        "directory/entry_list.html",
        {
            "kind": "centres",
            "results": results,
            "state": state,
            "entries": [(entry, entry_url(page, "centres", entry)) for entry in results],
            "markers": located_markers(page, "centres", results),
        },
        page_number=results.number,
    )


def centre_detail(request, page, slug: str):
    centre = (
        IntegrationCentre.objects.public()
        .select_related("for_district", "district")
        .filter(slug=slug)
        .first()
    )
    if centre is None:
        raise Http404
    url = entry_url(page, "centres", centre)
    description = centre.text("description")
    view = DirectoryView(page, crumb=centre.name)
    return render(
        request,
        view,
        "directory/centre_detail.html",
        {
            "entry": centre,
            "offers": [
                (offer, entry_url(page, "offers", offer))
                for offer in Offer.objects.public()
                .filter(provider_centre=centre)
                .select_related("district")
                .order_by(*LIST_ORDER)
            ],
            "events": upcoming_events(page, centre),
            "articles": articles_naming(centre, "integration_centres"),
            "markers": located_markers(page, "centres", [centre]),
        },
        description=description,
        json_ld=[centre_json_ld(request, centre, request.build_absolute_uri(url), description)],
        keep_query=False,
    )
