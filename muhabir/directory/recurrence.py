"""A recurrence rule said in words: "every week on Tuesday", "every month on the last Friday".

Only the rules editors usually write get a sentence; anything else is "repeats regularly"
and the event page lists the next dates, which are right whatever the rule.
"""

from __future__ import annotations

from dateutil import rrule as dateutil_rrule
from django.utils.dates import WEEKDAYS
from django.utils.formats import date_format
from django.utils.text import get_text_list
from django.utils.translation import gettext, pgettext

from muhabir.directory.models.offers import EVENT_TIME_ZONE, rrule_parse


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


def _frequency(rule: dateutil_rrule.rrule) -> str | None:
    interval = rule._interval
    freq = rule._freq
    original = rule._original_rule
    if original.get("byhour") or original.get("byminute") or original.get("bysetpos"):
        return None
    if freq == dateutil_rrule.DAILY and not original.get("byweekday"):
        return _every(interval, gettext("every day"), gettext("every %(count)s days"), {})
    if freq == dateutil_rrule.WEEKLY:
        days = _days(rule._byweekday or ())
        return _every(
            interval,
            gettext("every week on %(days)s"),
            gettext("every %(count)s weeks on %(days)s"),
            {"days": days},
        )
    if freq == dateutil_rrule.MONTHLY and not original.get("bymonth"):
        if rule._bynweekday and len(rule._bynweekday) == 1:
            weekday, n = rule._bynweekday[0]
            ordinal = _ordinal(n)
            if ordinal is None:
                return None
            return _every(
                interval,
                gettext("every month on the %(ordinal)s %(day)s"),
                gettext("every %(count)s months on the %(ordinal)s %(day)s"),
                {"ordinal": ordinal, "day": WEEKDAYS[weekday]},
            )
        if not original.get("byweekday") and rule._bymonthday and len(rule._bymonthday) == 1:
            day = rule._bymonthday[0]
            return _every(
                interval,
                gettext("every month on day %(day)s"),
                gettext("every %(count)s months on day %(day)s"),
                {"day": day},
            )
        return None
    if freq == dateutil_rrule.YEARLY and not original.get("byweekday"):
        return _every(interval, gettext("every year"), gettext("every %(count)s years"), {})
    return None


def recurrence_text(value: str, start) -> str:
    """The rule ``value`` anchored at ``start`` in the active language; "" for no rule."""
    if not value:
        return ""
    try:
        rule = rrule_parse(value, start)
    except (ValueError, TypeError):
        return ""
    sentence = _frequency(rule)
    if sentence is None:
        return gettext("repeats regularly")
    if rule._count:
        sentence = gettext("%(rule)s, %(count)s times in all") % {
            "rule": sentence,
            "count": rule._count,
        }
    elif rule._until:
        until = rule._until.astimezone(EVENT_TIME_ZONE).date()
        sentence = gettext("%(rule)s, until %(date)s") % {
            "rule": sentence,
            "date": date_format(until, "SHORT_DATE_FORMAT"),
        }
    return sentence
