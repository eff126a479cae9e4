"""The WXR date parser and the RRULE reader take any text without failing, and agree with
what they were given when it is well formed."""

import contextlib
import datetime as dt
import itertools
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from hypothesis import example, given
from hypothesis import strategies as st

from muhabir.directory import recurrence
from muhabir.wordpress.wxr import Item, parse_date
from tests.properties.strategies import anything

BERLIN = ZoneInfo("Europe/Berlin")
START = dt.datetime(2026, 3, 20, 19, 0, tzinfo=BERLIN)

wordpress_moments = st.datetimes(
    min_value=dt.datetime(1970, 1, 2), max_value=dt.datetime(2100, 12, 31)
).map(lambda moment: moment.replace(microsecond=0))


def _item(post_date: str = "", post_date_gmt: str = "") -> Item:
    return Item(
        wp_id="1",
        post_type="post",
        status="publish",
        post_date=post_date,
        post_date_gmt=post_date_gmt,
    )


@given(anything, anything)
@example("0000-00-00 00:00:00", "2019-11-19 ٠٩:٣٠:٠٠")
@example("2019-02-29 10:00:00", "")
def test_wxr_date_parser_never_fails_and_answers_in_utc(post_date, post_date_gmt):
    result = parse_date(_item(post_date, post_date_gmt), BERLIN)

    assert result is None or result.utcoffset() == dt.timedelta(0)


@given(wordpress_moments)
def test_wxr_gmt_date_round_trips(moment):
    result = parse_date(_item("", moment.strftime("%Y-%m-%d %H:%M:%S")), BERLIN)

    assert result == moment.replace(tzinfo=dt.UTC)


@given(wordpress_moments)
@example(dt.datetime(2019, 10, 27, 2, 30))
@example(dt.datetime(2019, 3, 31, 2, 30))
def test_wxr_local_date_is_read_in_the_sites_zone(moment):
    result = parse_date(_item(moment.strftime("%Y-%m-%d %H:%M:%S")), BERLIN)

    local = result.astimezone(BERLIN).replace(tzinfo=None)
    # Equal, except for a time that does not exist (clocks going forward), an hour off.
    assert abs(local - moment) <= dt.timedelta(hours=1)


@given(wordpress_moments)
def test_wxr_gmt_date_wins_over_the_local_one(moment):
    gmt = moment.strftime("%Y-%m-%d %H:%M:%S")

    assert parse_date(_item("1999-01-01 00:00:00", gmt), BERLIN) == moment.replace(tzinfo=dt.UTC)


@given(anything)
@example("FREQ=WEEKLY;BYDAY=TU;UNTIL=20261231")
@example("RRULE:FREQ=HOURLY")
@example("FREQ=DAILY;BYHOUR=9,18")
@example("FREQ=MONTHLY;BYDAY=-1FR;COUNT=0")
def test_rrule_reader_refuses_bad_text_with_a_value_error_only(value):
    # Callers (the admin form, the CSV import, the event page) catch ValueError only.
    with contextlib.suppress(ValueError):
        recurrence.rrule_parse(value, START)


@given(anything, st.sampled_from(["tr", "de"]))
def test_recurrence_sentence_never_fails(value, language):
    with translation.override(language):
        assert isinstance(recurrence.recurrence_text(value, START), str)


weekdays = st.lists(
    st.sampled_from(["MO", "TU", "WE", "TH", "FR", "SA", "SU"]), min_size=1, max_size=3, unique=True
)


@st.composite
def simple_rules(draw) -> str:
    frequency = draw(st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]))
    parts = [f"FREQ={frequency}", f"INTERVAL={draw(st.integers(1, 6))}"]
    if frequency == "WEEKLY":
        parts.append("BYDAY=" + ",".join(draw(weekdays)))
    if frequency == "MONTHLY" and draw(st.booleans()):
        ordinal = draw(st.sampled_from(["1", "2", "3", "4", "-1"]))
        parts.append(f"BYDAY={ordinal}{draw(st.sampled_from(['MO', 'FR', 'SA']))}")
    ending = draw(st.sampled_from(["", "count", "until"]))
    if ending == "count":
        parts.append(f"COUNT={draw(st.integers(1, 30))}")
    elif ending == "until":
        parts.append("UNTIL=20281231T230000Z")
    return ";".join(draw(st.permutations(parts)))


@given(simple_rules(), st.sampled_from([str.upper, str.lower]), st.booleans())
@example("FREQ=WEEKLY;INTERVAL=1;BYDAY=TU", str.lower, True)
def test_a_well_formed_rule_keeps_the_time_of_day_in_berlin(rule, case, prefixed):
    value = case(("RRULE:" if prefixed else "") + rule)

    parsed = recurrence.rrule_parse(value, START)

    dates = list(itertools.islice(parsed, 12))
    assert dates
    assert dates == sorted(dates)
    assert all(date >= START for date in dates)
    # A weekly 19:00 stays at 19:00 after the clocks change (29 March 2026).
    assert {date.astimezone(BERLIN).time() for date in dates} == {
        START.timetz().replace(tzinfo=None)
    }


@given(simple_rules(), st.sampled_from(["tr", "de"]))
def test_a_well_formed_rule_is_said_in_words(rule, language):
    with translation.override(language):
        sentence = recurrence.recurrence_text(rule, START)
        fallback = translation.gettext("repeats regularly")

    assert sentence
    assert sentence != fallback


@pytest.mark.parametrize("language", ["tr", "de"])
def test_the_repeats_regularly_fallback_exists(language):
    with translation.override(language):
        assert recurrence.recurrence_text("FREQ=WEEKLY;BYSETPOS=1;BYDAY=MO,TU", START)
