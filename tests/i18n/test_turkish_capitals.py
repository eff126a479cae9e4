"""Turkish labels begin with "İ", not "I": Django's capfirst turns "i" into "I"."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Site
from wagtail.users.models import UserProfile

pytestmark = pytest.mark.django_db

# "I" then a lower-case letter: a Turkish reader reads it as "ı" ("Iptal" for "İptal").
DOTLESS_START = re.compile(r"^I[a-zçğıöşü]")


@pytest.mark.parametrize(
    "url",
    [
        reverse("wagtailsnippets_directory_place:add"),
        reverse("wagtailsnippets_directory_association:add"),
        reverse("wagtailsnippets_directory_event:add"),
        reverse("wagtailsnippets_directory_event:list"),
        reverse("wagtailsnippets_ingest_feedsource:add"),
        reverse("wagtailsnippets_ingest_feedsource:list"),
    ],
)
def test_turkish_admin_labels_start_with_a_dotted_capital(editor, editor_client, url):
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "tr"
    profile.save()

    response = editor_client.get(url)

    assert response.status_code == 200
    page = BeautifulSoup(response.content.decode(), "html.parser")
    labels = [
        element.get_text(" ", strip=True)
        for element in page.select("label, th, .w-field__label, .w-filter-button")
    ]
    assert [label for label in labels if DOTLESS_START.match(label)] == []


def test_site_settings_labels_in_turkish(administrator, administrator_client):
    profile = UserProfile.get_for_user(administrator)
    profile.preferred_language = "tr"
    profile.save()
    site = Site.objects.get(is_default_site=True)

    response = administrator_client.get(
        reverse("wagtailsettings:edit", args=["home", "sitesettings", site.pk])
    )

    assert "İki dilli bölüm başlıkları" in response.content.decode()
