"""When events happen: occurrences of single, all-day and recurring events, and iCalendar.

Occurrences are Europe/Berlin wall-clock datetimes: a weekly 19:00 stays at 19:00 after
the change to and from summer time. Listings never expand every event: ``Event.last_end``
(empty for a rule without end) and ``Event.start`` narrow the candidates in SQL first.
"""

from __future__ import annotations

import datetime as dt
import functools
import heapq
import itertools
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import urlsplit

import icalendar
from dateutil import rrule as dateutil_rrule
from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from muhabir.core import text
from muhabir.directory.models import (
    EVENT_TIME_ZONE,
    Association,
    District,
    Event,
    IntegrationCentre,
    Place,
)
from muhabir.directory.models.base import bilingual
from muhabir.directory.models.offers import RECURRENCE_HORIZON, rrule_parse
from muhabir.directory.selectors import entries_public, text_filter

# No window ever yields more than this many occurrences of one event, nor in all.
MAX_OCCURRENCES_PER_EVENT = 400
MAX_OCCURRENCES = 2000
# Dates of one rule walked per listing at most, those before the window included: a
# monthly or COUNT rule cannot skip ahead (``_skipped_ahead``) and is walked from DTSTART.
MAX_RULE_STEPS = 5000
# Feeds keep what happened lately, so a subscribed calendar does not lose last week.
FEED_PAST = dt.timedelta(days=90)
PRODID = "-//Muhabirce NRW//Directory events//EN"

logger = logging.getLogger(__name__)


class Occurrence(NamedTuple):
    """One time an event happens; ``end`` is exclusive (an all-day event ends at midnight)."""

    event: Event
    start: dt.datetime
    end: dt.datetime

    @property
    def all_day(self) -> bool:
        return self.event.all_day

    @property
    def first_day(self) -> dt.date:
        return self.start.date()

    @property
    def last_day(self) -> dt.date:
        """The last day the occurrence touches (inclusive)."""
        if self.end <= self.start:
            return self.start.date()
        last = self.end.date()
        if self.end.timetz().replace(tzinfo=None) == dt.time(0):
            last -= dt.timedelta(days=1)
        return max(last, self.start.date())

    @property
    def multi_day(self) -> bool:
        return self.last_day > self.first_day


def local(value: dt.datetime) -> dt.datetime:
    return value.astimezone(EVENT_TIME_ZONE)


def midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), tzinfo=EVENT_TIME_ZONE)


def _wall_duration(event: Event) -> dt.timedelta:
    """How long one occurrence lasts on the clock on the wall, not in elapsed seconds.

    Adding it to an aware start keeps the end's wall-clock time, so 19:00-22:00 stays
    19:00-22:00 on the evening the clocks change.
    """
    if event.all_day:
        first = local(event.start).date()
        last = local(event.end).date() if event.end else first
        return dt.timedelta(days=max((last - first).days, 0) + 1)
    if not event.end:
        return dt.timedelta(0)
    start = local(event.start).replace(tzinfo=None)
    end = local(event.end).replace(tzinfo=None)
    return max(end - start, dt.timedelta(0))


def _occurrence(event: Event, start: dt.datetime, duration: dt.timedelta) -> Occurrence:
    start = local(start)
    if event.all_day:
        start = midnight(start.date())
        return Occurrence(event, start, midnight(start.date() + duration))
    # Aware arithmetic within one tzinfo is wall-clock arithmetic; normalise the fold.
    return Occurrence(event, start, local(start + duration))


def _rule(event: Event):
    if not event.rrule:
        return None
    try:
        return rrule_parse(event.rrule, event.start)
    except (ValueError, TypeError) as error:
        # Stored before today's validation (an hourly rule, say): shown once, at its start.
        logger.warning("Event %s: recurrence rule %r ignored (%s)", event.pk, event.rrule, error)
        return None


