"""Associations: the list with its filters, and each association's page."""

from __future__ import annotations

from django.http import Http404

from muhabir.directory.models import Association, Offer, Place
from muhabir.directory.models.base import language_current
from muhabir.directory.views.common import DirectoryView, entry_url, paginate, render
from muhabir.directory.views.filters import AssociationFilterSet, filters_apply
from muhabir.directory.views.places import LIST_ORDER, located_markers
from muhabir.directory.views.related import articles_naming, upcoming_events
from muhabir.directory.views.structured import association_json_ld


def association_list(request, page):
    language = language_current()
    associations = Association.objects.public()
    found, state = filters_apply(AssociationFilterSet(request.GET, associations, language))
    results = paginate(request, found.select_related("district").order_by(*LIST_ORDER))
    return render(
        request,
        DirectoryView(page),
        "directory/entry_list.html",
        {
            "kind": "associations",
            "results": results,
            "state": state,
            "entries": [(entry, entry_url(page, "associations", entry)) for entry in results],
            "markers": located_markers(page, "associations", results),
        },
        page_number=results.number,
    )


def association_detail(request, page, slug: str):
    association = (
        Association.objects.public().select_related("district", "logo").filter(slug=slug).first()
    )
    if association is None:
        raise Http404
    url = entry_url(page, "associations", association)
    description = association.text("description")
    view = DirectoryView(page, crumb=association.name)
    return render(
        request,
        view,
        "directory/association_detail.html",
        {
            "entry": association,
            "places": [
                (place, entry_url(page, "places", place))
                for place in Place.objects.public()
                .filter(associations=association)
                .order_by(*LIST_ORDER)
            ],
            "offers": [
                (offer, entry_url(page, "offers", offer))
                for offer in Offer.objects.public()
                .filter(provider_association=association)
                .select_related("district")
                .order_by(*LIST_ORDER)
            ],
            "events": upcoming_events(page, association),
            "articles": articles_naming(association, "associations"),
            "markers": located_markers(page, "associations", [association]),
        },
        description=description,
        json_ld=[
            association_json_ld(request, association, request.build_absolute_uri(url), description)
        ],
        keep_query=False,
    )
