"""The filters of the directory's lists: a plain GET form, values checked against choices.

A value that is not one of a filter's choices (an old link, a typo) is left out with a
note the reader sees; the list still answers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext

from muhabir.directory.models import District
from muhabir.directory.selectors import text_filter
from muhabir.directory.views.common import query_text, sort_key

# A bad value is quoted back to the reader; a long one is cut.
QUOTED_VALUE_LENGTH = 40


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    # The language of the label when it is not the reader's (a name in the other language).
    lang: str = ""


@dataclass
class Filter:
    name: str
    label: str
    choices: list[Choice]
    apply: Callable[[QuerySet, str], QuerySet]
    all_label: str = ""
    selected: str = ""

    @property
    def selected_label(self) -> str:
        return next((c.label for c in self.choices if c.value == self.selected), "")


@dataclass
class FilterState:
    filters: list[Filter]
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


def filters_apply(
    request: HttpRequest, queryset: QuerySet, filters: list[Filter]
) -> tuple[QuerySet, FilterState]:
    """Narrow ``queryset`` by the request's filter values and words (``q``)."""
    state = FilterState(filters=filters, query=query_text(request))
    for item in filters:
        value = request.GET.get(item.name, "").strip()
        if not value:
            continue
        if any(choice.value == value for choice in item.choices):
            item.selected = value
            queryset = item.apply(queryset, value)
        else:
            quoted = value[:QUOTED_VALUE_LENGTH] + ("…" if len(value) > QUOTED_VALUE_LENGTH else "")
            state.notes.append(
                gettext("“%(value)s” is not a choice for “%(filter)s”; that filter was left out.")
                % {"value": quoted, "filter": item.label}
            )
    if state.query:
        queryset = text_filter(queryset, state.query)
    return queryset, state


def city_choices(queryset: QuerySet, language: str) -> list[Choice]:
    """The cities of the entries in ``queryset``, A to Z as readers of ``language`` sort."""
    cities = set(queryset.exclude(city="").order_by().values_list("city", flat=True).distinct())
    return [Choice(city, city) for city in sorted(cities, key=lambda c: sort_key(c, language))]


def district_choices(queryset: QuerySet, language: str, field_name: str = "district") -> list:
    """The districts the entries in ``queryset`` lie in."""
    ids = queryset.order_by().values(field_name)
    districts = District.objects.filter(pk__in=ids)
    return [
        Choice(d.slug, d.name) for d in sorted(districts, key=lambda d: sort_key(d.name, language))
    ]


def city_filter(queryset: QuerySet, language: str) -> Filter:
    return Filter(
        name="city",
        label=gettext("City"),
        all_label=gettext("All cities"),
        choices=city_choices(queryset, language),
        apply=lambda qs, value: qs.filter(city=value),
    )


def district_filter(queryset: QuerySet, language: str) -> Filter:
    return Filter(
        name="district",
        label=gettext("Kreis or city"),
        all_label=gettext("All districts"),
        choices=district_choices(queryset, language),
        apply=lambda qs, value: qs.filter(district__slug=value),
    )
