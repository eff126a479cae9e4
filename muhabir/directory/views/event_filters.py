"""The filters of the event calendar: city, district and organiser, from the query string."""

from __future__ import annotations

from django.utils.translation import gettext

from muhabir.directory.calendar import occurrences as calendar
from muhabir.directory.models import Association, District, Event, IntegrationCentre
from muhabir.directory.models.events import EventFilters
from muhabir.directory.views.common import sort_key
from muhabir.directory.views.filters import Choice, Filter, FilterState, filters_apply


def organiser_kind(organiser) -> str:
    return "association" if isinstance(organiser, Association) else "centre"


def _keep(queryset, value):
    return queryset


def event_filters_from(request, page) -> tuple[EventFilters, FilterState]:
    """Filters from the query string, as the calendar reads them and as the form shows them.

    The form is the directory's filter form; values that are not a choice are left out
    with a note, as in the other lists.
    """
    language = page.language
    cities = calendar.event_cities(language).values()
    districts = District.objects.filter(pk__in=_district_ids())
    organisers = _organisers(language)
    filters = [
        Filter(
            name="city",
            label=gettext("City"),
            all_label=gettext("All cities"),
            choices=[Choice(c, c) for c in sorted(cities, key=lambda c: sort_key(c, language))],
            apply=_keep,
        ),
        Filter(
            name="district",
            label=gettext("Kreis or city"),
            all_label=gettext("All districts"),
            choices=[
                Choice(d.slug, d.name)
                for d in sorted(districts, key=lambda d: sort_key(d.name, language))
            ],
            apply=_keep,
        ),
        Filter(
            name="organiser",
            label=gettext("Organiser"),
            all_label=gettext("All organisers"),
            choices=[Choice(value, str(organiser)) for value, organiser in organisers.items()],
            apply=_keep,
        ),
    ]
    _, state = filters_apply(request, Event.objects.none(), filters)
    selected = {item.name: item.selected for item in filters}
    organiser = organisers.get(selected["organiser"])
    event_filters = EventFilters(
        city=selected["city"],
        district=next((d for d in districts if d.slug == selected["district"]), None),
        association=organiser if isinstance(organiser, Association) else None,
        centre=organiser if isinstance(organiser, IntegrationCentre) else None,
        query=state.query,
    )
    return event_filters, state


def _district_ids() -> set[int]:
    ids: set[int] = set()
    for own, place_district, place_live in Event.objects.public().values_list(
        "district", "place__district", "place__live"
    ):
        if own:
            ids.add(own)
        elif place_district and place_live:
            ids.add(place_district)
    return ids


def _organisers(language: str) -> dict:
    """``association:<slug>`` / ``centre:<slug>`` → each live organiser of a live event."""
    events = Event.objects.public()
    associations = Association.objects.public().filter(events__in=events).distinct()
    centres = IntegrationCentre.objects.public().filter(events__in=events).distinct()
    ordered = sorted([*associations, *centres], key=lambda o: sort_key(str(o), language))
    return {f"{organiser_kind(o)}:{o.slug}": o for o in ordered}
