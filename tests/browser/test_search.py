"""A reader searches from the masthead's search box, typing without Turkish or German letters."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.search.corpus_loader import corpus_load

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

GURSOY = "Yapay kalp cerrahı Dr. Dilek Gürsoy’a Alman Tıp Ödülü verildi"
SIGNAL = "Ein starkes Signal für Integration"
FESTIVAL_TR = "Köln'de Türk kültür festivali başladı"
FESTIVAL_DE = "Türkisches Kulturfestival in Köln eröffnet"
# Found by its section's name, "Magazin & Kültür": no word of its own is marked.
KENTER = "Yıldız Kenter son yolculuğuna uğurlandı"


@pytest.fixture
def search_corpus(demo_site):
    """The seed's stories plus two festival stories, one per language, and a draft."""
    articles = corpus_load({"tr-kultur-festivali", "de-kulturfestival", "tr-kultur-merkezi"})
    articles["tr-kultur-merkezi"].unpublish()
    return articles


def results(page):
    return page.get_by_role("main").get_by_role("list").first.get_by_role("article")


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
@pytest.mark.parametrize(
    ("query", "expected", "by_section"),
    [
        ("kultur", [FESTIVAL_TR, FESTIVAL_DE], [KENTER]),
        ("gursoy", [GURSOY], []),
        ("integrationszentrum", [SIGNAL], []),
    ],
)
def test_reader_finds_articles_typing_without_special_letters(
    open_page, search_corpus, javascript, query, expected, by_section
):
    page = open_page(javascript=javascript)
    page.goto("/tr/")

    # By role, not label (the labels are the catalogue's business); with its list of
    # suggestions the search box is a combobox.
    box = page.get_by_role("banner").get_by_role("search").get_by_role("combobox")
    box.fill(query)
    box.press("Enter")

    expect(page).to_have_url(re.compile(r"/tr/ara/\?q="))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(results(page)).to_have_count(len(expected) + len(by_section))
    for title in expected:
        hit = results(page).filter(has=page.get_by_role("link", name=title, exact=True))
        expect(hit).to_be_visible()
        expect(hit.locator("mark").first).to_be_visible()
    for title in by_section:
        expect(page.get_by_role("link", name=title, exact=True)).to_be_visible()
    # Articles with the word itself rank above those found by their section's name.
    expect(results(page).first.locator("mark").first).to_be_visible()
    expect(page.get_by_role("link", name="Kültür merkezi")).to_have_count(0)


def test_suggestions_offer_titles_while_typing(open_page, search_corpus):
    page = open_page(locale="de-DE")
    page.goto("/de/")

    box = page.get_by_role("banner").get_by_role("search").get_by_role("combobox")
    box.press_sequentially("gurs", delay=50)

    options = page.locator("#site-search-suggestions option")
    expect(options).to_have_count(1)
    expect(options.first).to_have_attribute("value", GURSOY)


def test_language_facet_narrows_to_german(open_page, search_corpus):
    page = open_page()
    page.goto("/tr/ara/?q=kultur")

    page.get_by_role("navigation", name="Dil").get_by_role("link", name="Almanca").click()

    expect(results(page)).to_have_count(1)
    expect(page.get_by_role("link", name=FESTIVAL_DE, exact=True)).to_be_visible()