def _skipped_ahead(rule, after: dt.datetime):
    """``rule`` restarted at a period boundary shortly before ``after``, with the same dates.

    dateutil walks every occurrence from DTSTART, even for ``after()`` and ``between()``:
    decades of a daily rule for each listing. A daily or weekly rule without COUNT repeats
    in fixed periods of wall-clock days, so a start a whole number of periods later (same
    weekday, same time of day) gives the same occurrences from there on.
    """
    if rule._count is not None or rule._freq not in (dateutil_rrule.DAILY, dateutil_rrule.WEEKLY):
        return rule
    days = rule._interval * (7 if rule._freq == dateutil_rrule.WEEKLY else 1)
    start = rule._dtstart
    # Both in EVENT_TIME_ZONE: subtraction and addition count wall-clock days.
    periods = (after.astimezone(start.tzinfo) - start).days // days - 1
    if periods <= 0:
        return rule
    return rule.replace(dtstart=start + dt.timedelta(days=periods * days))


def _rule_starts(event: Event, rule, after: dt.datetime) -> Iterator[dt.datetime]:
    """The rule's starts from ``after`` on, giving up after ``MAX_RULE_STEPS`` dates."""
    for step, start in enumerate(_skipped_ahead(rule, after)):
        if step >= MAX_RULE_STEPS:
            logger.warning("Event %s: recurrence rule %r cut off", event.pk, event.rrule)
            return
        if start >= after:
            yield start


def _overlaps(occurrence: Occurrence, since: dt.datetime, until: dt.datetime | None) -> bool:
    if until is not None and occurrence.start >= until:
        return False
    if occurrence.end > occurrence.start:
        return occurrence.end > since
    return occurrence.start >= since


def iter_occurrences(
    event: Event, since: dt.datetime, until: dt.datetime | None = None
) -> Iterator[Occurrence]:
    """Occurrences of ``event`` that are not over at ``since`` and start before ``until``.

    In start order, at most ``MAX_OCCURRENCES_PER_EVENT``; a rule without end stops at
    ``RECURRENCE_HORIZON`` after ``since`` (or the event's start, if later) when ``until``
    is not given.
    """
    duration = _wall_duration(event)
    rule = _rule(event)
    if rule is None:
        occurrence = _occurrence(event, event.start, duration)
        if _overlaps(occurrence, since, until):
            yield occurrence
        return
    horizon = until if until is not None else max(since, event.start) + RECURRENCE_HORIZON
    # Back by one duration (and a day for all-day events anchored at any hour) so an
    # occurrence that began before ``since`` and still runs is found too.
    lookback = duration + (dt.timedelta(days=1) if event.all_day else dt.timedelta(0))
    after = local(since - lookback)
    starts = _rule_starts(event, rule, after)
    anchor = local(event.start).replace(microsecond=0)
    if anchor >= after:
        # RFC 5545 counts DTSTART as the first occurrence even when the rule skips it;
        # calendar programs do, so the listings do too.
        starts = _deduplicated(heapq.merge([anchor], starts))
    produced = 0
    for start in starts:
        if start >= horizon:
            break
        occurrence = _occurrence(event, start, duration)
        if not _overlaps(occurrence, since, until):
            continue
        yield occurrence
        produced += 1
        if produced >= MAX_OCCURRENCES_PER_EVENT:
            break


def _deduplicated(starts: Iterable[dt.datetime]) -> Iterator[dt.datetime]:
    previous = None
    for start in starts:
        if start != previous:
            yield start
        previous = start


def occurrences(
    event: Event, since: dt.datetime, until: dt.datetime, limit: int = MAX_OCCURRENCES_PER_EVENT
) -> list[Occurrence]:
    """Occurrences of ``event`` within ``[since, until)``, at most ``limit``."""
    return list(itertools.islice(iter_occurrences(event, since, until), limit))


def merged(
    events: Iterable[Event],
    since: dt.datetime,
    until: dt.datetime | None = None,
    limit: int = MAX_OCCURRENCES,
) -> list[Occurrence]:
    """The occurrences of all ``events`` in the window, by start, at most ``limit``."""
    limit = max(0, min(limit, MAX_OCCURRENCES))
    streams = [iter_occurrences(event, since, until) for event in events]
    ordered = heapq.merge(*streams, key=lambda o: (o.start, o.end, o.event.pk))
    return list(itertools.islice(ordered, limit))


