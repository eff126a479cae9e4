"""The filters of the event calendar: city, district and organiser, from the query string."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from muhabir.directory.calendar import occurrences as calendar
from muhabir.directory.models import Association, District, Event, IntegrationCentre
from muhabir.directory.models.events import EventFilters
from muhabir.directory.views.common import sort_key
from muhabir.directory.views.filters import (
    ChoiceFilter,
    DirectoryFilterSet,
    FilterState,
    district_choices,
)


def organiser_kind(organiser) -> str:
    return "association" if isinstance(organiser, Association) else "centre"


class EventFilterSet(DirectoryFilterSet):
    """The calendar's form; the calendar expands occurrences itself from ``event_filters``."""

    city = ChoiceFilter(label=gettext_lazy("City"), all_label=gettext_lazy("All cities"))
    district = ChoiceFilter(
        label=gettext_lazy("Kreis or city"), all_label=gettext_lazy("All districts")
    )
    organiser = ChoiceFilter(
        label=gettext_lazy("Organiser"), all_label=gettext_lazy("All organisers")
    )

    class Meta:
        model = Event
        fields = ["city", "district", "organiser"]

    def choices(self, queryset):
        language = self.language
        self.districts = list(District.objects.filter(pk__in=_district_ids()))
        self.organisers = _organisers(language)
        cities = calendar.event_cities(language).values()
        return {
            "city": [(c, c) for c in sorted(cities, key=lambda c: sort_key(c, language))],
            "district": district_choices(self.districts, language),
            "organiser": [(value, str(organiser)) for value, organiser in self.organisers.items()],
        }

    def event_filters(self) -> EventFilters:
        selected = self.form.cleaned_data
        organiser = self.organisers.get(selected.get("organiser") or "")
        district = selected.get("district") or ""
        return EventFilters(
            city=selected.get("city") or "",
            district=next((d for d in self.districts if d.slug == district), None),
            association=organiser if isinstance(organiser, Association) else None,
            centre=organiser if isinstance(organiser, IntegrationCentre) else None,
            query=self.query,
        )


def event_filters_from(request, page) -> tuple[EventFilters, FilterState]:
    """Filters from the query string, as the calendar reads them and as the form shows them.

    The form is the directory's filter form; values that are not a choice are left out
    with a note, as in the other lists.
    """
    filterset = EventFilterSet(request, Event.objects.public(), page.language)
    state = filterset.state()
    return filterset.event_filters(), state


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
