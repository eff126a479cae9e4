"""Pages that change with the clock, not with an edit: an event listed as upcoming leaves
the list the moment it is over, however the list or the page around it was kept.

Each test lists an event that ends a moment later, waits for that moment and reads again.
"""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories.directory import EventFactory, directory_pages_add
from tests.helpers import listed_titles, soup

pytestmark = pytest.mark.django_db

EVENTS = "/tr/rehber/etkinlikler/"
RUNNING, TOMORROW = "Şimdi süren sergi", "Yarın gece"
# Seconds until the running event is over: time enough for the reads before it.
SOON = 2


@pytest.fixture
def ending(home_tr, home_de):
    directory_pages_add()
    now = timezone.now()
    EventFactory(title=TOMORROW, start=now + dt.timedelta(days=1))
    return EventFactory(
        title=RUNNING,
        start=now - dt.timedelta(hours=1),
        end=now + dt.timedelta(seconds=SOON),
    )


def _wait_until_over(event) -> None:
    time.sleep(max(0.0, (event.end - timezone.now()).total_seconds()) + 0.2)


def _max_age(response) -> int:
    return int(re.search(r"max-age=(\d+)", response["Cache-Control"]).group(1))


def test_a_cached_events_list_drops_an_event_once_it_is_over(client, page_cache, ending):
    assert listed_titles(client.get(EVENTS)) == [RUNNING, TOMORROW]
    again = client.get(EVENTS)
    assert again["X-Page-Cache"] == "hit"
    assert listed_titles(again) == [RUNNING, TOMORROW]
    # Neither a browser nor nginx may keep it past then either.
    assert _max_age(again) <= SOON

    _wait_until_over(ending)

    after = client.get(EVENTS)
    assert after["X-Page-Cache"] == "miss"
    assert listed_titles(after) == [TOMORROW]
    # Nothing left in it ends soon: the usual lifetime again.
    assert _max_age(after) > SOON


def test_a_kept_events_list_drops_an_event_once_it_is_over(client, fragment_cache, ending):
    assert listed_titles(client.get(EVENTS)) == [RUNNING, TOMORROW]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(EVENTS)
    assert listed_titles(response) == [RUNNING, TOMORROW]
    # The filters' choices and the occurrences are kept, not read again; only the change
    # times of what they were made of are (from the database when Redis is not used).
    read = [q["sql"] for q in queries if '"pagecache_tagversion"' not in q["sql"]]
    assert read == []

    _wait_until_over(ending)

    assert listed_titles(client.get(EVENTS)) == [TOMORROW]


def test_an_event_page_says_it_is_over_once_it_is(client, page_cache, ending):
    url = f"{EVENTS}{ending.slug}/"
    assert not soup(client.get(url)).select(".event-note")
    assert client.get(url)["X-Page-Cache"] == "hit"

    _wait_until_over(ending)

    assert soup(client.get(url)).select(".event-note")


def test_a_kept_events_list_follows_the_filters_and_edits(client, fragment_cache, ending):
    assert listed_titles(client.get(EVENTS, {"q": "gece"})) == [TOMORROW]
    assert listed_titles(client.get(EVENTS)) == [RUNNING, TOMORROW]

    ending.title_tr = "Uzatılan sergi"
    ending.save()

    assert listed_titles(client.get(EVENTS)) == ["Uzatılan sergi", TOMORROW]
    assert listed_titles(client.get(EVENTS, {"q": "gece"})) == [TOMORROW]


def test_the_kept_start_page_drops_an_event_once_it_is_over(client, fragment_cache, ending):
    def upcoming() -> list[str]:
        page = soup(client.get("/tr/rehber/"))
        heading = page.select_one("#directory-upcoming-heading")
        return [a.get_text(strip=True) for a in heading.parent.select("li a")]

    assert upcoming() == [RUNNING, TOMORROW]
    assert upcoming() == [RUNNING, TOMORROW]

    _wait_until_over(ending)

    assert upcoming() == [TOMORROW]
