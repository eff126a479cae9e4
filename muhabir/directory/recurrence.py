"""A recurrence rule said in words: "every week on Tuesday", "every month on the last Friday".

Only the rules editors usually write get a sentence; anything else is "repeats regularly"
and the event page lists the next dates, which are right whatever the rule. The rule is
read as icalendar's parts (FREQ, INTERVAL, BYDAY, COUNT, UNTIL ...).
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils.dates import WEEKDAYS
from django.utils.formats import date_format
from django.utils.text import get_text_list
from django.utils.translation import gettext, pgettext

from muhabir.directory.models.events import EVENT_TIME_ZONE, rrule_parse, rrule_parts

# RFC 5545 weekday codes in Python's order (Monday is 0), as django.utils.dates counts.
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_BYDAY = re.compile(r"^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")


def _ordinal(n: int) -> str | None:
    names = {
        # Translators: "on the first Saturday" of a month (German: "am ersten Samstag").
        1: pgettext("weekday of month", "first"),
        2: pgettext("weekday of month", "second"),
        3: pgettext("weekday of month", "third"),
        4: pgettext("weekday of month", "fourth"),
        -1: pgettext("weekday of month", "last"),
    }
    return names.get(n)


def _days(weekdays) -> str:
    return get_text_list([str(WEEKDAYS[day]) for day in sorted(weekdays)], gettext("and"))


def _every(interval: int, one: str, many: str, values: dict) -> str:
    # Two messages rather than ngettext: Turkish counts with one form ("her 2 günde"),
    # but "every day" is worded differently from "every 1 days" in both languages.
    return (one if interval == 1 else many) % {"count": interval, **values}


def _weekdays(parts) -> tuple[set[int], list[tuple[int, int]]]:
    """BYDAY as plain weekdays and as (weekday, n) pairs such as -1FR, the last Friday."""
    plain: set[int] = set()
    numbered: list[tuple[int, int]] = []
    for value in parts.get("BYDAY") or ():
        match = _BYDAY.match(str(value))
        if match is None:
            continue
        number, code = match.groups()
        weekday = WEEKDAY_CODES.index(code)
        if number and int(number):
            numbered.append((weekday, int(number)))
        else:
            plain.add(weekday)
    return plain, numbered


def _frequency(parts, start: dt.datetime) -> str | None:
    frequency = parts["FREQ"][0]
    interval = int((parts.get("INTERVAL") or [1])[0])
    if parts.get("BYHOUR") or parts.get("BYMINUTE") or parts.get("BYSETPOS"):
        return None
    plain, numbered = _weekdays(parts)
    if frequency == "DAILY" and not parts.get("BYDAY"):
        return _every(interval, gettext("every day"), gettext("every %(count)s days"), {})
    if frequency == "WEEKLY":
        # A weekly rule without BYDAY repeats on the weekday it starts on; so does a
        # numbered weekday, which only months and years count.
        days = plain | {weekday for weekday, _n in numbered} or {start.weekday()}
        return _every(
            interval,
            gettext("every week on %(days)s"),
            gettext("every %(count)s weeks on %(days)s"),
            {"days": _days(days)},
        )
    if frequency == "MONTHLY" and not parts.get("BYMONTH"):
        if len(numbered) == 1:
            weekday, n = numbered[0]
            ordinal = _ordinal(n)
            if ordinal is None:
                return None
            return _every(
                interval,
                gettext("every month on the %(ordinal)s %(day)s"),
                gettext("every %(count)s months on the %(ordinal)s %(day)s"),
                {"ordinal": ordinal, "day": WEEKDAYS[weekday]},
            )
        month_days = parts.get("BYMONTHDAY") or ([] if parts.get("BYDAY") else [start.day])
        if not parts.get("BYDAY") and len(month_days) == 1 and int(month_days[0]) > 0:
            return _every(
                interval,
                gettext("every month on day %(day)s"),
                gettext("every %(count)s months on day %(day)s"),
                {"day": int(month_days[0])},
            )
        return None
    if frequency == "YEARLY" and not parts.get("BYDAY"):
        return _every(interval, gettext("every year"), gettext("every %(count)s years"), {})
    return None


def recurrence_text(value: str, start) -> str:
    """The rule ``value`` anchored at ``start`` in the active language; "" for no rule."""
    if not value:
        return ""
    try:
        rrule_parse(value, start)
        parts = rrule_parts(value)
    except (ValueError, TypeError):
        return ""
    sentence = _frequency(parts, start.astimezone(EVENT_TIME_ZONE))
    if sentence is None:
        return gettext("repeats regularly")
    if parts.get("COUNT"):
        sentence = gettext("%(rule)s, %(count)s times in all") % {
            "rule": sentence,
            "count": parts["COUNT"][0],
        }
    elif parts.get("UNTIL"):
        until = parts["UNTIL"][0].astimezone(EVENT_TIME_ZONE).date()
        sentence = gettext("%(rule)s, until %(date)s") % {
            "rule": sentence,
            "date": date_format(until, "SHORT_DATE_FORMAT"),
        }
    return sentence
