"""Accessibility of the reader pages in Chromium: axe-core, text size, reflow, screenshots."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from muhabir.newsroom.models import ArticlePage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = settings.BASE_DIR / "docs" / "screenshots"
GERMAN_ARTICLE = "/de/gesellschaft/ein-starkes-signal-fuer-integration/"
TURKISH_ARTICLE = "/tr/magazin-kultur/yildiz-kenter-son-yolculuguna-ugurlandi/"
PAGES = {
    "tr": ["/tr/", "/tr/toplum/", TURKISH_ARTICLE, "/tr/kunye/", "/tr/bu-sayfa-yok/"],
    "de": ["/de/", "/de/gesellschaft/", GERMAN_ARTICLE, "/de/impressum/", "/de/gibt-es-nicht/"],
}
LARGEST_STEP = "5"


def axe_source() -> str:
    if not AXE.exists():
        message = f"axe-core is not installed at {AXE}; run `npm ci`"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text()


def serious_violations(page) -> list[str]:
    # Evaluated through the DevTools protocol: an added <script> tag would be inline
    # code, which the pages' Content-Security-Policy refuses, as it should.
    page.evaluate(axe_source())
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']} ({violation['impact']}): "
        + ", ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def use_largest_text(page) -> None:
    page.context.add_cookies(
        [{"name": "muhabir_text_size", "value": LARGEST_STEP, "url": page.url}]
    )


def body_font_size(page) -> float:
    return float(page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)"))


@pytest.mark.parametrize("language", ["tr", "de"])
@pytest.mark.parametrize("text_size", ["normal", "largest"])
def test_reader_pages_have_no_serious_axe_violations(open_page, demo_site, language, text_size):
    page = open_page(locale=f"{language}-DE")
    page.goto(PAGES[language][0])
    if text_size == "largest":
        use_largest_text(page)
    problems = {}
    for path in PAGES[language]:
        page.goto(path)
        found = serious_violations(page)
        if found:
            problems[path] = found
    assert problems == {}


def test_larger_text_grows_survives_navigation_and_reload(page, demo_site):
    page.goto("/tr/")
    before = body_font_size(page)
    larger = page.get_by_role("button", name="Yazıyı büyüt")
    for _ in range(3):
        larger.click()
    expect(page.get_by_role("status").first).to_contain_text("137,5")
    after = body_font_size(page)
    assert after > before * 1.2

    page.get_by_role("link", name="Toplum", exact=True).first.click()
    page.wait_for_load_state("load")
    assert body_font_size(page) == pytest.approx(after)
    page.reload()
    assert body_font_size(page) == pytest.approx(after)

    page.get_by_role("button", name="Yazıyı küçült").click()
    assert body_font_size(page) < after


def test_text_size_works_without_javascript(open_page, demo_site):
    page = open_page(javascript=False)
    page.goto(TURKISH_ARTICLE)
    before = body_font_size(page)
    page.get_by_role("button", name="Yazıyı büyüt").click()
    page.wait_for_load_state("load")
    assert page.url.endswith(TURKISH_ARTICLE)
    assert body_font_size(page) > before
    page.goto("/tr/")
    assert body_font_size(page) > before


def test_text_size_controls_do_not_change_the_page_html(client, demo_site):
    plain = client.get("/tr/").content
    client.cookies["muhabir_text_size"] = LARGEST_STEP
    client.cookies["muhabir_contrast"] = "high"
    assert client.get("/tr/").content == plain


def test_high_contrast_toggle_changes_colours_and_is_announced(page, demo_site):
    page.goto("/de/")
    toggle = page.get_by_role("button", name="Hoher Kontrast")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    page.wait_for_function(
        "bg => getComputedStyle(document.body).backgroundColor !== bg", arg=background
    )
    page.reload()
    expect(page.get_by_role("button", name="Hoher Kontrast")).to_have_attribute(
        "aria-pressed", "true"
    )


@pytest.mark.parametrize("language", ["tr", "de"])
def test_no_horizontal_scrolling_at_320px_and_largest_text(open_page, demo_site, language):
    page = open_page(locale=f"{language}-DE")
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(PAGES[language][0])
    page.context.add_cookies(
        [{"name": "muhabir_text_size", "value": LARGEST_STEP, "url": page.url}]
    )
    too_wide = {}
    for path in PAGES[language]:
        page.goto(path)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > 320:
            too_wide[path] = scroll_width
    assert too_wide == {}


def test_untranslated_german_article_is_marked_on_the_turkish_front_page(page, demo_site):
    page.goto("/tr/")
    lead = page.get_by_role("region", name="Manşet")
    title = lead.get_by_role("link", name="Ein starkes Signal für Integration")
    expect(title).to_have_attribute("lang", "de")
    expect(lead.locator("abbr[lang=de]")).to_have_text("DE")


def test_marked_language_passage_is_rendered_with_lang(page, demo_site):
    article = ArticlePage.objects.get(slug="yildiz-kenter-son-yolculuguna-ugurlandi")
    article.body = [
        ("paragraph", '<p>Törende <span lang="de">Auf Wiedersehen</span> denildi.</p>'),
    ]
    article.save_revision().publish()
    page.goto(TURKISH_ARTICLE)
    expect(page.locator('.article__body span[lang="de"]')).to_have_text("Auf Wiedersehen")


@pytest.mark.parametrize("width", [360, 1280], ids=["phone", "desktop"])
def test_screenshots_for_the_readme(open_page, demo_site, width):
    device = "phone" if width == 360 else "desktop"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for language, paths in PAGES.items():
        page = open_page(locale=f"{language}-DE")
        page.set_viewport_size({"width": width, "height": 900})
        for kind, path in (("home", paths[0]), ("article", paths[2])):
            page.goto(path)
            page.wait_for_load_state("networkidle")
            target = Path(SCREENSHOTS / f"{kind}-{language}-{device}.png")
            page.screenshot(path=target, full_page=device == "phone")
            assert target.stat().st_size > 10_000
