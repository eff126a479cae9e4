"""The directory's lists reuse what is the same for every reader, and never show it stale.

As in production the fragments are kept and whole pages are not: each request renders the
list. Its route, the filters' choices, the directory's other languages and the head come
from what was kept; only the entries shown are read. Each test changes something the way
editors do and reads the list in the same second.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories.directory import (
    AssociationFactory,
    DistrictFactory,
    OfferFactory,
    PlaceFactory,
    directory_pages_add,
)

pytestmark = pytest.mark.django_db

PLACES = "/tr/rehber/mekanlar/"
START = "/tr/rehber/"


@pytest.fixture
def directory(home_tr, home_de):
    return directory_pages_add()


@pytest.fixture
def places(directory):
    duisburg = DistrictFactory(slug="duisburg", name="Duisburg")
    return [
        PlaceFactory(name="İltis Park Çay Bahçesi", city="Duisburg", district=duisburg),
        PlaceFactory(name="Köln Çay Evi", city="Köln"),
        PlaceFactory(name="Essen Kıraathanesi", city="Essen"),
    ]


def _page(client: Client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return BeautifulSoup(response.content, "html.parser")


def _options(page: BeautifulSoup, name: str) -> list[str]:
    return [option.get_text(strip=True) for option in page.select(f"select[name={name}] option")]


def test_a_list_read_again_reads_only_the_entries_it_shows(fragment_cache, places):
    client = Client()
    with CaptureQueriesContext(connection) as first_queries:
        first = client.get(PLACES)
    with CaptureQueriesContext(connection) as second_queries:
        second = client.get(PLACES)

    assert second.content == first.content
    # Without Redis the change times themselves are read from the database.
    read = [q["sql"] for q in second_queries if '"pagecache_tagversion"' not in q["sql"]]
    # The count for the page links and the twenty entries of this page; nothing else.
    assert len(read) == 2, read
    assert all('FROM "directory_place"' in sql for sql in read), read
    assert len(first_queries) > len(second_queries) + 6


def test_a_new_city_is_a_choice_at_once_and_leaves_with_its_last_place(fragment_cache, places):
    client = Client()
    assert "Bochum" not in _options(_page(client, PLACES), "city")

    bochum = PlaceFactory(name="Bochum Çay Ocağı", city="Bochum")
    assert "Bochum" in _options(_page(client, PLACES), "city")

    bochum.unpublish()
    page = _page(client, PLACES)
    assert "Bochum" not in _options(page, "city")
    assert "Bochum Çay Ocağı" not in page.get_text()


def test_a_providers_draft_leaves_the_offers_choices_at_once(fragment_cache, directory):
    provider = AssociationFactory(name="Ruhrgebiet Veliler Derneği")
    OfferFactory(title_tr="Gençlere danışmanlık", provider_association=provider)
    client = Client()
    assert provider.name in _options(_page(client, "/tr/rehber/hizmetler/"), "provider")

    provider.unpublish()

    assert provider.name not in _options(_page(client, "/tr/rehber/hizmetler/"), "provider")


def test_the_other_language_is_linked_while_it_is_live(fragment_cache, places, directory):
    client = Client()
    german_links = 'a[hreflang="de"][href="/de/verzeichnis/orte/"]'
    assert _page(client, PLACES).select(german_links)

    directory["de"].unpublish()
    page = _page(client, PLACES)

    assert not page.select('a[hreflang="de"][href^="/de/verzeichnis/"]')
    assert not page.select('link[rel="alternate"][hreflang="de"]')

    directory["de"].save_revision().publish()
    assert _page(client, PLACES).select(german_links)


def test_the_head_follows_an_edit_of_the_directory_page(fragment_cache, places, directory):
    client = Client()
    _page(client, PLACES)

    directory["tr"].search_description = "Gurbetteki mekanlar ve dernekler"
    directory["tr"].save_revision().publish()
    page = _page(client, PLACES)

    # A list says nothing of its own about itself: the directory page's words stand.
    assert page.select_one('meta[property="og:description"]')["content"] == (
        "Gurbetteki mekanlar ve dernekler"
    )


def test_the_start_page_counts_a_new_place_at_once(fragment_cache, places):
    client = Client()
    _page(client, START)
    with CaptureQueriesContext(connection) as queries:
        first = _page(client, START)
    # Its counts, newest entries and next events are kept; the change times are read.
    assert [q["sql"] for q in queries if '"pagecache_tagversion"' not in q["sql"]] == []
    assert _count(first, PLACES) == "3"

    PlaceFactory(name="Bochum Çay Ocağı", city="Bochum")
    page = _page(client, START)

    assert _count(page, PLACES) == "4"
    assert "Bochum Çay Ocağı" in page.select_one("main").get_text()


def _count(page: BeautifulSoup, url: str) -> str:
    link = page.select_one(f'main a[href="{url}"] .directory-kinds__count')
    return link.get_text(strip=True).split()[0]