# Filters ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventFilters:
    """What a reader narrowed the calendar to; empty fields do not filter."""

    city: str = ""
    district: District | None = None
    association: Association | None = None
    centre: IntegrationCentre | None = None
    place: Place | None = None
    query: str = ""

    @property
    def active(self) -> bool:
        return any(
            (self.city, self.district, self.association, self.centre, self.place, self.query)
        )


def events_public() -> QuerySet:
    return entries_public(Event).select_related(
        "place", "organiser_association", "organiser_centre"
    )


def events_filtered(queryset: QuerySet, filters: EventFilters | None) -> QuerySet:
    if filters is None:
        return queryset
    if filters.city:
        queryset = queryset.filter(
            Q(city__iexact=filters.city)
            | Q(city="", place__live=True, place__city__iexact=filters.city)
        )
    if filters.district is not None:
        queryset = queryset.filter(
            Q(district=filters.district)
            | Q(district__isnull=True, place__live=True, place__district=filters.district)
        )
    if filters.association is not None:
        queryset = queryset.filter(organiser_association=filters.association)
    if filters.centre is not None:
        queryset = queryset.filter(organiser_centre=filters.centre)
    if filters.place is not None:
        queryset = queryset.filter(place=filters.place)
    if filters.query:
        queryset = text_filter(queryset, filters.query)
    return queryset


def not_over(queryset: QuerySet, since: dt.datetime) -> QuerySet:
    """Events with an occurrence that has not ended at ``since`` (NULL ``last_end``: endless)."""
    return queryset.filter(Q(last_end__isnull=True) | Q(last_end__gte=since))


def upcoming(
    now: dt.datetime | None = None, limit: int = 20, filters: EventFilters | None = None
) -> list[Occurrence]:
    """The next ``limit`` occurrences of live events not over at ``now``, by start.

    Single events come from the database already ordered, ``limit`` at most; only
    recurring events starting before the last of those are expanded.
    """
    now = now or timezone.now()
    limit = max(0, min(limit, MAX_OCCURRENCES))
    if not limit:
        return []
    candidates = not_over(events_filtered(events_public(), filters), now)
    singles = list(candidates.filter(rrule="").order_by("start", "pk")[:limit])
    recurring = candidates.exclude(rrule="")
    if len(singles) == limit:
        recurring = recurring.filter(start__lte=singles[-1].start)
    return merged([*singles, *recurring.order_by("start", "pk")], now, limit=limit)


def in_window(
    since: dt.datetime, until: dt.datetime, filters: EventFilters | None = None
) -> list[Occurrence]:
    """Occurrences of live events within ``[since, until)`` (a month of the calendar)."""
    candidates = not_over(events_filtered(events_public(), filters), since).filter(start__lt=until)
    return merged(candidates.order_by("start", "pk"), since, until)


def upcoming_for(entry, limit: int = 5, now: dt.datetime | None = None) -> list[Occurrence]:
    """Upcoming occurrences of events at a place or organised by an association or centre."""
    if isinstance(entry, Place):
        filters = EventFilters(place=entry)
    elif isinstance(entry, Association):
        filters = EventFilters(association=entry)
    elif isinstance(entry, IntegrationCentre):
        filters = EventFilters(centre=entry)
    else:
        raise TypeError(f"no events belong to a {type(entry).__name__}")
    return upcoming(now, limit, filters)


def first_occurrence(event: Event) -> Occurrence:
    """The event's first occurrence: at its start, even when the rule would skip that day."""
    return _occurrence(event, event.start, _wall_duration(event))


def next_dates(event: Event, count: int = 5, now: dt.datetime | None = None) -> list[Occurrence]:
    return list(itertools.islice(iter_occurrences(event, now or timezone.now()), count))


