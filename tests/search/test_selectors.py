"""The selector's window: past it, filters go to the database and the page says so."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from muhabir.search.selectors import Filters, search_results
from tests.factories import ArticlePageFactory
from tests.factories.newsroom import body_paragraphs

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def concerts(sections):
    made = []
    for number, (language, section, year) in enumerate(
        [("tr", 0, 2019), ("de", 0, 2020), ("tr", 2, 2021), ("de", 2, 2022), ("tr", 1, 2023)]
    ):
        made.append(
            ArticlePageFactory(
                parent=sections[language][section],
                title=f"Konser {number}",
                body=body_paragraphs("Konzert, konser, Musik."),
                editorial_date=dt.datetime(year, 6, 1, 12, tzinfo=BERLIN),
            )
        )
    return made


def titles(results) -> list[str]:
    return sorted(hit.article.title for hit in results.hits)


def test_a_full_window_is_reported_and_filters_then_search_the_whole_index(concerts, sections):
    results = search_results(
        query="konser", filters=Filters(language="tr"), interface_language="tr", window=2
    )

    # The unfiltered window held the newest two, "Konser 3" (German) and "Konser 4";
    # the Turkish filter reaches past it to "Konser 2".
    assert results.capped
    assert titles(results) == ["Konser 2", "Konser 4"]


def test_section_and_year_filters_past_the_window(concerts, sections):
    dernekler = sections["tr"][2].pk
    by_section = search_results(
        query="konser", filters=Filters(section=dernekler), interface_language="tr", window=3
    )
    by_year = search_results(
        query="konser", filters=Filters(date="2019"), interface_language="tr", window=3
    )

    assert titles(by_section) == ["Konser 2", "Konser 3"]
    assert titles(by_year) == ["Konser 0"]


def test_results_are_ranked_with_title_matches_first(sections):
    ArticlePageFactory(
        parent=sections["tr"][0], title="Çay bahçesi", body=body_paragraphs("Semaver.")
    )
    ArticlePageFactory(
        parent=sections["tr"][0],
        title="Başka bir haber",
        body=body_paragraphs("Bu haberde çay bahçesi geçiyor."),
    )

    results = search_results(query="cay bahcesi", filters=Filters(), interface_language="tr")

    assert [hit.article.title for hit in results.hits] == ["Çay bahçesi", "Başka bir haber"]
