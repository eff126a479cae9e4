"""Reader pages cost the same number of queries at 10 and at 500 articles, and listings
never read the body, the widest column there is."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from muhabir.newsroom.models import ArticlePage
from muhabir.pagecache import memo
from tests.factories.newsroom import body_paragraphs, sentence

pytestmark = pytest.mark.django_db

# The bounds a change must not raise without saying why (as measured: the front page
# reads its sections' newest placements in one UNION ALL query).
BOUNDS = {"home": 22, "section": 17, "section_page_3": 17, "article": 27}
BODY_COLUMN = re.compile(r'"newsroom_articlepage"\."body"(?!_)')


def _articles_add(section, count: int) -> list[ArticlePage]:
    """Live articles without revisions: scaffolding, as the shared fixtures make sections."""
    made = []
    for n in range(count):
        now = timezone.now() - timezone.timedelta(minutes=n)
        article = ArticlePage(
            title=f"Haber {n} {sentence('tr', 4)}",
            slug=f"haber-{section.pk}-{n}-{len(made)}",
            locale=section.locale,
            body=body_paragraphs(sentence("tr", 30)),
            live=True,
            first_published_at=now,
            last_published_at=now,
        )
        section.add_child(instance=article)
        made.append(article)
    return made


def _pages(sections, article) -> dict[str, str]:
    section = sections["tr"][0]
    return {
        "home": "/tr/",
        "section": section.url,
        "section_page_3": f"{section.url}?page=3",
        "article": article.url,
    }


def _queries(client, url, *, page_loaded: bool = False) -> list[str]:
    client.get(url)  # the navigation and renditions are cached after the first view
    if page_loaded:
        # As when another worker serves the second view: the page itself is loaded.
        memo.forget()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.parametrize("total", [10, 500])
def test_reader_pages_cost_the_same_queries_at_10_and_500_articles(sections, total, settings):
    settings.MUHABIR_SECTION_PAGE_SIZE = 1
    per_section = total // len(sections["tr"])
    made = []
    for section in sections["tr"]:
        made += _articles_add(section, per_section)
    client = Client()

    counts = {name: len(_queries(client, url)) for name, url in _pages(sections, made[0]).items()}

    for name, bound in BOUNDS.items():
        assert counts[name] <= bound, (name, counts)
    # Stored so that the 500-article run can compare with the 10-article run.
    test_reader_pages_cost_the_same_queries_at_10_and_500_articles.counts[total] = counts
    if len(test_reader_pages_cost_the_same_queries_at_10_and_500_articles.counts) == 2:
        small, large = (
            test_reader_pages_cost_the_same_queries_at_10_and_500_articles.counts[n]
            for n in (10, 500)
        )
        assert small == large


test_reader_pages_cost_the_same_queries_at_10_and_500_articles.counts = {}


def test_listings_never_select_the_body(sections, settings):
    settings.MUHABIR_SECTION_PAGE_SIZE = 1
    made = []
    for section in sections["tr"]:
        made += _articles_add(section, 4)
    client = Client()

    for name, url in _pages(sections, made[0]).items():
        queries = _queries(client, url, page_loaded=True)
        listing = [sql for sql in queries if "newsroom_articlepage" in sql]
        assert listing, name
        readers_of_body = [sql for sql in listing if BODY_COLUMN.search(sql)]
        # The article page reads its own body once; no listing reads any.
        assert len(readers_of_body) == (1 if name == "article" else 0), (name, readers_of_body)


def test_cards_show_the_start_of_the_body_when_there_is_no_teaser(sections):
    (article,) = _articles_add(sections["tr"][0], 1)
    article.refresh_from_db()

    assert article.body_teaser.startswith(article.body_text[:40])
    page = Client().get(sections["tr"][0].url).content.decode()
    assert escape(article.body_teaser) in page