def feed_events(now: dt.datetime | None = None, filters: EventFilters | None = None) -> QuerySet:
    """Live events of a feed: those not over ``FEED_PAST`` ago, and everything to come."""
    now = now or timezone.now()
    return not_over(events_filtered(events_public(), filters), now - FEED_PAST).order_by(
        "start", "pk"
    )


def event_cities(language: str) -> dict[str, str]:
    """slug → city name of every city with a live event (its own address or its place's)."""
    names: set[str] = set()
    rows = events_public().values_list("city", "place__city", "place__live").distinct()
    for city, place_city, place_live in rows:
        name = city or (place_city if place_live else "")
        if name:
            names.add(name)
    cities: dict[str, str] = {}
    for name in sorted(names):
        key = text.slug(name, language)
        if key:
            cities.setdefault(key, name)
    return cities


# Where and who ---------------------------------------------------------------------------


def event_place(event: Event) -> Place | None:
    """The event's place if readers may see it; an unpublished place is not named."""
    place = event.place
    return place if place is not None and place.live else None


def event_organiser(event: Event):
    """The live association or centre that organises the event, else None."""
    for organiser in (event.organiser_association, event.organiser_centre):
        if organiser is not None and organiser.live:
            return organiser
    return None


def organiser_name(event: Event) -> str:
    organiser = event_organiser(event)
    return str(organiser) if organiser is not None else event.organiser_name


def venue_name(event: Event) -> str:
    place = event_place(event)
    return place.name if place is not None else event.venue_name


def address_lines(event: Event) -> list[str]:
    """The event's own address, else its place's."""
    if event.street or event.city:
        return event.address_lines
    place = event_place(event)
    return place.address_lines if place is not None else []


def event_city(event: Event) -> str:
    if event.city:
        return event.city
    place = event_place(event)
    return place.city if place is not None else ""


def coordinates(event: Event) -> tuple[float, float] | None:
    if event.has_coordinates:
        return (event.latitude, event.longitude)
    place = event_place(event)
    if place is not None and place.has_coordinates:
        return (place.latitude, place.longitude)
    return None


def location_text(event: Event) -> str:
    return ", ".join(part for part in [venue_name(event), *address_lines(event)] if part)


def summary(event: Event, language: str) -> str:
    title = bilingual(event, "title", language)
    if event.cancelled:
        # Translators: an event's title in calendars once it is called off.
        return gettext("Cancelled: %(title)s") % {"title": title}
    return title


# iCalendar -------------------------------------------------------------------------------


# Every way text can break a line (CR LF, CR, vertical tab, form feed, NEL, U+2028/2029).
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\v\f\x85\u2028\u2029]")
# Control characters RFC 5545 does not allow in TEXT (3.3.11), tab aside.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def ical_text(value: str, *, single_line: bool = False) -> str:
    """``value`` as iCalendar TEXT: each line break a plain newline, which the icalendar
    library writes as ``\\n`` (RFC 5545 3.3.11), or a space in ``single_line`` parameter
    values; control characters dropped. Stored text may hold anything a form let through.
    """
    value = _CONTROLS.sub("", _LINE_BREAKS.sub(" " if single_line else "\n", value))
    return value.strip() if single_line else value


@functools.cache
def berlin_vtimezone_ical() -> bytes:
    """VTIMEZONE for Europe/Berlin with yearly rules, as calendar programs ship it.

    ``Timezone.from_tzinfo`` lists every change up to a fixed last year, and an event
    that repeats forever outlives that list; the EU rule (last Sunday of March and of
    October) has held since 1996.
    """
    timezone_component = icalendar.Timezone()
    timezone_component.add("tzid", "Europe/Berlin")
    timezone_component.add("x-lic-location", "Europe/Berlin")
    daylight = icalendar.TimezoneDaylight()
    daylight.add("tzname", "CEST")
    daylight.add("tzoffsetfrom", dt.timedelta(hours=1))
    daylight.add("tzoffsetto", dt.timedelta(hours=2))
    daylight.add("dtstart", dt.datetime(1996, 3, 31, 2, 0))
    daylight.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1SU"})
    standard = icalendar.TimezoneStandard()
    standard.add("tzname", "CET")
    standard.add("tzoffsetfrom", dt.timedelta(hours=2))
    standard.add("tzoffsetto", dt.timedelta(hours=1))
    standard.add("dtstart", dt.datetime(1996, 10, 27, 3, 0))
    standard.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1SU"})
    timezone_component.add_component(daylight)
    timezone_component.add_component(standard)
    return timezone_component.to_ical()


