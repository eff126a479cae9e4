"""The search page and the suggestions endpoint, as a reader's browser gets them."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ArticlePageFactory
from tests.factories.newsroom import body_paragraphs

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
BAD_QUERIES = [
    "",
    " ",
    "x" * 1000,
    "kültür " * 200,
    "?!.,;:",
    '"',
    '"kenter',
    'kenter" tiyatro "',
    '& | ! : * ( ) "',
    "kültür* NEAR(a b) NOT OR AND -",
    "'; DROP TABLE search_searchdocument; --",
    "1' OR '1'='1",
    "title_terms : kenter",
    "{language} : tr",
    "Москва İstanbul 東京 القاهرة",
    "\x00\x01\u200b\ufeff",
    "-kenter",
    "-",
    "%",
    "\\",
]


def make(section, title, text, date=None, **kwargs):
    return ArticlePageFactory(
        parent=section, title=title, body=body_paragraphs(text), editorial_date=date, **kwargs
    )


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response, BeautifulSoup(response.content, "html.parser")


def result_titles(tree) -> list[str]:
    return [a.get_text() for a in tree.select(".search-hit__title a")]


def test_every_page_has_a_search_box_leading_to_its_languages_search(client, sections):
    for url, action in [
        ("/tr/", "/tr/ara/"),
        ("/de/", "/de/suche/"),
        (sections["de"][0].url, "/de/suche/"),
    ]:
        _response, tree = page(client, url)
        form = tree.select("form[role=search]")[0]
        assert form.get("action") == action
        assert form.select("input[name=q]")


def test_the_wrong_languages_word_redirects_keeping_the_query(client, sections):
    response = client.get("/de/ara/?q=kultur")

    assert response.status_code == 302
    assert response["Location"] == "/de/suche/?q=kultur"


def test_results_cover_both_languages_with_title_date_section_language_and_snippet(
    client, sections
):
    make(
        sections["tr"][0],
        "Köln'de kültür festivali",
        "Ehrenfeld'de Türk kültür festivali açıldı.",
        date=dt.datetime(2023, 9, 10, 12, tzinfo=BERLIN),
    )
    make(
        sections["de"][0],
        "Kulturfestival in Köln",
        "In Ehrenfeld beginnt das Kultur-Fest.",
        date=dt.datetime(2023, 9, 11, 12, tzinfo=BERLIN),
    )
    make(sections["de"][1], "Ganz etwas anderes", "Nichts davon.")

    _response, tree = page(client, "/tr/ara/?q=kultur")

    assert sorted(result_titles(tree)) == ["Kulturfestival in Köln", "Köln'de kültür festivali"]
    hit = next(h for h in tree.select(".search-hit") if "festivali" in h.get_text())
    assert hit.get("lang") == "tr"
    assert hit.select("time")[0].get_text() == "Pazar, 10.09.2023"
    assert hit.select(".search-hit__section")[0].get_text() == "Magazin & Kültür"
    assert hit.select(".lang-badge abbr")[0].get_text() == "TR"
    assert [m.get_text() for m in hit.select(".search-hit__snippet mark")] == ["kültür"]
    assert [m.get_text() for m in hit.select(".search-hit__title mark")] == ["kültür"]
    heading = tree.select("#search-results-heading")[0].get_text().split()
    assert heading[0] == "2"


def test_snippets_and_titles_are_escaped(client, sections):
    make(sections["tr"][0], "Kebap & <b>ayran</b>", "Kebap <script>alert(1)</script> ve ayran.")

    response, tree = page(client, "/tr/ara/?q=ayran")

    assert b"<script>alert" not in response.content
    assert b"<b>ayran" not in response.content
    assert result_titles(tree) == ["Kebap & <b>ayran</b>"]


def test_facets_narrow_by_language_section_and_year(client, sections):
    make(
        sections["tr"][0], "Dernek konseri", "Konser.", date=dt.datetime(2019, 5, 1, tzinfo=BERLIN)
    )
    make(
        sections["tr"][2],
        "Dernek pikniği",
        "Konser ve piknik.",
        date=dt.datetime(2021, 5, 1, tzinfo=BERLIN),
    )
    make(
        sections["de"][2],
        "Vereinskonzert",
        "Konzert des Vereins, Konser.",
        date=dt.datetime(2021, 6, 1, tzinfo=BERLIN),
    )

    _response, tree = page(client, "/tr/ara/?q=konser")
    assert len(result_titles(tree)) == 3
    facets = {a.get_text(): a.get("href") for a in tree.select(".facet a")}
    assert "Almanca" in facets and "Türkçe" in facets and "Dernekler" in facets

    _response, tree = page(client, "/tr/ara/" + facets["Almanca"])
    assert result_titles(tree) == ["Vereinskonzert"]

    _response, tree = page(client, "/tr/ara/" + facets["Dernekler"])
    assert sorted(result_titles(tree)) == ["Dernek pikniği", "Vereinskonzert"]

    _response, tree = page(client, "/tr/ara/?q=konser&date=2019")
    assert result_titles(tree) == ["Dernek konseri"]
    _response, tree = page(client, "/tr/ara/?q=konser&date=2021&language=tr")
    assert result_titles(tree) == ["Dernek pikniği"]


def test_unknown_facet_values_are_ignored(client, sections):
    make(sections["tr"][0], "Dernek konseri", "Konser.")

    for params in [
        "language=xx",
        "section=abc",
        "section=-1",
        "date=yesterday",
        "page=zz",
        "page=9999",
        "section=99999999999999",
    ]:
        _response, tree = page(client, f"/tr/ara/?q=konser&{params}")
        assert len(result_titles(tree)) in (0, 1)


def test_pagination_keeps_the_query_and_filters(client, sections):
    for number in range(12):
        make(sections["tr"][1], f"Gönüllü haberi {number}", "Gönüllüler toplandı.")

    _response, tree = page(client, "/tr/ara/?q=gonullu&language=tr")

    assert len(result_titles(tree)) == 10
    next_link = tree.select(".pagination a[rel=next]")[0].get("href")
    assert "q=gonullu" in next_link and "language=tr" in next_link and "page=2" in next_link
    _response, tree = page(client, "/tr/ara/" + next_link)
    assert len(result_titles(tree)) == 2


@pytest.mark.parametrize("query", BAD_QUERIES)
@pytest.mark.parametrize("url", ["/tr/ara/", "/de/suche/"])
def test_bad_queries_give_a_normal_page(client, sections, url, query):
    make(sections["tr"][0], "Yıldız Kenter anıldı", "Kenter Tiyatrosu'nda tören.")

    response = client.get(url, {"q": query})

    assert response.status_code == 200
    assert b"<form" in response.content
    suggestions = client.get("/tr/search/suggestions.json", {"q": query})
    assert suggestions.status_code == 200
    assert "suggestions" in json.loads(suggestions.content)


def test_suggestions_are_titles_of_public_articles_as_you_type(client, sections):
    make(sections["tr"][0], "Yıldız Kenter son yolculuğuna uğurlandı", "Tören.")
    make(sections["de"][0], "Nachruf auf Yıldız Kenter", "Theater.")
    make(sections["tr"][0], "Kenter taslağı", "Taslak.", publish=False)

    response = client.get("/tr/search/suggestions.json", {"q": "yildiz ken"})

    data = json.loads(response.content)["suggestions"]
    assert sorted(item["title"] for item in data) == [
        "Nachruf auf Yıldız Kenter", "Yıldız Kenter son yolculuğuna uğurlandı",
    ]  # fmt: skip
    assert {item["language"] for item in data} == {"tr", "de"}
    assert all(item["url"].startswith(("/tr/", "/de/")) for item in data)
    assert "max-age=60" in response["Cache-Control"]


def test_search_page_queries_do_not_grow_with_the_results(client, sections):
    def queries_for_search() -> int:
        page(client, "/tr/ara/?q=kultur")  # caches (navigation, sections) filled first
        with CaptureQueriesContext(connection) as context:
            page(client, "/tr/ara/?q=kultur")
        return len(context.captured_queries)

    for number in range(2):
        make(sections["tr"][number], f"Kültür haberi {number}", "Kültür ve sanat.")
    few = queries_for_search()
    for number in range(2, 15):
        make(sections["tr"][number % 3], f"Kültür haberi {number}", "Kültür ve sanat.")

    assert queries_for_search() == few <= 25
