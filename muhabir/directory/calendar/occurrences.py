"""When events happen: occurrences of single, all-day and recurring events.

Occurrences are Europe/Berlin wall-clock datetimes: a weekly 19:00 stays at 19:00 after
the change to and from summer time. Listings never expand every event: ``Event.last_end``
(empty for a rule without end) and ``Event.start`` narrow the candidates in SQL first.
A list of what is upcoming tells the page cache when its first entry will be over
(``note_change_at``): no page keeps listing an event that has ended.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
import logging
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from django.db.models import Exists, Min, OuterRef, QuerySet
from django.utils import timezone

from muhabir.core import text
from muhabir.directory.models import EVENT_TIME_ZONE, Association, Event, IntegrationCentre, Place
from muhabir.directory.models.events import (
    RECURRENCE_HORIZON,
    EventQuerySet,
    rrule_parse,
    rule_parts,
)
from muhabir.pagecache.recording import is_recording, note_change_at

# No window ever yields more than this many occurrences of one event, nor in all.
MAX_OCCURRENCES_PER_EVENT = 400
MAX_OCCURRENCES = 2000
# Dates of one rule walked per listing at most, those before the window included: a
# monthly or COUNT rule cannot skip ahead (``_skipped_ahead``) and is walked from DTSTART.
MAX_RULE_STEPS = 5000
# Feeds keep what happened lately, so a subscribed calendar does not lose last week.
FEED_PAST = dt.timedelta(days=90)

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
    weekday, same time of day) gives the same occurrences from there on. The periods are
    counted from the rule's first date, which lies in the same phase as DTSTART.
    """
    parts = rule_parts(rule)
    frequency = parts["FREQ"][0]
    if parts.get("COUNT") or frequency not in ("DAILY", "WEEKLY"):
        return rule
    days = parts.get("INTERVAL", [1])[0] * (7 if frequency == "WEEKLY" else 1)
    start = next(iter(rule), None)
    if start is None:
        return rule
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


def _over_at(occurrence: Occurrence) -> dt.datetime:
    """The moment the occurrence stops being upcoming (see ``_overlaps``): its end, or just
    after its start when it has no length."""
    if occurrence.end > occurrence.start:
        return occurrence.end
    return occurrence.start + dt.timedelta(microseconds=1)


def _listed_until(listed: Iterable[Occurrence]) -> None:
    """A page showing ``listed`` as upcoming is kept only until the first of them is over."""
    first = min((_over_at(occurrence) for occurrence in listed), default=None)
    if first is not None:
        note_change_at(first.timestamp())


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


# Listings --------------------------------------------------------------------------------


def _live(events: EventQuerySet | None) -> EventQuerySet:
    """``events``, a narrowing of ``Event.objects.public()`` (a filter set's ``qs``), else all."""
    return Event.objects.public() if events is None else events


def upcoming(
    now: dt.datetime | None = None, limit: int = 20, events: EventQuerySet | None = None
) -> list[Occurrence]:
    """The next ``limit`` occurrences of live events not over at ``now``, by start.

    Single events come from the database already ordered, ``limit`` at most; only
    recurring events starting before the last of those are expanded.
    """
    now = now or timezone.now()
    limit = max(0, min(limit, MAX_OCCURRENCES))
    if not limit:
        return []
    candidates = _live(events).upcoming(now)
    singles = list(candidates.filter(rrule="").order_by("start", "pk")[:limit])
    recurring = candidates.exclude(rrule="")
    if len(singles) == limit:
        recurring = recurring.filter(start__lte=singles[-1].start)
    listed = merged([*singles, *recurring.order_by("start", "pk")], now, limit=limit)
    # Another occurrence joins the list only when one of these leaves it.
    _listed_until(listed)
    return listed


def upcoming_events(now: dt.datetime | None = None) -> EventQuerySet:
    """Live events not over at ``now`` (``Event.objects.public().upcoming``), for a count or
    a map. The page showing them is kept only until the first of them is over."""
    events = Event.objects.public().upcoming(now or timezone.now())
    if is_recording():
        first = events.aggregate(first=Min("last_end"))["first"]
        if first is not None:
            note_change_at(first.timestamp())
    return events


def in_window(
    since: dt.datetime, until: dt.datetime, events: EventQuerySet | None = None
) -> list[Occurrence]:
    """Occurrences of live events within ``[since, until)`` (a month of the calendar)."""
    candidates = _live(events).upcoming(since).filter(start__lt=until)
    return merged(candidates.order_by("start", "pk"), since, until)


def upcoming_for(entry, limit: int = 5, now: dt.datetime | None = None) -> list[Occurrence]:
    """Upcoming occurrences of events at a place or organised by an association or centre."""
    if isinstance(entry, Place):
        events = Event.objects.public().filter(place=entry)
    elif isinstance(entry, Association):
        events = Event.objects.public().filter(organiser_association=entry)
    elif isinstance(entry, IntegrationCentre):
        events = Event.objects.public().filter(organiser_centre=entry)
    else:
        raise TypeError(f"no events belong to a {type(entry).__name__}")
    return upcoming(now, limit, events)


def first_occurrence(event: Event) -> Occurrence:
    """The event's first occurrence: at its start, even when the rule would skip that day."""
    return _occurrence(event, event.start, _wall_duration(event))


def next_dates(event: Event, count: int = 5, now: dt.datetime | None = None) -> list[Occurrence]:
    listed = list(itertools.islice(iter_occurrences(event, now or timezone.now()), count))
    _listed_until(listed)
    return listed


def feed_events(now: dt.datetime | None = None, events: EventQuerySet | None = None) -> QuerySet:
    """Live events of a feed: those not over ``FEED_PAST`` ago, and everything to come."""
    now = now or timezone.now()
    since = now - FEED_PAST
    return _live(events).upcoming(since).order_by("start", "pk")


def event_cities(language: str) -> dict[str, str]:
    """slug → city name of every city with a live event (its own address or its place's)."""
    names: set[str] = set()
    shown = Place.objects.public().filter(pk=OuterRef("place"))
    rows = (
        Event.objects.public()
        .annotate(place_shown=Exists(shown))
        .values_list("city", "place__city", "place_shown")
        .distinct()
    )
    for city, place_city, place_shown in rows:
        name = city or (place_city if place_shown else "")
        if name:
            names.add(name)
    cities: dict[str, str] = {}
    for name in sorted(names):
        key = text.slug(name, language)
        if key:
            cities.setdefault(key, name)
    return cities
