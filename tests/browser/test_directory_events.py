"""A reader adds an event to their calendar and proposes one, in Turkish and in German."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from muhabir.directory.models import EVENT_TIME_ZONE, Event
from tests.factories.directory import EventFactory, directory_pages_add

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PATHS = {
    "tr": ("/tr/rehber/etkinlikler/", "/tr/rehber/oner/event/"),
    "de": ("/de/verzeichnis/veranstaltungen/", "/de/verzeichnis/vorschlagen/event/"),
}
TITLES = {"tr": "Gurbette 59. Yıl", "de": "59 Jahre in der Fremde"}


@pytest.fixture
def directory():
    directory_pages_add()
    # Next summer's 16 July, so the download must say +02:00 for 19:00 in Marl.
    year = timezone.localdate().year + 1
    return EventFactory(
        title=TITLES["tr"],
        start=dt.datetime(year, 7, 16, 19, tzinfo=EVENT_TIME_ZONE),
        end=dt.datetime(year, 7, 16, 23, tzinfo=EVENT_TIME_ZONE),
        venue_name="Armoni Palace",
        city="Marl",
        title_de=TITLES["de"],
    )


@pytest.mark.parametrize("language", ["tr", "de"])
def test_add_event_to_calendar(open_page, directory, language):
    page = open_page(locale={"tr": "tr-TR", "de": "de-DE"}[language])
    events, _ = PATHS[language]
    page.goto(events)
    page.locator("main article h3 a", has_text=TITLES[language]).click()
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("h1")).to_have_text(TITLES[language])
    with page.expect_download() as info:
        page.locator("a.event-actions__ics").click()
    download = info.value
    assert download.suggested_filename == f"{directory.slug}.ics"
    with open(download.path(), "rb") as file:
        cal = icalendar.Calendar.from_ical(file.read())
    (component,) = cal.walk("VEVENT")
    assert str(component["SUMMARY"]) == TITLES[language]
    start = component.decoded("DTSTART")
    assert start == directory.start
    assert start.utcoffset() == dt.timedelta(hours=2)
    assert component["DTSTART"].params["TZID"] == "Europe/Berlin"


@pytest.mark.parametrize("language", ["tr", "de"])
def test_propose_an_event(open_page, directory, language):
    page = open_page(locale={"tr": "tr-TR", "de": "de-DE"}[language])
    _, propose = PATHS[language]
    page.goto(propose)
    expect(page.locator("html")).to_have_attribute("lang", language)
    start = timezone.localdate() + dt.timedelta(days=40)
    page.locator("#id_title").fill("Halk dansları akşamı")
    page.locator("#id_start").fill(f"{start.isoformat()}T19:00")
    # The end before the start: the form comes back with the error at the end field.
    page.locator("#id_end").fill(f"{start.isoformat()}T18:00")
    page.locator("#id_venue_name").fill("Kültür Merkezi")
    page.locator("#id_city").fill("Duisburg")
    page.locator("#id_description").fill("Herkes davetli.")
    page.locator("#id_submitter_name").fill("Ayşe")
    page.locator("#id_submitter_email").fill("ayse@example.org")
    page.locator("form.proposal-form button[type=submit]").click()

    expect(page.locator('.form-summary[role="alert"]')).to_be_visible()
    expect(page.locator("#id_end")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_end-error")).to_be_visible()
    expect(page.locator("#id_title")).to_have_value("Halk dansları akşamı")
    assert Event.objects.filter(title_tr="Halk dansları akşamı").count() == 0

    page.locator("#id_end").fill(f"{start.isoformat()}T22:00")
    page.locator("form.proposal-form button[type=submit]").click()
    expect(page.locator('.proposal-thanks[role="status"]')).to_be_visible()
    assert page.url.endswith("/thanks/")
    proposal = Event.objects.get(**{f"title_{language}": "Halk dansları akşamı"})
    assert not proposal.live and proposal.submitted
    # Not listed before an editor publishes it.
    page.goto(PATHS[language][0])
    expect(page.locator("main article h3 a", has_text="Halk dansları")).to_have_count(0)
