"""Readers' proposals: moderation, spam defences and field errors in the reader's language."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from wagtail.models import Revision

from muhabir.directory.models import Association, Event
from tests.helpers import listed_titles, soup

pytestmark = pytest.mark.django_db

PROPOSE = {"tr": "/tr/rehber/oner/", "de": "/de/verzeichnis/vorschlagen/"}
EVENTS = {"tr": "/tr/rehber/etkinlikler/", "de": "/de/verzeichnis/veranstaltungen/"}


def future(days=30, hour=19) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return dt.datetime(day.year, day.month, day.day, hour)


def event_data(**changes) -> dict:
    start = future()
    data = {
        "title": "Gurbette 60. Yıl",
        "start": start.strftime("%d.%m.%Y %H:%M"),
        "end": (start + dt.timedelta(hours=4)).strftime("%Y-%m-%dT%H:%M"),
        "venue_name": "Armoni Palace",
        "street": "Bergstraße 228",
        "postcode": "45770",
        "city": "Marl",
        "organiser_name": "Avrupa Zonguldaklılar Derneği",
        "price": "20 €",
        "description": "Geleneksel gece.",
        "title_other": "",
        "description_other": "",
        "submitter_name": "Ayşe Yılmaz",
        "submitter_email": "ayse@example.org",
        "homepage": "",
    }
    data.update(changes)
    return data


def association_data(**changes) -> dict:
    data = {
        "name": "Duisburg Türk Kültür Derneği",
        "city": "Duisburg",
        "founded": "1984",
        "description": "Kültür ve dayanışma.",
        "submitter_name": "Mehmet",
        "submitter_email": "mehmet@example.org",
        "homepage": "",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("language", ["tr", "de"])
def test_forms_render_in_the_readers_language(client, directory_pages, language):
    choose = client.get(PROPOSE[language])
    assert choose.status_code == 200
    links = [a["href"] for a in soup(choose).select(".proposal-choices a")]
    assert links == [f"{PROPOSE[language]}event/", f"{PROPOSE[language]}association/"]
    for what in ("event", "association"):
        response = client.get(f"{PROPOSE[language]}{what}/")
        html = soup(response)
        assert html.html["lang"] == language
        form = html.select_one("form.proposal-form")
        assert form["method"] == "post" and form.select_one('input[name="csrfmiddlewaretoken"]')
        for field in form.select("input:not([type=hidden]), textarea"):
            assert html.select_one(f'label[for="{field["id"]}"]'), field["name"]
        required = [
            label["for"] for label in form.select("label") if label.select(".form-field__required")
        ]
        assert "id_submitter_email" in required
        assert "id_homepage" not in required
        trap = form.select_one(".proposal-form__trap")
        assert trap["aria-hidden"] == "true" and trap.select_one('input[name="homepage"]')


@pytest.mark.parametrize(
    ("language", "own", "other"), [("tr", "title_tr", "title_de"), ("de", "title_de", "title_tr")]
)
def test_event_proposal_waits_for_an_editor(client, directory_pages, language, own, other):
    response = client.post(
        f"{PROPOSE[language]}event/",
        event_data(title_other="60 Jahre in der Fremde", description_other="Ein Abend."),
    )
    assert response.status_code == 302
    assert response["Location"] == f"{PROPOSE[language]}thanks/"
    event = Event.objects.get()
    assert getattr(event, own) == "Gurbette 60. Yıl"
    assert getattr(event, other) == "60 Jahre in der Fremde"
    assert (event.live, event.submitted) == (False, True)
    assert (event.submitter_name, event.submitter_email) == ("Ayşe Yılmaz", "ayse@example.org")
    assert event.start.astimezone(dt.UTC) == timezone.make_aware(future()).astimezone(dt.UTC)
    assert event.end - event.start == dt.timedelta(hours=4)
    assert event.latest_revision is not None
    assert Revision.objects.for_instance(event).count() == 1
    assert event.has_unpublished_changes

    thanks = client.get(response["Location"])
    assert thanks.status_code == 200 and soup(thanks).select_one('[role="status"]')

    # Not listed, not shown, not in any feed before an editor publishes it.
    assert listed_titles(client.get(EVENTS[language])) == []
    assert client.get(f"{EVENTS[language]}{event.slug}/").status_code == 404
    assert client.get(f"{EVENTS[language]}{event.slug}.ics").status_code == 404
    assert b"Gurbette" not in client.get(f"{EVENTS[language]}feed.ics").content

    event.latest_revision.publish()
    event.refresh_from_db()
    assert event.live
    assert client.get(f"{EVENTS[language]}{event.slug}/").status_code == 200
    assert len(listed_titles(client.get(EVENTS[language]))) == 1
    assert b"Gurbette" in client.get(f"{EVENTS[language]}feed.ics").content


def test_association_proposal_waits_for_an_editor(client, directory_pages):
    response = client.post(f"{PROPOSE['de']}association/", association_data())
    assert response.status_code == 302
    association = Association.objects.get()
    assert association.description_de == "Kültür ve dayanışma."
    assert association.description_tr == ""
    assert (association.live, association.submitted, association.founded) == (False, True, 1984)
    assert association.latest_revision is not None


def test_moderators_are_told(client, directory_pages, settings, django_capture_on_commit_callbacks):
    settings.DIRECTORY_MODERATORS = ["editor@muhabir.example"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{PROPOSE['tr']}event/", event_data())
    (message,) = mail.outbox
    assert message.to == ["editor@muhabir.example"]
    assert "Gurbette 60. Yıl" in message.subject


def test_no_moderators_no_mail(client, directory_pages, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{PROPOSE['tr']}event/", event_data())
    assert mail.outbox == []


def test_honeypot_shows_thanks_and_stores_nothing(client, directory_pages):
    response = client.post(f"{PROPOSE['tr']}event/", event_data(homepage="http://spam.example"))
    assert response.status_code == 302
    assert response["Location"] == f"{PROPOSE['tr']}thanks/"
    response = client.post(f"{PROPOSE['de']}association/", association_data(homepage="x"))
    assert response.status_code == 302
    assert Event.objects.count() == 0 and Association.objects.count() == 0


def test_rate_limit_per_address(client, directory_pages, settings):
    settings.MUHABIR_PROPOSALS_PER_HOUR = 3
    url = f"{PROPOSE['tr']}event/"
    for number in range(3):
        assert client.post(url, event_data(title=f"Etkinlik {number}")).status_code == 302
    refused = client.post(url, event_data(title="Bir fazla"))
    assert refused.status_code == 429
    assert soup(refused).select_one('.form-summary[role="alert"]')
    assert Event.objects.count() == 3
    # A forged X-Forwarded-For does not help without a trusted proxy in front.
    forged = client.post(url, event_data(), headers={"x-forwarded-for": "203.0.113.9"})
    assert forged.status_code == 429
    # Another address may still send.
    other = Client(REMOTE_ADDR="198.51.100.7")
    assert other.post(url, event_data(title="Başka adres")).status_code == 302
    assert Event.objects.count() == 4


def test_rate_limit_behind_a_trusted_proxy(client, directory_pages, settings):
    settings.MUHABIR_PROPOSALS_PER_HOUR = 1
    settings.MUHABIR_TRUSTED_PROXY_HOPS = 2
    url = f"{PROPOSE['tr']}event/"
    first = {"x-forwarded-for": "203.0.113.9, 10.0.0.1"}
    second = {"x-forwarded-for": "203.0.113.10, 10.0.0.1"}
    assert client.post(url, event_data(), headers=first).status_code == 302
    assert client.post(url, event_data(), headers=first).status_code == 429
    assert client.post(url, event_data(), headers=second).status_code == 302


def test_honeypot_counts_against_the_limit(client, directory_pages, settings):
    settings.MUHABIR_PROPOSALS_PER_HOUR = 2
    url = f"{PROPOSE['tr']}event/"
    for _ in range(2):
        client.post(url, event_data(homepage="spam"))
    assert client.post(url, event_data()).status_code == 429


def _field_errors(response, name: str) -> list[str]:
    html = soup(response)
    field = html.select_one(f'[name="{name}"]')
    error_id = f"id_{name}-error"
    assert error_id in field.get("aria-describedby", "").split()
    assert field.get("aria-invalid") == "true"
    errors = html.select_one(f"#{error_id}")
    assert errors is not None
    # The error sits in the same field group as the input.
    assert errors.find_parent(class_="form-field") is field.find_parent(class_="form-field")
    return [li.get_text(strip=True) for li in errors.select("li")]


@pytest.mark.parametrize(
    ("language", "required_message"),
    [
        # Django's own catalogues: the reader's language even before ours are filled.
        ("tr", "Bu alan zorunludur."),
        ("de", "Dieses Feld muss ausgefüllt werden."),
    ],
)
def test_field_errors_in_the_readers_language(client, directory_pages, language, required_message):
    start = future()
    data = event_data(
        title="",
        start=start.strftime("%Y-%m-%dT%H:%M"),
        end=(start - dt.timedelta(hours=1)).strftime("%d.%m.%Y %H:%M"),
        submitter_email="not an address",
    )
    response = client.post(f"{PROPOSE[language]}event/", data)
    assert response.status_code == 200
    html = soup(response)
    assert html.html["lang"] == language
    summary = html.select_one('.form-summary[role="alert"]')
    assert summary is not None
    targets = {a["href"] for a in summary.select("a")}
    assert targets == {"#id_title", "#id_end", "#id_submitter_email"}
    assert _field_errors(response, "title") == [required_message]
    assert len(_field_errors(response, "end")) == 1
    assert len(_field_errors(response, "submitter_email")) == 1
    assert html.select_one('[name="start"]').get("aria-invalid") is None
    # What the reader typed comes back.
    assert html.select_one('[name="venue_name"]')["value"] == "Armoni Palace"
    assert Event.objects.count() == 0


def test_dates_in_local_and_iso_form(client, directory_pages):
    url = f"{PROPOSE['de']}event/"
    start = future()
    for written in (start.strftime("%d.%m.%Y %H:%M"), start.strftime("%Y-%m-%dT%H:%M")):
        response = client.post(url, event_data(start=written, end=""))
        assert response.status_code == 302, written
    starts = {e.start for e in Event.objects.all()}
    assert starts == {timezone.make_aware(start)}
    bad = client.post(url, event_data(start="32.13.2030 19:00"))
    assert len(_field_errors(bad, "start")) == 1
    past = client.post(url, event_data(start="01.01.2001 19:00", end=""))
    assert len(_field_errors(past, "start")) == 1


def test_csrf_is_required(directory_pages):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(f"{PROPOSE['tr']}event/", event_data())
    assert response.status_code == 403
    assert Event.objects.count() == 0
