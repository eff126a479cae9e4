"""Each worker remembers which parts of the tree are private, and forgets it on any change."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from muhabir.newsroom.models import ArticlePage
from muhabir.pagecache.memo import reading_for_a_reader
from muhabir.pagecache.restrictions import private_tree
from tests.factories.newsroom import ArticlePageFactory

pytestmark = pytest.mark.django_db


def _restriction_reads(queries) -> int:
    # Not the change times' own query, which names the table's tag.
    return sum('"wagtailcore_pageviewrestriction"' in query["sql"] for query in queries)


@pytest.fixture
def article(sections):
    return ArticlePageFactory(parent=sections["tr"][0], title="Köln'de Kültür Gecesi")


def test_a_public_page_and_its_listings_ask_nothing_about_restrictions(
    cache_store, settings, article
):
    # As in production: what the page shows beside the article is kept as fragments.
    settings.MUHABIR_FRAGMENT_CACHE = True
    client = Client()
    client.get(article.url)
    client.get(article.get_parent().url)

    with CaptureQueriesContext(connection) as page:
        assert client.get(article.url).status_code == 200
    with CaptureQueriesContext(connection) as section:
        assert client.get(article.get_parent().url).status_code == 200

    assert _restriction_reads(page.captured_queries) == 0
    assert _restriction_reads(section.captured_queries) == 0


def test_a_section_made_private_is_closed_and_unlisted_at_once(cache_store, article, home_tr):
    section = article.get_parent().specific
    client = Client()
    assert "Köln&#x27;de Kültür Gecesi" in client.get(home_tr.url).content.decode()
    assert client.get(article.url).status_code == 200

    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)

    # Wagtail sends readers to its login form for the article and the section.
    assert client.get(article.url).status_code == 302
    assert client.get(section.url).status_code == 302
    assert "Köln&#x27;de Kültür Gecesi" not in client.get(home_tr.url).content.decode()


def test_a_restriction_lifted_opens_the_page_again(cache_store, article):
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="gizli"
    )
    client = Client()
    assert "Köln&#x27;de Kültür Gecesi</h1>" not in client.get(article.url).content.decode()

    restriction.delete()

    assert "Köln&#x27;de Kültür Gecesi</h1>" in client.get(article.url).content.decode()


def test_outside_a_readers_request_wagtail_asks_the_database(article):
    with reading_for_a_reader():
        assert not private_tree().may_be_private(article)

    # As in the admin's privacy dialog, right after saving a restriction.
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)

    assert article.get_view_restrictions().count() == 1
    assert ArticlePage.objects.live().public().filter(pk=article.pk).count() == 0


def test_a_page_below_an_alias_takes_wagtails_own_way(article):
    section = article.get_parent()
    alias = section.create_alias(
        parent=section.get_parent(), update_slug="toplum-kopya", recursive=True
    )
    below = Page.objects.child_of(alias).first()
    assert below is not None and below.alias_of_id == article.pk

    with reading_for_a_reader():
        tree = private_tree()

    assert tree.may_be_private(alias)
    assert tree.may_be_private(below)
    assert not tree.may_be_private(article)
