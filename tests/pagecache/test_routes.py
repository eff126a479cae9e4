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


def test_routes_below_a_page_take_wagtails_way(home_tr):
    directory = DirectoryPage(title="Rehber", slug="rehber")
    home_tr.add_child(instance=directory)
    directory.save_revision().publish()
    client = Client()

    for _ in range(2):
        assert client.get(directory.url).status_code == 200
        assert client.get(directory.url + "mekanlar/").status_code == 200


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
