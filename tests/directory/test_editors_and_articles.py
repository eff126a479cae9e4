"""Editors approve proposals by publishing them; reporters write drafts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from muhabir.directory.models import EVENT_TIME_ZONE, DirectoryPage, Event
from tests.factories import ArticlePageFactory
from tests.factories.directory import PlaceFactory

pytestmark = pytest.mark.django_db

ENTRIES = ("place", "association", "integrationcentre", "offer", "event")


@pytest.mark.parametrize("model", ENTRIES)
def test_editors_may_publish_and_reporters_may_not(editor, reporter, model):
    assert editor.has_perm(f"directory.publish_{model}")
    assert editor.has_perm(f"directory.delete_{model}")
    assert reporter.has_perm(f"directory.add_{model}")
    assert reporter.has_perm(f"directory.change_{model}")
    assert not reporter.has_perm(f"directory.publish_{model}")
    assert not reporter.has_perm(f"directory.delete_{model}")


def test_reference_lists_are_for_administrators(editor, administrator):
    assert not editor.has_perm("directory.change_district")
    assert administrator.has_perm("directory.change_district")


def test_an_editor_publishes_a_proposed_event_in_the_admin(editor_client):
    event = Event(
        title_de="Vorgeschlagenes Fest",
        start=dt.datetime(2030, 6, 1, 18, tzinfo=EVENT_TIME_ZONE),
        live=False,
    )
    event.submitted = True
    event.save()
    event.save_revision()
    url = reverse("wagtailsnippets_directory_event:edit", args=[event.pk])

    page = editor_client.get(url)
    assert page.status_code == 200
    assert b'name="action-publish"' in page.content

    form = {
        "title_tr": "",
        "title_de": "Vorgeschlagenes Fest",
        "slug": event.slug,
        "start": "2030-06-01 18:00",
        "end": "",
        "rrule": "",
        "description_tr": "",
        "description_de": "",
        "venue_name": "",
        "street": "",
        "postcode": "",
        "city": "",
        "latitude": "",
        "longitude": "",
        "organiser_name": "",
        "price_tr": "",
        "price_de": "",
        "submitter_name": "",
        "submitter_email": "",
        "action-publish": "action-publish",
    }
    response = editor_client.post(url, form)

    assert response.status_code == 302, response.content.decode()[:2000]
    event.refresh_from_db()
    assert event.live


def test_an_article_links_the_published_entries_it_names(client, sections):
    home = sections["tr"][0].get_parent()
    home.add_child(instance=DirectoryPage(title="Rehber", slug="rehber"))
    shown = PlaceFactory(name="İltis Park Çay Bahçesi", category="tea-garden", live=True)
    hidden = PlaceFactory(name="Gizli Bahçe", category="tea-garden", live=False)
    article = ArticlePageFactory(parent=sections["tr"][0], title="Çay bahçesi açıldı")
    article.places.set([shown, hidden])
    article.save_revision().publish()

    html = client.get(article.url).content.decode()

    assert f'href="/tr/rehber/mekanlar/{shown.slug}/"' in html
    assert "Gizli Bahçe" not in html


@pytest.mark.parametrize("model", ENTRIES)
def test_a_new_entry_is_saved_by_its_button_only_not_by_a_racing_autosave(editor_client, model):
    """Autosave of a new form plus "Save draft" pressed meanwhile made two entries."""
    add = editor_client.get(reverse(f"wagtailsnippets_directory_{model}:add"))

    assert add.status_code == 200
    form = add.content.decode().split("data-edit-form", 1)[1].split(">", 1)[0]
    assert "w-autosave" not in form
