"""The filters of the directory's lists: django-filter FilterSets behind a plain GET form.

Each list has a FilterSet whose choices are made per request from what readers can find.
A value that is not one of a filter's choices (an old link, a typo) fails that field of
the FilterSet's form, so django-filter leaves the filter out; the reader sees a note and
the list still answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext, gettext_lazy

from muhabir.directory.models import Association, District, IntegrationCentre, Place
from muhabir.directory.selectors import text_filter
from muhabir.directory.views.common import query_text, sort_key
from muhabir.pagecache.fragments import remembered

# A bad value is quoted back to the reader; a long one is cut.
QUOTED_VALUE_LENGTH = 40


class StrippedChoiceField(forms.ChoiceField):
    def to_python(self, value):
        return super().to_python(value).strip()


class ChoiceFilter(django_filters.ChoiceFilter):
    """A choice filter with the label of its "all" option, as the directory's form shows it."""

    field_class = StrippedChoiceField

    def __init__(self, *args, all_label: str = "", **kwargs):
        self.all_label = all_label
        kwargs.setdefault("choices", [])
        super().__init__(*args, **kwargs)


class DirectoryFilterSet(django_filters.FilterSet):
    """Words (``q``) and the list's choice filters; ``choices`` sets them per request."""

    q = django_filters.CharFilter(method="filter_words")
    # Choices made only from the list's public entries and the language are kept between
    # requests until an entry changes (``remembered``): a list given to readers passes its
    # public entries, and reading the choices costs more queries than the list itself.
    keep_choices = False

    def __init__(self, data: Mapping[str, str], queryset: QuerySet, language: str):
        self.language = language
        self.query = query_text(data)
        super().__init__(data=data, queryset=queryset)
        if self.keep_choices:
            choices = remembered(
                None,
                "directory-choices",
                [type(self).__name__, language],
                lambda: self.choices(queryset),
            )
        else:
            choices = self.choices(queryset)
        for name, pairs in choices.items():
            self.filters[name].extra["choices"] = pairs

    def choices(self, queryset: QuerySet) -> dict[str, list[tuple[str, str]]]:
        return {}

    def filter_words(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return text_filter(queryset, self.query) if self.query else queryset

    def state(self) -> FilterState:
        """What the form shows: each filter with its choices and selection, and the notes."""
        self.errors  # noqa: B018 - validates the form, as FilterSet.qs does
        state = FilterState(query=self.query)
        for name, item in self.filters.items():
            if not isinstance(item, ChoiceFilter):
                continue
            selected = self.form.cleaned_data.get(name) or ""
            state.filters.append(
                FilterView(
                    name, str(item.label), item.extra["choices"], str(item.all_label), selected
                )
            )
            if name in self.form.errors:
                value = self.data.get(name, "").strip()
                quoted = value[:QUOTED_VALUE_LENGTH]
                quoted += "…" if len(value) > QUOTED_VALUE_LENGTH else ""
                state.notes.append(
                    gettext(
                        "“%(value)s” is not a choice for “%(filter)s”; that filter was left out."
                    )
                    % {"value": quoted, "filter": item.label}
                )
        return state


@dataclass
class FilterView:
    name: str
    label: str
    # (value, label) pairs, A to Z as readers of the page's language sort.
    pairs: list[tuple[str, str]]
    all_label: str = ""
    selected: str = ""

    @property
    def choices(self) -> list[dict]:
        return [{"value": value, "label": label} for value, label in self.pairs]


@dataclass
class FilterState:
    filters: list[FilterView] = field(default_factory=list)
    query: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return bool(self.query) or any(f.selected for f in self.filters)

    @property
    def querystring(self) -> str:
        """The filters as a query string, for pagination links (without ``page``)."""
        pairs = [("q", self.query)] if self.query else []
        pairs += [(f.name, f.selected) for f in self.filters if f.selected]
        return urlencode(pairs)


def filters_apply(filterset: DirectoryFilterSet) -> tuple[QuerySet, FilterState]:
    """The list narrowed by the request's valid filter values and words, and the form's state."""
    return filterset.qs, filterset.state()


def city_choices(queryset: QuerySet, language: str) -> list[tuple[str, str]]:
    """The cities of the entries in ``queryset``, A to Z as readers of ``language`` sort."""
    cities = set(queryset.exclude(city="").order_by().values_list("city", flat=True).distinct())
    return [(city, city) for city in sorted(cities, key=lambda c: sort_key(c, language))]


def district_choices(districts, language: str) -> list[tuple[str, str]]:
    return [(d.slug, d.name) for d in sorted(districts, key=lambda d: sort_key(d.name, language))]


def entry_districts(queryset: QuerySet):
    """The districts the entries in ``queryset`` lie in."""
    return District.objects.filter(pk__in=queryset.order_by().values("district"))


class LocatedFilterSet(DirectoryFilterSet):
    keep_choices = True
    city = ChoiceFilter(label=gettext_lazy("City"), all_label=gettext_lazy("All cities"))
    district = ChoiceFilter(
        field_name="district__slug",
        label=gettext_lazy("Kreis or city"),
        all_label=gettext_lazy("All districts"),
    )

    def choices(self, queryset):
        return {
            "city": city_choices(queryset, self.language),
            "district": district_choices(entry_districts(queryset), self.language),
        }


class PlaceFilterSet(LocatedFilterSet):
    category = ChoiceFilter(
        label=gettext_lazy("Category"), all_label=gettext_lazy("All categories")
    )

    class Meta:
        model = Place
        fields = ["category", "city", "district"]

    def choices(self, queryset):
        categories = [(value, str(label)) for value, label in Place.Category.choices]
        return {"category": categories, **super().choices(queryset)}


class AssociationFilterSet(LocatedFilterSet):
    class Meta:
        model = Association
        fields = ["city", "district"]


class CentreFilterSet(DirectoryFilterSet):
    district_kind = ChoiceFilter(
        field_name="for_district__kind",
        label=gettext_lazy("Kind of district"),
        all_label=gettext_lazy("Kreise and kreisfreie Städte"),
    )

    class Meta:
        model = IntegrationCentre
        fields = ["district_kind"]

    def choices(self, queryset):
        return {"district_kind": [(value, str(label)) for value, label in District.Kind.choices]}
