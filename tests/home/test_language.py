"""Readers land on their language and can switch to the other one."""

from __future__ import annotations

import pytest

from muhabir.newsroom.selectors import FRONT_PAGE_ARTICLES_PER_SECTION
from tests.factories import ArticlePageFactory, SectionPageFactory
from tests.helpers import language_link, listed_titles, section_blocks, soup


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("de", "/de/"),
        ("de-DE,de;q=0.9,en;q=0.8", "/de/"),
        ("tr", "/tr/"),
        ("tr-TR,tr;q=0.9", "/tr/"),
        ("en", "/tr/"),
        ("fr-FR,en;q=0.5", "/tr/"),
    ],
)
def test_root_redirects_to_the_readers_language(client, home_tr, accept_language, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)

    assert response.status_code == 302
    assert response["Location"] == expected


def test_root_without_accept_language_redirects_to_turkish(client, home_tr):
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == "/tr/"


@pytest.mark.parametrize(("language", "title"), [("tr", "Ana sayfa"), ("de", "Startseite")])
def test_each_language_has_its_front_page_with_its_sections(client, sections, language, title):
    response = client.get(f"/{language}/")

    page = soup(response)
    assert response.status_code == 200
    assert page.html["lang"] == language
    assert page.title.get_text().startswith(title)
    headings = [block.find("h2").get_text(" ", strip=True) for block in section_blocks(response)]
    assert len(headings) == len(sections[language])
    for heading, section in zip(headings, sections[language], strict=True):
        assert heading.startswith(section.title)


def test_front_page_shows_newest_articles_of_each_section_newest_first(client, sections):
    first, second, _third = sections["de"]
    older = ArticlePageFactory(parent=first, title="Ältere Meldung aus Köln")
    newest = ArticlePageFactory(parent=first, title="Straßenfest in Duisburg-Hamborn")
    other = ArticlePageFactory(parent=second, title="Ein starkes Signal für Integration")

    response = client.get("/de/")

    assert [listed_titles(block) for block in section_blocks(response)] == [
        [newest.title, older.title][:FRONT_PAGE_ARTICLES_PER_SECTION],
        [other.title],
        [],
    ]


def test_section_page_language_switcher_links_its_translation(client, sections):
    turkish, german = sections["tr"][1], sections["de"][1]

    turkish_response = client.get(turkish.url)
    german_response = client.get(german.url)

    assert turkish.url == "/tr/toplum/"
    assert german.url == "/de/gesellschaft/"
    assert language_link(turkish_response, "de") == "/de/gesellschaft/"
    assert language_link(german_response, "tr") == "/tr/toplum/"


def test_language_switcher_marks_the_current_language(client, sections):
    page = soup(client.get(sections["de"][0].url))

    current = page.select('.language-switch a[aria-current="true"]')

    assert [(a["hreflang"], a.get_text()) for a in current] == [("de", "Deutsch")]


def test_section_without_translation_switches_to_the_other_front_page(client, home_de):
    only_german = SectionPageFactory(parent=home_de, title="Köstlichkeiten", slug="koestlichkeiten")

    response = client.get(only_german.url)

    assert response.status_code == 200
    assert language_link(response, "tr") == "/tr/"
