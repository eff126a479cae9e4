"""The event calendar: upcoming occurrences, months, event pages, recurrence, DST."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from muhabir.directory.calendar import occurrences as calendar
from muhabir.directory.models import EVENT_TIME_ZONE, Event
from tests.factories.directory import AssociationFactory, EventFactory, PlaceFactory, berlin
from tests.helpers import cards, language_link, listed_titles, soup

pytestmark = pytest.mark.django_db

EVENTS_TR = "/tr/rehber/etkinlikler/"
EVENTS_DE = "/de/verzeichnis/veranstaltungen/"
NOW = berlin(2031, 3, 1, 12)


def titles(occurrences) -> list[str]:
    return [o.event.title_tr for o in occurrences]


def test_upcoming_merges_single_and_recurring_by_start():
    EventFactory(title="C", start=berlin(2031, 3, 20, 19))
    EventFactory(title="A", start=berlin(2031, 3, 2, 10))
    EventFactory(title="Geçmiş", start=berlin(2031, 2, 1, 10))
    EventFactory(title="Taslak", start=berlin(2031, 3, 3, 10), live=False)
    EventFactory(title="B", start=berlin(2031, 3, 4, 19), rrule="FREQ=WEEKLY;COUNT=3")
    found = calendar.upcoming(NOW, 10)
    assert titles(found) == ["A", "B", "B", "B", "C"]
    assert [o.start.date() for o in found if o.event.title_tr == "B"] == [
        dt.date(2031, 3, 4),
        dt.date(2031, 3, 11),
        dt.date(2031, 3, 18),
    ]


def test_upcoming_keeps_an_event_that_is_still_running():
    EventFactory(title="Festival", start=berlin(2031, 2, 27, 10), end=berlin(2031, 3, 2, 18))
    EventFactory(title="Bitti", start=berlin(2031, 2, 27, 10), end=berlin(2031, 3, 1, 11))
    assert titles(calendar.upcoming(NOW, 5)) == ["Festival"]


def test_endless_rule_is_listed_and_capped():
    endless = EventFactory(title="Her gün", start=berlin(2020, 1, 1, 8), rrule="FREQ=DAILY")
    assert endless.last_end is None
    found = calendar.upcoming(NOW, 7)
    assert len(found) == 7
    assert found[0].start == berlin(2031, 3, 2, 8)
    assert all(o.start.hour == 8 for o in found)
    assert len(calendar.upcoming(NOW, 10_000)) == calendar.MAX_OCCURRENCES_PER_EVENT


def test_upcoming_does_not_expand_recurring_events_after_the_last_single():
    for day in range(2, 7):
        EventFactory(title=f"Tek {day}", start=berlin(2031, 3, day, 10))
    EventFactory(title="Sonra", start=berlin(2031, 6, 1, 10), rrule="FREQ=DAILY")
    with CaptureQueriesContext(connection) as queries:
        found = calendar.upcoming(NOW, 5)
    assert titles(found) == [f"Tek {day}" for day in range(2, 7)]
    assert len(queries) == 2


def test_weekly_rule_keeps_19_00_across_summer_time():
    event = EventFactory(
        start=berlin(2031, 3, 25, 19),
        end=berlin(2031, 3, 25, 21),
        rrule="FREQ=WEEKLY;COUNT=3",
        title="Gurbette 59. Yıl",
    )
    found = calendar.occurrences(event, berlin(2031, 3, 1), berlin(2031, 5, 1))
    assert [o.start.astimezone(EVENT_TIME_ZONE).strftime("%d.%m %H:%M") for o in found] == [
        "25.03 19:00",
        "01.04 19:00",
        "08.04 19:00",
    ]
    assert [o.start.utcoffset() for o in found] == [
        dt.timedelta(hours=1),
        dt.timedelta(hours=2),
        dt.timedelta(hours=2),
    ]
    assert [o.end.hour for o in found] == [21, 21, 21]


def test_all_day_and_multi_day_occurrences():
    kermes = EventFactory(
        title="Kermes", start=berlin(2031, 3, 29), end=berlin(2031, 3, 30), all_day=True
    )
    (occurrence,) = calendar.occurrences(kermes, berlin(2031, 3, 1), berlin(2031, 4, 1))
    assert occurrence.first_day == dt.date(2031, 3, 29)
    assert occurrence.last_day == dt.date(2031, 3, 30)
    assert occurrence.multi_day
    # Across the change to summer time the day still ends at midnight, local time.
    assert occurrence.end == berlin(2031, 3, 31)


def test_upcoming_for_place_and_organiser():
    place = PlaceFactory(
        name="Armoni Palace",
        category="event-hall",
        city="Marl",
        street="Bergstraße 228",
        postcode="45770",
    )
    association = AssociationFactory(name="Avrupa Zonguldaklılar Derneği", city="Gelsenkirchen")
    EventFactory(title="Salonda", place=place, start=berlin(2031, 4, 1, 19))
    EventFactory(title="Derneğin", organiser_association=association, start=berlin(2031, 4, 2, 19))
    EventFactory(title="Başka", start=berlin(2031, 4, 3, 19))
    assert titles(calendar.upcoming_for(place, now=NOW)) == ["Salonda"]
    assert titles(calendar.upcoming_for(association, now=NOW)) == ["Derneğin"]


# Pages -----------------------------------------------------------------------------------


def test_list_page_orders_upcoming_and_hides_drafts(client, directory_pages):
    now = timezone.now()
    EventFactory(title="İkinci", start=now + dt.timedelta(days=10))
    EventFactory(title="Birinci", start=now + dt.timedelta(days=3))
    EventFactory(title="Taslak", start=now + dt.timedelta(days=4), live=False)
    EventFactory(title="Geçmiş", start=now - dt.timedelta(days=4))
    response = client.get(EVENTS_TR)
    assert response.status_code == 200
    assert listed_titles(response) == ["Birinci", "İkinci"]
    html = soup(response)
    assert html.html["lang"] == "tr"
    feed = html.select_one('link[rel="alternate"][type="text/calendar"]')
    assert feed["href"] == f"http://testserver{EVENTS_TR}feed.ics"
    assert html.select_one('a[href^="webcal://testserver/tr/rehber/etkinlikler/feed.ics"]')
    assert language_link(response, "de") == EVENTS_DE


def test_list_page_filters_by_city_organiser_and_words(client, directory_pages):
    now = timezone.now()
    association = AssociationFactory(name="Avrupa Zonguldaklılar Derneği", city="Gelsenkirchen")
    EventFactory(title="Marl gecesi", city="Marl", start=now + dt.timedelta(days=3))
    EventFactory(
        title="Dernek kahvaltısı",
        city="Gelsenkirchen",
        organiser_association=association,
        start=now + dt.timedelta(days=4),
    )
    assert listed_titles(client.get(EVENTS_TR, {"city": "Marl"})) == ["Marl gecesi"]
    organiser = f"association:{association.slug}"
    response = client.get(EVENTS_TR, {"organiser": organiser})
    assert listed_titles(response) == ["Dernek kahvaltısı"]
    subscribe = soup(response).select(".event-feeds a")
    assert any(
        a["href"].endswith(f"organiser/association/{association.slug}.ics") for a in subscribe
    )
    assert listed_titles(client.get(EVENTS_TR, {"q": "kahvalti"})) == ["Dernek kahvaltısı"]
    # A city that is no choice is left out (with a note), not an error.
    response = client.get(EVENTS_TR, {"city": "Atlantis"})
    assert response.status_code == 200
    assert len(listed_titles(response)) == 2


def test_list_page_pages_through_a_recurring_event(client, directory_pages):
    EventFactory(
        title="Her gün", start=timezone.now() + dt.timedelta(days=1), rrule="FREQ=DAILY;COUNT=45"
    )
    first = client.get(EVENTS_TR)
    assert len(cards(first)) == 20
    third = client.get(EVENTS_TR, {"page": 3})
    assert len(cards(third)) == 5
    assert client.get(EVENTS_TR, {"page": 4}).status_code == 404


def test_month_view(client, directory_pages):
    EventFactory(title="Kasımda", start=berlin(2031, 11, 16, 19))
    EventFactory(title="Ay sonu", start=berlin(2031, 10, 30), end=berlin(2031, 11, 2), all_day=True)
    EventFactory(title="Ekimde", start=berlin(2031, 10, 5, 19))
    november = client.get(f"{EVENTS_TR}2031/11/")
    assert november.status_code == 200
    assert listed_titles(november) == ["Ay sonu", "Kasımda"]
    days = [h.find("time")["datetime"] for h in soup(november).select(".event-day h2")]
    assert days == ["2031-11-01", "2031-11-16"]
    assert listed_titles(client.get(f"{EVENTS_TR}2031/10/")) == ["Ekimde", "Ay sonu"]
    html = soup(november)
    assert html.select_one('a[rel="prev"]')["href"] == f"{EVENTS_TR}2031/10/"
    assert html.select_one('a[rel="next"]')["href"] == f"{EVENTS_TR}2031/12/"
    assert language_link(november, "de") == f"{EVENTS_DE}2031/11/"
    assert listed_titles(client.get(f"{EVENTS_TR}2031/12/")) == []


@pytest.mark.parametrize("month", ["2031/13/", "2031/00/", "0999/01/", "2031/1/", "abcd/01/"])
def test_invalid_month_is_404(client, directory_pages, month):
    assert client.get(f"{EVENTS_TR}{month}").status_code == 404


def test_month_view_expands_a_weekly_rule(client, directory_pages):
    EventFactory(title="Salı", start=berlin(2031, 3, 4, 19), rrule="FREQ=WEEKLY;BYDAY=TU")
    response = client.get(f"{EVENTS_DE}2031/04/")
    times = [t["datetime"] for t in soup(response).select(".event-card__when time")]
    assert times == [
        "2031-04-01T19:00:00+02:00",
        "2031-04-08T19:00:00+02:00",
        "2031-04-15T19:00:00+02:00",
        "2031-04-22T19:00:00+02:00",
        "2031-04-29T19:00:00+02:00",
    ]


def test_event_page(client, directory_pages):
    place = PlaceFactory(
        name="Armoni Palace",
        category="event-hall",
        city="Marl",
        street="Bergstraße 228",
        postcode="45770",
    )
    association = AssociationFactory(name="Avrupa Zonguldaklılar Derneği", city="Gelsenkirchen")
    event = EventFactory(
        title="Gurbette 59. Yıl",
        start=berlin(2031, 11, 16, 19),
        end=berlin(2031, 11, 16, 23, 30),
        place=place,
        organiser_association=association,
        price_tr="25 Euro",
        description_tr="Kültür gecesi.",
        title_de="59 Jahre in der Fremde",
    )
    response = client.get(f"{EVENTS_DE}{event.slug}/")
    assert response.status_code == 200
    html = soup(response)
    assert html.h1.get_text(strip=True) == "59 Jahre in der Fremde"
    when = html.select_one(".event-facts time")
    assert when["datetime"] == "2031-11-16T19:00:00+01:00"
    assert "16.11.2031" in when.get_text()
    assert html.select_one(f'a[href="/de/verzeichnis/orte/{place.slug}/"]').get_text() == (
        "Armoni Palace"
    )
    assert html.select_one(f'a[href="/de/verzeichnis/vereine/{association.slug}/"]')
    # Text only in Turkish is shown, marked as Turkish.
    assert html.select_one('dd[lang="tr"]').get_text() == "25 Euro"
    assert html.select_one('.event__description[lang="tr"]')
    ics = html.select_one("a.event-actions__ics")
    assert ics["href"] == f"{EVENTS_DE}{event.slug}.ics"
    assert ics.has_attr("download")
    data = [json.loads(s.string) for s in html.select('script[type="application/ld+json"]')]
    (event_ld,) = [d for d in data if d.get("@type") == "Event"]
    assert event_ld["eventStatus"] == "https://schema.org/EventScheduled"
    assert event_ld["startDate"] == "2031-11-16T19:00:00+01:00"
    assert event_ld["location"]["address"]["addressLocality"] == "Marl"
    assert html.select_one('link[rel="canonical"]')["href"] == (
        f"http://testserver{EVENTS_DE}{event.slug}/"
    )
    assert language_link(response, "tr") == f"{EVENTS_TR}{event.slug}/"


def test_cancelled_event_page(client, directory_pages):
    event = EventFactory(cancelled=True, title="Gurbette 59. Yıl", start=berlin(2030, 11, 16, 19))
    html = soup(client.get(f"{EVENTS_TR}{event.slug}/"))
    assert html.select_one(".event-banner")
    data = [json.loads(s.string) for s in html.select('script[type="application/ld+json"]')]
    (event_ld,) = [d for d in data if d.get("@type") == "Event"]
    assert event_ld["eventStatus"] == "https://schema.org/EventCancelled"


def test_recurring_event_page_lists_next_dates(client, directory_pages):
    event = EventFactory(
        start=timezone.now().astimezone(EVENT_TIME_ZONE).replace(hour=19, minute=0, second=0)
        + dt.timedelta(days=1),
        rrule="FREQ=WEEKLY",
        title="Gurbette 59. Yıl",
    )
    html = soup(client.get(f"{EVENTS_TR}{event.slug}/"))
    assert len(html.select(".event-dates li")) == 5
    assert "19:00" in html.select_one(".event-dates li").get_text()


def test_unpublished_event_and_organiser_do_not_leak(client, directory_pages):
    draft = EventFactory(title="Taslak", live=False, start=berlin(2030, 11, 16, 19))
    assert client.get(f"{EVENTS_TR}{draft.slug}/").status_code == 404
    hidden_association = AssociationFactory(name="Gizli Dernek", live=False, city="Gelsenkirchen")
    hidden_place = PlaceFactory(
        name="Gizli Salon",
        live=False,
        category="event-hall",
        city="Marl",
        street="Bergstraße 228",
        postcode="45770",
    )
    event = EventFactory(
        organiser_association=hidden_association,
        place=hidden_place,
        start=timezone.now() + dt.timedelta(days=2),
        title="Gurbette 59. Yıl",
    )
    page = client.get(f"{EVENTS_TR}{event.slug}/").content.decode()
    assert "Gizli Dernek" not in page and "Gizli Salon" not in page
    listing = client.get(EVENTS_TR).content.decode()
    assert "Gizli Dernek" not in listing and "Gizli Salon" not in listing


def test_unknown_event_is_404(client, directory_pages):
    assert client.get(f"{EVENTS_TR}yok-boyle-bir-etkinlik/").status_code == 404
    assert Event.objects.count() == 0
