"""What a reader sees of the demo site in Chromium: front page, an article, the language switch."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from muhabir.newsroom.models import ArticlePage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LEAD_TITLE = "Ein starkes Signal für Integration"
KENTER = "Yıldız Kenter son yolculuğuna uğurlandı"
# The seed's front page: each section with its newest story and that story's date.
FRONT_PAGE = [
    ("Magazin & Kültür", KENTER, "Salı, 19.11.2019"),
    ("Mekanlar", "Çay bahçesinde çaylar semaverden", "Cumartesi, 15.06.2019"),
    # Yıldız Kenter is filed under Magazin & Kültür and placed in Toplum as well.
    ("Toplum", KENTER, "Salı, 19.11.2019"),
    (
        "Bilim & Teknik",
        "Yapay kalp cerrahı Dr. Dilek Gürsoy’a Alman Tıp Ödülü verildi",
        "Salı, 19.11.2019",
    ),
    (
        "Yemek Köşesi",
        "Özellikle çocuklar doğru ekmekle doğru şekilde beslenmeli",
        "Cuma, 22.02.2019",
    ),
    ("Dernekler", "Zonguldaklılar, göçün 59. yılı anısına gece düzenledi", "Cumartesi, 16.11.2019"),
]


def section_heading(name: str) -> re.Pattern:
    """A front-page block's heading: the section's name, maybe followed by its other names."""
    # The slash is escaped: Playwright passes the pattern on as a JavaScript /.../ literal.
    return re.compile(rf"^{re.escape(name)}( \/ .+)?$")


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_turkish_front_page_shows_each_section_with_its_newest_story(
    open_page, demo_site, javascript
):
    page = open_page(javascript=javascript)

    page.goto("/tr/")

    expect(page.locator("html")).to_have_attribute("lang", "tr")
    blocks = page.get_by_role("main").get_by_role("region")
    for section, title, date in FRONT_PAGE:
        heading = page.get_by_role("heading", name=section_heading(section), level=2)
        block = blocks.filter(has=heading)
        expect(block).to_have_count(1)
        expect(heading).to_be_visible()
        story = block.get_by_role("article").filter(
            has=page.get_by_role("link", name=title, exact=True)
        )
        expect(story).to_be_visible()
        expect(story.locator("time")).to_have_text(date)
    kenter = page.get_by_role("link", name=KENTER, exact=True)
    expect(blocks.filter(has=kenter)).to_have_count(2)
    lead = page.get_by_role("main").get_by_role("link", name=LEAD_TITLE, exact=True).first
    expect(lead).to_be_visible()
    expect(lead).to_have_attribute("href", re.compile(r"^/de/"))


def test_german_lead_story_opens_with_captioned_photos(page, demo_site):
    page.goto("/tr/")

    # The lead story comes first; the story may also be listed in its section's block.
    page.get_by_role("main").get_by_role("link", name=LEAD_TITLE, exact=True).first.click()

    expect(page).to_have_url(re.compile(r"/de/gesellschaft/ein-starkes-signal-fuer-integration/$"))
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.get_by_role("heading", name=LEAD_TITLE, level=1)).to_be_visible()
    expect(page.get_by_role("main").get_by_text("Mittwoch, 29.06.2016")).to_be_visible()
    for caption, credit in [
        ("Staatssekretäre Thorsen Klute", "Foto: Wilfried Meyer"),
        ("Staatssekretär Ludwig Hecke NRW", "Foto: M. Hermenau"),
    ]:
        figure = page.get_by_role("figure").filter(has_text=credit)
        expect(figure).to_have_count(1)
        expect(figure.get_by_text(caption)).to_be_visible()
        expect(figure.get_by_text(credit, exact=True)).to_be_visible()
        photo = figure.get_by_role("img")
        photo.scroll_into_view_if_needed()  # the photo in the text loads lazily
        expect(photo).to_have_js_property("complete", True)
        assert photo.evaluate("image => image.naturalWidth") > 0, f"{credit}: photo not loaded"


def test_language_switch_leads_from_turkish_to_german_front_page(page, demo_site):
    page.goto("/tr/")
    turkish = page.get_by_role("navigation", name="Dil")
    expect(turkish.get_by_role("link", name="Türkçe")).to_have_attribute("aria-current", "true")

    turkish.get_by_role("link", name="Deutsch").click()

    expect(page).to_have_url(re.compile(r"/de/$"))
    expect(page.locator("html")).to_have_attribute("lang", "de")
    german = page.get_by_role("navigation", name="Sprache")
    expect(german.get_by_role("link", name="Deutsch")).to_have_attribute("aria-current", "true")
    expect(german.get_by_role("link", name="Türkçe")).to_have_attribute("href", "/tr/")
    for section in ["Gesellschaft", "Vereine", "Köstlichkeiten"]:
        expect(page.get_by_role("heading", name=section_heading(section), level=2)).to_be_visible()
    expect(page.get_by_role("heading", name=section_heading("Toplum"))).to_have_count(0)


@pytest.mark.parametrize(
    ("language", "width"), [("tr", 1280), ("de", 1280), ("tr", 390), ("de", 390)]
)
def test_an_article_without_a_photo_gives_its_text_the_whole_row(
    open_page, demo_site, language, width
):
    article = ArticlePage.objects.live().filter(locale__language_code=language).first()
    section = article.get_parent()
    article.hero_image = None
    article.save_revision().publish()
    page = open_page()
    page.set_viewport_size({"width": width, "height": 900})

    page.goto(section.url)

    card = page.locator(".card--row").filter(has_text=article.title).first
    expect(card.locator(".card__media")).to_have_count(0)
    card_box = card.bounding_box()
    title_box = card.locator(".card__title").bounding_box()
    assert title_box["x"] - card_box["x"] < 1
    assert title_box["width"] > card_box["width"] * 0.9
