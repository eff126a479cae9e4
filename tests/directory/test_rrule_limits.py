"""Recurrence rules are limited to at most once a day, and listings never walk them for long."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from dateutil import rrule as dateutil_rrule
from django.core.exceptions import ValidationError
from django.utils import translation

from muhabir.directory.calendar import occurrences as calendar
from muhabir.directory.csv_io.importing import import_csv
from muhabir.directory.models import Event
from muhabir.directory.models.events import rrule_parse
from tests.factories.directory import EventFactory, berlin

pytestmark = pytest.mark.django_db

EVENTS = "/tr/rehber/etkinlikler/"
TOO_OFTEN = [
    "FREQ=HOURLY",
    "FREQ=MINUTELY;COUNT=10",
    "FREQ=SECONDLY",
    "RRULE:FREQ=HOURLY;INTERVAL=2",
    "FREQ=DAILY;BYHOUR=9,18",
    "FREQ=WEEKLY;BYDAY=MO;BYMINUTE=0,30",
]
ALLOWED = [
    "FREQ=DAILY",
    "FREQ=WEEKLY;BYDAY=TU,TH",
    "FREQ=MONTHLY;BYDAY=-1FR",
    "FREQ=YEARLY;COUNT=3",
    "FREQ=DAILY;BYHOUR=9",
]
TOO_OFTEN_MESSAGE = "An event can repeat daily, weekly, monthly or yearly, at most once a day."


@pytest.mark.parametrize("rule", TOO_OFTEN)
def test_rules_repeating_more_than_once_a_day_are_refused_with_a_message(rule):
    event = Event(title_tr="Saatlik", start=berlin(2031, 1, 15, 19), rrule=rule, live=True)

    with translation.override("en"), pytest.raises(ValidationError) as raised:
        event.full_clean()

    with translation.override("en"):
        assert raised.value.message_dict["rrule"] == [TOO_OFTEN_MESSAGE]


@pytest.mark.parametrize("rule", ALLOWED)
def test_daily_weekly_monthly_and_yearly_rules_are_accepted(rule):
    event = Event(title_tr="Düzenli", start=berlin(2031, 1, 15, 19), rrule=rule, live=True)

    event.full_clean()


def test_csv_import_refuses_an_hourly_rule():
    header = "slug,title_tr,start,rrule\n"
    data = header + "saat,Saatlik,2031-01-15 19:00,FREQ=HOURLY\nhafta,Haftalık,2031-01-15 19:00,"
    data += "FREQ=WEEKLY\n"

    with translation.override("en"):
        report = import_csv("events", data)
        errors = [str(error) for error in report.errors]

    assert errors == [f"row 2, column rrule: {TOO_OFTEN_MESSAGE}"]
    assert not Event.objects.exists()


def test_a_stored_hourly_rule_is_shown_once_and_logged(client, directory_pages, caplog):
    event = EventFactory(title="Eski kural", start=berlin(2000, 1, 1, 19))
    # Saved before the validation existed.
    Event.objects.filter(pk=event.pk).update(rrule="FREQ=HOURLY", last_end=None)
    event.refresh_from_db()

    with caplog.at_level(logging.WARNING, logger="muhabir.directory.calendar"):
        found = calendar.in_window(berlin(2000, 1, 1), berlin(2000, 1, 2))
        later = calendar.upcoming(now=berlin(2031, 1, 1))

    assert [o.start for o in found] == [berlin(2000, 1, 1, 19)]
    assert later == []
    assert "FREQ=HOURLY" in caplog.text
    assert client.get(f"{EVENTS}{event.slug}/").status_code == 200
    assert client.get(f"{EVENTS}{event.slug}.ics").status_code == 200
    assert client.get(EVENTS).status_code == 200


def brute_force(rule: str, start: dt.datetime, since: dt.datetime, until: dt.datetime):
    """Every start of the rule in ``[since, until)``, walked from DTSTART as dateutil does."""
    parsed = rrule_parse(rule, start)
    return [
        calendar.local(s)
        for s in parsed.between(calendar.local(since), calendar.local(until), inc=True)
        if s < until
    ]


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=DAILY",
        "FREQ=DAILY;INTERVAL=3",
        "FREQ=DAILY;INTERVAL=5;BYMONTH=3,10",
        "FREQ=WEEKLY;BYDAY=TU",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SA",
        "FREQ=WEEKLY;INTERVAL=3;WKST=SU;BYDAY=SU,WE",
        "FREQ=WEEKLY;BYDAY=FR;UNTIL=20310401",
    ],
)
def test_an_old_rule_gives_the_same_dates_without_walking_from_its_start(monkeypatch, rule):
    start = berlin(1990, 2, 13, 19, 30)
    # From mid-March to mid-April 2031: both sides of the change to summer time.
    since, until = berlin(2031, 3, 15), berlin(2031, 4, 15)
    expected = brute_force(rule, start, since, until)
    event = EventFactory(title="Eski", start=start, end=start + dt.timedelta(hours=2), rrule=rule)
    # Forty years of a daily rule are 15,000 dates: walking them would be cut off.
    monkeypatch.setattr(calendar, "MAX_RULE_STEPS", 100)

    found = calendar.occurrences(event, since, until)

    assert [o.start for o in found] == expected
    assert expected
    assert {(o.start.hour, o.start.minute) for o in found} == {(19, 30)}


def test_a_rule_that_cannot_skip_ahead_is_cut_off_and_logged(monkeypatch, caplog):
    event = EventFactory(
        title="Sayılı", start=berlin(1990, 1, 1, 19), rrule="FREQ=DAILY;COUNT=20000"
    )
    monkeypatch.setattr(calendar, "MAX_RULE_STEPS", 100)

    with caplog.at_level(logging.WARNING, logger="muhabir.directory.calendar"):
        found = calendar.occurrences(event, berlin(2031, 1, 1), berlin(2031, 2, 1))

    assert found == []
    assert "cut off" in caplog.text


def test_one_event_gives_a_listing_at_most_the_cap_of_occurrences():
    EventFactory(title="Her gün", start=berlin(2030, 1, 1, 19), rrule="FREQ=DAILY")

    found = calendar.in_window(berlin(2030, 1, 1), berlin(2035, 1, 1))

    assert len(found) == calendar.MAX_OCCURRENCES_PER_EVENT
    assert calendar.MAX_OCCURRENCES_PER_EVENT <= 500


def test_the_skipped_rule_keeps_the_weekday_phase_of_its_start():
    rule = rrule_parse("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", berlin(2000, 1, 4, 19))
    after = berlin(2031, 6, 1)

    skipped = calendar._skipped_ahead(rule, after)

    assert skipped._dtstart > berlin(2031, 1, 1)
    assert skipped.after(after) == rule.after(after)
    assert skipped._freq == dateutil_rrule.WEEKLY
