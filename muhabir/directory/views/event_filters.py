"""The filters of the event calendar and its feeds: city, district, organiser and words.

``EventFilterSet.qs`` is the published events a reader's filters keep; the calendar
expands their occurrences (``muhabir.directory.calendar.occurrences``).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy

from muhabir.directory.calendar import occurrences as calendar
from muhabir.directory.models import Association, District, Event, IntegrationCentre, Place
from muhabir.directory.views.common import sort_key
from muhabir.directory.views.filters import (
    ChoiceFilter,
    DirectoryFilterSet,
    district_choices,
)

ASSOCIATION, CENTRE = "association", "centre"


def organiser_kind(organiser) -> str:
    return ASSOCIATION if isinstance(organiser, Association) else CENTRE


def organiser_value(organiser) -> str:
    """The organiser as the ``organiser`` filter names it: ``association:<slug>``."""
    return f"{organiser_kind(organiser)}:{organiser.slug}"


def _shown_place() -> Q:
    # An event without an address of its own is where its place is, while readers may see it.
    return Q(place__in=Place.objects.public())


class EventFilterSet(DirectoryFilterSet):
    """The calendar's filters; ``qs`` narrows the published events it was given."""

    # Made from the published events and the language only, never from the time of day.
    keep_choices = True

    city = ChoiceFilter(
        method="filter_city",
        label=gettext_lazy("City"),
        all_label=gettext_lazy("All cities"),
    )
    district = ChoiceFilter(
        method="filter_district",
        label=gettext_lazy("Kreis or city"),
        all_label=gettext_lazy("All districts"),
    )
    organiser = ChoiceFilter(
        method="filter_organiser",
        label=gettext_lazy("Organiser"),
        all_label=gettext_lazy("All organisers"),
    )

    class Meta:
        model = Event
        fields = ["city", "district", "organiser"]

    def filter_city(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            Q(city__iexact=value) | Q(_shown_place(), city="", place__city__iexact=value)
        )

    def filter_district(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            Q(district__slug=value)
            | Q(_shown_place(), district__isnull=True, place__district__slug=value)
        )

    def filter_organiser(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        kind, _, slug = value.partition(":")
        if kind == ASSOCIATION:
            return queryset.filter(organiser_association__slug=slug)
        return queryset.filter(organiser_centre__slug=slug)

    def choices(self, queryset):
        language = self.language
        districts = _districts()
        cities = calendar.event_cities(language).values()
        return {
            "city": [(c, c) for c in sorted(cities, key=lambda c: sort_key(c, language))],
            "district": district_choices(districts, language),
            "organiser": [
                (value, str(organiser)) for value, organiser in _organisers(language).items()
            ],
        }

    def city_selected(self) -> str:
        """The city the reader chose ("" for none); after the form was validated."""
        return self.form.cleaned_data.get("city") or ""

    def organiser_selected(self) -> Association | IntegrationCentre | None:
        """The organiser the reader chose; after the form was validated, which took only
        one offered among the choices."""
        kind, _, slug = (self.form.cleaned_data.get("organiser") or "").partition(":")
        if not slug:
            return None
        model = Association if kind == ASSOCIATION else IntegrationCentre
        return model.objects.public().filter(slug=slug).first()


class EventFeedFilterSet(EventFilterSet):
    """One feed's filter, from its address (``city/<slug>.ics``), never from the query string.

    The feed's view has checked the value already: an organiser readers may see whose events
    are all over still gets a feed of its own, empty, where the calendar's form, which only
    offers organisers with events, would drop the filter and return every event.
    """

    keep_choices = False

    def choices(self, queryset):
        return {name: [(value, value)] for name, value in self.data.items()}


def _districts() -> QuerySet:
    """The districts of live events: their own, else their place's while readers may see it."""
    events = Event.objects.public()
    at_place = events.filter(_shown_place(), district__isnull=True)
    return District.objects.filter(
        Q(pk__in=events.values("district")) | Q(pk__in=at_place.values("place__district"))
    )


def _organisers(language: str) -> dict:
    """``association:<slug>`` / ``centre:<slug>`` → each live organiser of a live event."""
    events = Event.objects.public()
    associations = Association.objects.public().filter(events__in=events).distinct()
    centres = IntegrationCentre.objects.public().filter(events__in=events).distinct()
    ordered = sorted([*associations, *centres], key=lambda o: sort_key(str(o), language))
    return {organiser_value(o): o for o in ordered}