def berlin_vtimezone() -> icalendar.Timezone:
    return icalendar.Timezone.from_ical(berlin_vtimezone_ical())


def uid_host() -> str:
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"


def event_uid(event: Event) -> str:
    return f"directory-event-{event.pk}@{uid_host()}"


def ical_recurrence(event: Event) -> icalendar.vRecur | None:
    """The stored rule in RFC 5545 form: UNTIL in UTC, or a date for all-day events.

    Editors write UNTIL in local time; a calendar reads a bare UNTIL as floating time.
    """
    rule = _rule(event)
    if rule is None:
        return None
    value = event.rrule.strip()
    if value.upper().startswith("RRULE:"):
        value = value[len("RRULE:") :]
    recurrence = icalendar.vRecur.from_ical(value)
    until = rule._until
    if until is not None:
        recurrence["UNTIL"] = [local(until).date() if event.all_day else until.astimezone(dt.UTC)]
    return recurrence


def ical_event(event: Event, *, language: str, url: str = "", organiser_url: str = ""):
    """One VEVENT; ``url`` is the absolute address of the event's page."""
    component = icalendar.Event()
    component.add("uid", event_uid(event))
    updated = (event.updated_at or event.created_at or timezone.now()).astimezone(dt.UTC)
    created = (event.created_at or updated).astimezone(dt.UTC)
    # Without METHOD, DTSTAMP is when the stored event last changed (RFC 5545 3.8.7.2);
    # that keeps the body, and so the ETag, the same until an editor changes something.
    component.add("dtstamp", updated.replace(microsecond=0))
    component.add("created", created.replace(microsecond=0))
    component.add("last-modified", updated.replace(microsecond=0))
    component.add("sequence", max(0, int(updated.timestamp() - created.timestamp())))
    first = _occurrence(event, event.start, _wall_duration(event))
    if event.all_day:
        component.add("dtstart", first.start.date())
        component.add("dtend", first.end.date())
    else:
        component.add("dtstart", first.start.replace(microsecond=0))
        if first.end > first.start:
            component.add("dtend", first.end.replace(microsecond=0))
    recurrence = ical_recurrence(event)
    if recurrence is not None:
        component.add("rrule", recurrence)
    component.add("summary", ical_text(summary(event, language)))
    description = bilingual(event, "description", language)
    price = bilingual(event, "price", language)
    if price:
        description = "\n\n".join(part for part in (description, price) if part)
    if description:
        component.add("description", ical_text(description))
    location = location_text(event)
    if location:
        component.add("location", ical_text(location))
    point = coordinates(event)
    if point is not None:
        component.add("geo", point)
    if url:
        component.add("url", url)
    organiser = event_organiser(event)
    name = organiser_name(event)
    email = getattr(organiser, "email", "") if organiser is not None else ""
    address = f"mailto:{email}" if email else organiser_url
    if name and address:
        component.add(
            "organizer",
            icalendar.vCalAddress(address),
            parameters={"cn": ical_text(name, single_line=True)},
        )
    component.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    component.add("class", "PUBLIC")
    return component


def ical_calendar(name: str, components: Iterable[icalendar.Event]) -> bytes:
    """A whole calendar: header, the Europe/Berlin VTIMEZONE, then the events."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", ical_text(name, single_line=True))
    calendar.add("x-wr-timezone", "Europe/Berlin")
    calendar.add_component(berlin_vtimezone())
    for component in components:
        calendar.add_component(component)
    return calendar.to_ical()
