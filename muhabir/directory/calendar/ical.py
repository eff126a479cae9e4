"""iCalendar writing: one VEVENT per event, and whole calendars for downloads and feeds."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext

from muhabir.directory.calendar.occurrences import first_occurrence, local
from muhabir.directory.models import Event
from muhabir.directory.models.events import rrule_parse, rrule_parts

PRODID = "-//Muhabirce NRW//Directory events//EN"


def summary(event: Event, language: str) -> str:
    title = event.text("title", language)
    if event.cancelled:
        # Translators: an event's title in calendars once it is called off.
        return gettext("Cancelled: %(title)s") % {"title": title}
    return title


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
    if not event.rrule:
        return None
    try:
        rrule_parse(event.rrule, event.start)
    except (ValueError, TypeError):
        # Shown once, at its start, as in the listings (``occurrences._rule``).
        return None
    recurrence = rrule_parts(event.rrule)
    until = recurrence.get("UNTIL")
    if until:
        until = until[0]
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
    first = first_occurrence(event)
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
    description: str = event.text("description", language)
    price = event.text("price", language)
    if price:
        description = "\n\n".join(part for part in (description, price) if part)
    if description:
        component.add("description", ical_text(description))
    location = event.location_text
    if location:
        component.add("location", ical_text(location))
    point = event.location_point
    if point is not None:
        component.add("geo", point)
    if url:
        component.add("url", url)
    organiser = event.organiser_shown
    name = event.organiser
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
