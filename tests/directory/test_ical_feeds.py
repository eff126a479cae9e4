"""iCalendar output of the directory, read back with the icalendar package."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from dateutil import rrule as dateutil_rrule
from django.utils import timezone
from wagtail.models import Site

from muhabir.directory.calendar import occurrences as calendar
from muhabir.home.models import SiteSettings
from tests.factories.directory import AssociationFactory, EventFactory, PlaceFactory, berlin

pytestmark = pytest.mark.django_db

EVENTS = "/tr/rehber/etkinlikler/"


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def vevents(cal: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(component["SUMMARY"]): component for component in cal.walk("VEVENT")}


def test_calendar_header_and_time_zone(client, directory_pages):
    event = EventFactory(
        start=berlin(2031, 1, 15, 19), end=berlin(2031, 1, 15, 22), title="Gurbette 59. Yıl"
    )
    cal = parse(client.get(f"{EVENTS}{event.slug}.ics"))
    assert cal["VERSION"] == "2.0"
    assert "Muhabirce" in str(cal["PRODID"])
    assert cal["CALSCALE"] == "GREGORIAN"
    assert str(cal["X-WR-CALNAME"]) == "Gurbette 59. Yıl"
    timezones = cal.walk("VTIMEZONE")
    assert [str(tz["TZID"]) for tz in timezones] == ["Europe/Berlin"]
    assert b"DTSTART;TZID=Europe/Berlin:20310115T190000" in response_lines(client, event)


def response_lines(client, event) -> bytes:
    return client.get(f"{EVENTS}{event.slug}.ics").content.replace(b"\r\n ", b"")


def test_winter_and_summer_offsets(client, directory_pages):
    winter = EventFactory(title="Kış", start=berlin(2031, 1, 15, 19), end=berlin(2031, 1, 15, 21))
    summer = EventFactory(title="Yaz", start=berlin(2031, 7, 15, 19), end=berlin(2031, 7, 15, 21))
    found = vevents(parse(client.get(f"{EVENTS}feed.ics")))
    winter_start = found["Kış"].decoded("DTSTART")
    summer_start = found["Yaz"].decoded("DTSTART")
    assert winter_start.utcoffset() == dt.timedelta(hours=1)
    assert summer_start.utcoffset() == dt.timedelta(hours=2)
    assert winter_start == winter.start and summer_start == summer.start
    assert found["Yaz"].decoded("DTEND") == summer.end


def test_vtimezone_rules_give_the_right_offsets(client, directory_pages):
    """The VTIMEZONE itself (not our tzdata) must say +01:00 in winter, +02:00 in summer."""
    event = EventFactory(title="Gurbette 59. Yıl", start=berlin(2030, 11, 16, 19))
    cal = parse(client.get(f"{EVENTS}{event.slug}.ics"))
    # Built from the component's own rules, not looked up by its TZID.
    tz = cal.walk("VTIMEZONE")[0].to_tz(lookup_tzid=False)

    def offset(*args) -> dt.timedelta:
        return dt.datetime(*args, tzinfo=tz).utcoffset()

    assert offset(2031, 1, 15, 19) == dt.timedelta(hours=1)
    assert offset(2031, 7, 15, 19) == dt.timedelta(hours=2)
    # Around the last Sundays of March and October 2040 (25th and 28th), far ahead.
    assert offset(2040, 3, 25, 1) == dt.timedelta(hours=1)
    assert offset(2040, 3, 25, 12) == dt.timedelta(hours=2)
    assert offset(2040, 10, 27, 12) == dt.timedelta(hours=2)
    assert offset(2040, 10, 28, 12) == dt.timedelta(hours=1)


def _expand(component: icalendar.Event) -> list[dt.datetime]:
    start = component.decoded("DTSTART")
    rule = component["RRULE"].to_ical().decode()
    return list(dateutil_rrule.rrulestr(rule, dtstart=start))


@pytest.mark.parametrize(
    ("first", "utc_hours"),
    [
        # Tuesdays around the last Sunday of March 2031 (30 March): winter, then summer.
        (berlin(2031, 3, 18, 19), [18, 18, 17, 17]),
        # Tuesdays around the last Sunday of October 2031 (26 October): summer, then winter.
        (berlin(2031, 10, 14, 19), [17, 17, 18, 18]),
    ],
)
def test_weekly_event_keeps_local_time_across_dst(client, directory_pages, first, utc_hours):
    event = EventFactory(
        title="Sohbet", start=first, end=first + dt.timedelta(hours=2), rrule="FREQ=WEEKLY;COUNT=4"
    )
    component = vevents(parse(client.get(f"{EVENTS}{event.slug}.ics")))["Sohbet"]
    assert component["RRULE"]["FREQ"] == ["WEEKLY"]
    from_ical = _expand(component)
    expanded = calendar.occurrences(event, first, first + dt.timedelta(days=60))
    ours = [o.start for o in expanded]
    assert from_ical == ours
    assert [start.astimezone(calendar.EVENT_TIME_ZONE).hour for start in ours] == [19] * 4
    assert [start.astimezone(dt.UTC).hour for start in ours] == utc_hours
    assert all(
        o.end.hour == 21 for o in calendar.occurrences(event, first, first + dt.timedelta(days=60))
    )


def test_until_is_written_in_utc(client, directory_pages):
    event = EventFactory(
        title="Kurs", start=berlin(2031, 4, 1, 19), rrule="FREQ=WEEKLY;UNTIL=20310415"
    )
    component = vevents(parse(client.get(f"{EVENTS}{event.slug}.ics")))["Kurs"]
    until = component["RRULE"]["UNTIL"][0]
    assert until == dt.datetime(2031, 4, 15, 21, 59, 59, tzinfo=dt.UTC)
    assert b"UNTIL=20310415T215959Z" in response_lines(client, event)
    assert len(_expand(component)) == 3


def test_all_day_event_uses_dates_with_exclusive_end(client, directory_pages):
    event = EventFactory(
        title="Kermes", start=berlin(2031, 11, 15), end=berlin(2031, 11, 16), all_day=True
    )
    lines = response_lines(client, event)
    assert b"DTSTART;VALUE=DATE:20311115" in lines
    assert b"DTEND;VALUE=DATE:20311117" in lines
    component = vevents(parse(client.get(f"{EVENTS}{event.slug}.ics")))["Kermes"]
    assert component.decoded("DTSTART") == dt.date(2031, 11, 15)
    assert component.decoded("DTEND") == dt.date(2031, 11, 17)


def test_calendar_feeds_are_named_after_the_site_in_its_settings(client, directory_pages):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.site_name = "Ruhr Muhabiri"
    site_settings.save()
    EventFactory(title="Konser", start=berlin(2030, 11, 16, 19))
    assert str(parse(client.get(f"{EVENTS}feed.ics"))["X-WR-CALNAME"]) == (
        "Ruhr Muhabiri – etkinlikler"
    )
    assert str(parse(client.get("/de/verzeichnis/veranstaltungen/feed.ics"))["X-WR-CALNAME"]) == (
        "Ruhr Muhabiri – Veranstaltungen"
    )


def test_cancelled_event_is_marked(client, directory_pages):
    EventFactory(title="İptal edilen konser", cancelled=True, start=berlin(2030, 11, 16, 19))
    cal = parse(client.get(f"{EVENTS}feed.ics"))
    (component,) = cal.walk("VEVENT")
    assert component["STATUS"] == "CANCELLED"
    summary = str(component["SUMMARY"])
    assert summary.endswith("İptal edilen konser") and summary != "İptal edilen konser"


def test_event_fields_uid_location_geo_organiser(client, directory_pages):
    place = PlaceFactory(
        latitude=51.6561,
        longitude=7.0883,
        name="Armoni Palace",
        category="event-hall",
        city="Marl",
        street="Bergstraße 228",
        postcode="45770",
    )
    organiser = AssociationFactory(
        email="info@zonguldak.example", name="Avrupa Zonguldaklılar Derneği", city="Gelsenkirchen"
    )
    event = EventFactory(
        place=place,
        organiser_association=organiser,
        description_tr="Gece",
        title="Gurbette 59. Yıl",
        start=berlin(2030, 11, 16, 19),
    )
    component = vevents(parse(client.get(f"{EVENTS}{event.slug}.ics")))["Gurbette 59. Yıl"]
    assert str(component["UID"]) == f"directory-event-{event.pk}@testserver"
    assert str(component["LOCATION"]) == "Armoni Palace, Bergstraße 228, 45770 Marl"
    assert component["GEO"].latitude == pytest.approx(51.6561)
    assert str(component["URL"]) == f"http://testserver{EVENTS}{event.slug}/"
    assert str(component["ORGANIZER"]) == "mailto:info@zonguldak.example"
    assert component["ORGANIZER"].params["CN"] == "Avrupa Zonguldaklılar Derneği"
    assert component["DESCRIPTION"] == "Gece"
    assert component.decoded("LAST-MODIFIED") == event.updated_at.replace(microsecond=0)
    assert "SEQUENCE" in component and "DTSTAMP" in component


def test_unpublished_events_never_appear(client, directory_pages):
    EventFactory(title="Yayında", start=berlin(2030, 11, 16, 19))
    hidden = EventFactory(title="Taslak", live=False, start=berlin(2030, 11, 16, 19))
    assert set(vevents(parse(client.get(f"{EVENTS}feed.ics")))) == {"Yayında"}
    assert client.get(f"{EVENTS}{hidden.slug}.ics").status_code == 404
    assert client.get(f"{EVENTS}{hidden.slug}/").status_code == 404


def test_feed_keeps_recent_past_and_endless_rules(client, directory_pages):
    now = timezone.now()
    EventFactory(title="Geçen ay", start=now - dt.timedelta(days=30))
    EventFactory(title="Geçen yıl", start=now - dt.timedelta(days=200))
    EventFactory(title="Her pazartesi", start=now - dt.timedelta(days=2000), rrule="FREQ=WEEKLY")
    found = vevents(parse(client.get(f"{EVENTS}feed.ics")))
    assert set(found) == {"Geçen ay", "Her pazartesi"}
    assert found["Her pazartesi"]["RRULE"]["FREQ"] == ["WEEKLY"]


def test_city_feed_holds_only_its_city(client, directory_pages):
    place = PlaceFactory(
        name="Armoni Palace",
        category="event-hall",
        city="Marl",
        street="Bergstraße 228",
        postcode="45770",
    )  # in Marl
    EventFactory(title="Marl'da", place=place, start=berlin(2030, 11, 16, 19))
    EventFactory(title="Köln'de", city="Köln", start=berlin(2030, 11, 16, 19))
    hidden_place = PlaceFactory(
        name="Gizli Salon",
        city="Essen",
        live=False,
        category="event-hall",
        street="Bergstraße 228",
        postcode="45770",
    )
    EventFactory(title="Gizli yerde", place=hidden_place, start=berlin(2030, 11, 16, 19))
    assert set(vevents(parse(client.get(f"{EVENTS}city/marl.ics")))) == {"Marl'da"}
    # Turkish pages fold ö to o, German ones to oe.
    assert set(vevents(parse(client.get(f"{EVENTS}city/koln.ics")))) == {"Köln'de"}
    german = client.get("/de/verzeichnis/veranstaltungen/city/koeln.ics")
    assert set(vevents(parse(german))) == {"Köln'de"}
    assert client.get(f"{EVENTS}city/essen.ics").status_code == 404
    assert client.get(f"{EVENTS}city/hamburg.ics").status_code == 404


def test_organiser_feed_holds_only_its_events(client, directory_pages):
    ours = AssociationFactory(name="Avrupa Zonguldaklılar Derneği", city="Gelsenkirchen")
    other = AssociationFactory(name="Başka Dernek", city="Gelsenkirchen")
    hidden = AssociationFactory(name="Taslak Dernek", live=False, city="Gelsenkirchen")
    EventFactory(title="Bizim", organiser_association=ours, start=berlin(2030, 11, 16, 19))
    EventFactory(title="Onların", organiser_association=other, start=berlin(2030, 11, 16, 19))
    EventFactory(title="Gizli", organiser_association=hidden, start=berlin(2030, 11, 16, 19))
    found = vevents(parse(client.get(f"{EVENTS}organiser/association/{ours.slug}.ics")))
    assert set(found) == {"Bizim"}
    assert "Avrupa Zonguldaklılar Derneği" in str(
        icalendar.Calendar.from_ical(
            client.get(f"{EVENTS}organiser/association/{ours.slug}.ics").content
        )["X-WR-CALNAME"]
    )
    assert client.get(f"{EVENTS}organiser/association/{hidden.slug}.ics").status_code == 404
    assert client.get(f"{EVENTS}organiser/club/{ours.slug}.ics").status_code == 404


def test_download_headers_and_conditional_get(client, directory_pages):
    event = EventFactory(title="Gurbette 59. Yıl", start=berlin(2030, 11, 16, 19))
    response = client.get(f"{EVENTS}{event.slug}.ics")
    assert response["Content-Disposition"] == 'attachment; filename="gurbette-59-yil.ics"'
    etag = response["ETag"]
    again = client.get(f"{EVENTS}{event.slug}.ics", headers={"if-none-match": etag})
    assert again.status_code == 304
    event.title_tr = "Gurbette 60. Yıl"
    event.save()
    changed = client.get(f"{EVENTS}{event.slug}.ics", headers={"if-none-match": etag})
    assert changed.status_code == 200


def test_lines_are_folded_with_crlf(client, directory_pages):
    event = EventFactory(
        description_tr="Uzun bir açıklama " * 20,
        title="Gurbette 59. Yıl",
        start=berlin(2030, 11, 16, 19),
    )
    content = client.get(f"{EVENTS}{event.slug}.ics").content
    lines = content.split(b"\r\n")
    assert b"\n" not in content.replace(b"\r\n", b"")
    assert max(len(line) for line in lines) <= 75
