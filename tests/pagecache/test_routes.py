"""Each worker remembers which page an address leads to, and forgets it on any change."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from muhabir.directory.models import DirectoryPage
from muhabir.pagecache import versions
from muhabir.pagecache.sites import SITE_TAGS
from tests.factories.directory import PlaceFactory
from tests.factories.newsroom import ArticlePageFactory

pytestmark = pytest.mark.django_db


def _tree_walks(queries) -> int:
    # Wagtail looks up each path segment as a child with this slug.
    return sum('"wagtailcore_page"."slug" =' in query["sql"] for query in queries)


@pytest.fixture
def article(sections):
    return ArticlePageFactory(parent=sections["tr"][0], title="Köln'de Kültür Gecesi")


def test_a_known_address_is_served_without_walking_the_tree(article):
    client = Client()
    with CaptureQueriesContext(connection) as first:
        assert client.get(article.url).status_code == 200
    with CaptureQueriesContext(connection) as second:
        response = client.get(article.url)

    assert _tree_walks(first.captured_queries) >= 2
    assert _tree_walks(second.captured_queries) == 0
    assert "Köln&#x27;de Kültür Gecesi" in response.content.decode()


def test_an_unpublished_page_is_gone_at_once(article):
    client = Client()
    client.get(article.url)

    article.unpublish()

    assert client.get(article.url).status_code == 404


def test_a_renamed_address_leads_to_the_page_and_the_old_one_no_longer_does(article):
    client = Client()
    old_url = article.url
    client.get(old_url)

    article.slug = "kolnde-kultur-gecesi-2026"
    article.save_revision().publish()
    article.refresh_from_db()

    assert client.get(article.url).status_code == 200
    # Wagtail's own redirect from the old address, not the remembered page.
    assert client.get(old_url).status_code in (301, 302, 404)


def test_a_moved_page_is_found_at_its_new_address(article, sections):
    client = Client()
    old_url = article.url
    client.get(old_url)

    article.move(sections["tr"][1], pos="last-child")
    article.refresh_from_db()

    assert client.get(article.url).status_code == 200
    assert client.get(old_url).status_code in (301, 302, 404)


def test_a_restriction_still_asks_for_the_password(article):
    client = Client()
    client.get(article.url)

    PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="gizli"
    )

    response = client.get(article.url)
    assert "Köln&#x27;de Kültür Gecesi</h1>" not in response.content.decode()
    assert "password" in response.content.decode()


@pytest.fixture
def directory(home_tr):
    directory = DirectoryPage(title="Rehber", slug="rehber")
    home_tr.add_child(instance=directory)
    directory.save_revision().publish()
    return directory


def test_an_address_below_a_page_is_served_without_walking_the_tree(directory):
    place = PlaceFactory(name="İltis Park Çay Bahçesi", slug="iltis-park-cay-bahcesi")
    place_url = f"{directory.url}mekanlar/{place.slug}/"
    client = Client()
    for url in (directory.url, directory.url + "mekanlar/", place_url):
        with CaptureQueriesContext(connection) as first:
            assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as second:
            response = client.get(url)

        assert response.status_code == 200
        assert _tree_walks(first.captured_queries) >= 1, url
        assert _tree_walks(second.captured_queries) == 0, url
    assert "İltis Park Çay Bahçesi" in client.get(place_url).content.decode()


def test_what_a_kept_page_does_not_route_is_still_not_found(directory):
    client = Client()
    client.get(directory.url + "mekanlar/")

    # An entry nobody made, and the German word for the list below the Turkish page.
    for url in (directory.url + "mekanlar/yok-boyle-bir-yer/", directory.url + "orte/"):
        assert client.get(url).status_code == 404
        assert client.get(url).status_code == 404


def test_an_unpublished_page_takes_the_addresses_below_it_along_at_once(directory):
    client = Client()
    assert client.get(directory.url + "mekanlar/").status_code == 200

    directory.unpublish()

    assert client.get("/tr/rehber/mekanlar/").status_code == 404


def test_the_site_and_the_route_read_the_change_times_once_per_request(article, monkeypatch):
    reads = []
    changed_at = versions.changed_at

    def counted(tags):
        tags = tuple(tags)
        reads.append(tags)
        return changed_at(tags)

    monkeypatch.setattr(versions, "changed_at", counted)
    client = Client()
    client.get(article.url)
    reads.clear()

    assert client.get(article.url).status_code == 200
    assert reads.count(SITE_TAGS) == 1


def test_a_known_section_page_with_its_list_kept_reads_nothing_but_change_times(article, settings):
    # As in production: the section's list and count are kept fragments.
    settings.MUHABIR_FRAGMENT_CACHE = True
    section = article.get_parent()
    client = Client()
    first = client.get(section.url)

    with CaptureQueriesContext(connection) as second:
        again = client.get(section.url)

    assert again.content == first.content
    # Without Redis the change times themselves are read from the database.
    queries = [query["sql"] for query in second.captured_queries]
    assert [sql for sql in queries if '"pagecache_tagversion"' not in sql] == []
