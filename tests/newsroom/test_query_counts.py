"""A page's query count does not grow with the number of articles it lists."""

from __future__ import annotations

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from muhabir.newsroom.selectors import FRONT_PAGE_ARTICLES_PER_SECTION
from tests.factories import ArticlePageFactory, SectionPageFactory
from tests.helpers import cards, listed_titles, section_blocks

# Measured 27 with 6 sections of 5 illustrated articles and an empty cache; the bound
# leaves room for a new template tag, not for a query per section, article or image.
HOME_PAGE_MAX_QUERIES = 30
# What a section page may cost beyond the same page listing only 3 articles.
LISTING_GROWTH_ALLOWANCE = 2


def _queries_for(client, url: str) -> int:
    client.get(url)  # loads what a running process keeps in memory (content types)
    # Cold cache: Wagtail caches renditions, which would hide a query per image.
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def _fill(section, count: int, make_image=None) -> None:
    for _ in range(count):
        ArticlePageFactory(
            parent=section, hero_image=make_image() if make_image is not None else None
        )


def test_turkish_home_page_with_six_sections_of_five_articles_stays_under_bound(
    client, home_tr, make_image, django_assert_max_num_queries
):
    sections = [SectionPageFactory(parent=home_tr) for _ in range(6)]
    for section in sections:
        _fill(section, 5, make_image)
    client.get(home_tr.url)  # loads what a running process keeps in memory (content types)
    cache.clear()

    with django_assert_max_num_queries(HOME_PAGE_MAX_QUERIES):
        response = client.get(home_tr.url)

    assert response.status_code == 200
    shown = min(5, FRONT_PAGE_ARTICLES_PER_SECTION)
    assert [len(cards(block)) for block in section_blocks(response)] == [shown] * 6


def test_home_page_query_count_does_not_grow_with_sections(client, home_tr, make_image):
    sections = [SectionPageFactory(parent=home_tr) for _ in range(2)]
    for section in sections:
        _fill(section, 2, make_image)
    few = _queries_for(client, home_tr.url)
    for _ in range(4):
        _fill(SectionPageFactory(parent=home_tr), 4, make_image)

    many = _queries_for(client, home_tr.url)

    assert many <= few + LISTING_GROWTH_ALLOWANCE


def test_section_page_with_thirty_illustrated_articles_costs_no_more_than_with_three(
    client, home_tr, make_image
):
    section = SectionPageFactory(parent=home_tr)
    _fill(section, 3, make_image)
    three = _queries_for(client, section.url)
    _fill(section, 27, make_image)

    thirty = _queries_for(client, section.url)

    assert len(listed_titles(client.get(section.url))) == 20
    assert thirty <= three + LISTING_GROWTH_ALLOWANCE, (three, thirty)


def test_section_page_with_further_articles_costs_no_more_than_with_three(client, home_tr):
    section, other = SectionPageFactory(parent=home_tr), SectionPageFactory(parent=home_tr)
    _fill(section, 3)
    three = _queries_for(client, section.url)
    for _ in range(10):
        ArticlePageFactory(parent=other, further_sections=[section])

    thirteen = _queries_for(client, section.url)

    assert len(listed_titles(client.get(section.url))) == 13
    assert thirteen <= three + LISTING_GROWTH_ALLOWANCE, (three, thirteen)
