"""The directory in Chromium: filter places with the form, in Turkish and in German."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from muhabir.directory.models import DirectoryPage, Place
from tests.browser.test_accessibility import serious_violations
from tests.factories.directory import AssociationFactory, DistrictFactory, PlaceFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# language → (the directory's address, the places list's address)
READERS = {
    "tr": ("/tr/rehber/", "/tr/rehber/mekanlar/"),
    "de": ("/de/verzeichnis/", "/de/verzeichnis/orte/"),
}


@pytest.fixture
def directory(home_tr, home_de):
    turkish = DirectoryPage(title="Rehber", slug="rehber", locale=home_tr.locale)
    home_tr.add_child(instance=turkish)
    turkish.save_revision().publish()
    german = DirectoryPage(
        title="Verzeichnis",
        slug="verzeichnis",
        locale=home_de.locale,
        translation_key=turkish.translation_key,
    )
    home_de.add_child(instance=german)
    german.save_revision().publish()
    duisburg = DistrictFactory(slug="duisburg")
    tea = PlaceFactory(
        name="Çay Bahçesi İltis Park",
        city="Duisburg",
        district=duisburg,
        latitude=51.4934,
        longitude=6.7762,
        description_tr="Semaverden çay, Hamborn semtinde.",
        description_de="Tee aus dem Samowar in Hamborn.",
    )
    PlaceFactory(
        name="Merkez Camii", category=Place.Category.MOSQUE, city="Duisburg", district=duisburg
    )
    PlaceFactory(
        name="Kültür Merkezi Essen",
        category=Place.Category.CULTURAL_CENTRE,
        city="Essen",
        district=DistrictFactory(slug="essen"),
    )
    AssociationFactory(name="Hamborn Kültür Derneği", city="Duisburg", places=[tea])
    return tea


@pytest.mark.parametrize("language", ["tr", "de"])
@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_filter_places_by_category_and_open_one(open_page, directory, language, javascript):
    start, places = READERS[language]
    page = open_page(javascript=javascript, locale=f"{language}-DE")

    page.goto(start)
    expect(page.locator("html")).to_have_attribute("lang", language)
    page.locator(f'main .directory-kinds a[href="{places}"]').click()
    page.wait_for_url(f"**{places}")
    form = page.locator("main form.directory-filters")
    category = form.locator("select[name=category]")
    category_label = form.locator('label[for="directory-filter-category"]').inner_text()
    expect(page.get_by_label(category_label, exact=True)).to_have_count(1)
    category.select_option("tea-garden")
    form.locator("button[type=submit]").click()
    page.wait_for_url("**category=tea-garden**")

    cards = page.locator("main .entry-card")
    expect(cards).to_have_count(1)
    expect(cards.get_by_role("heading", level=3)).to_have_text("Çay Bahçesi İltis Park")
    cards.get_by_role("link", name="Çay Bahçesi İltis Park").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Çay Bahçesi İltis Park")
    own = "Semaverden çay" if language == "tr" else "Tee aus dem Samowar"
    expect(page.locator(".entry__description")).to_contain_text(own)
    expect(page.get_by_role("link", name="Hamborn Kültür Derneği")).to_be_visible()


@pytest.mark.parametrize("language", ["tr", "de"])
def test_filter_by_city_keeps_the_choice_and_switches_language(open_page, directory, language):
    places = READERS[language][1]
    other = "de" if language == "tr" else "tr"
    page = open_page(locale=f"{language}-DE")

    page.goto(places)
    page.locator("select[name=city]").select_option("Essen")
    page.locator("main form.directory-filters button[type=submit]").click()
    page.wait_for_url("**city=Essen**")

    expect(page.locator("main .entry-card h3")).to_have_text(["Kültür Merkezi Essen"])
    expect(page.locator("select[name=city]")).to_have_value("Essen")
    page.locator(f'.language-switch a[hreflang="{other}"]').click()
    page.wait_for_url(re.compile(re.escape(f"{READERS[other][1]}?city=Essen") + "$"))
    expect(page.locator("html")).to_have_attribute("lang", other)
    expect(page.locator("main .entry-card h3")).to_have_text(["Kültür Merkezi Essen"])


@pytest.mark.parametrize("language", ["tr", "de"])
def test_directory_pages_have_no_serious_axe_violations(open_page, directory, language):
    start, places = READERS[language]
    page = open_page(locale=f"{language}-DE")
    problems = {}
    for path in (start, places, f"{places}{directory.slug}/", f"{places}?category=ufo"):
        page.goto(path)
        found = serious_violations(page)
        if found:
            problems[path] = found
    assert problems == {}


def test_near_me_from_a_picked_city_without_javascript(open_page, directory):
    page = open_page(javascript=False)

    page.goto("/tr/rehber/yakinimda/")
    expect(page.locator("[data-near-locate]")).to_be_hidden()
    page.locator("select[name=city]").select_option("duisburg")
    page.locator("select[name=radius]").select_option("25")
    page.locator("form[data-near-form] button[type=submit]").click()
    page.wait_for_url("**city=duisburg**")

    # Measured from the seat of the district (Duisburg): İltis Park lies 6.6 km north.
    tea = page.locator(".near-hit").filter(has_text="Çay Bahçesi İltis Park")
    expect(tea.locator(".near-hit__distance")).to_have_text("6,6 km")


def test_use_my_location_fills_the_form_from_the_device(open_page, directory):
    page = open_page(locale="de-DE")
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": 51.4934, "longitude": 6.7762})

    page.goto("/de/verzeichnis/in-der-naehe/")
    page.locator("[data-near-locate]").click()
    page.wait_for_url("**lat=51.49340**")

    expect(page.locator(".near-hit__name").first).to_have_text("Çay Bahçesi İltis Park")


def test_map_draws_markers_with_a_configured_tile_server(
    open_page, directory, settings, live_server
):
    # Tiles from the test server itself (they 404): the page may contact no other host.
    settings.MAP_TILE_URL = f"{live_server.url}/tiles/{{z}}/{{x}}/{{y}}.png"
    settings.MAP_TILE_ATTRIBUTION = "© <Kartendaten>"
    page = open_page(locale="de-DE")

    page.goto("/de/verzeichnis/karte/?kind=places")

    marker = page.locator(".leaflet-marker-icon")
    expect(marker).to_have_count(1)
    expect(page.locator(".leaflet-control-attribution")).to_contain_text("© <Kartendaten>")
    marker.click()
    popup = page.locator(".leaflet-popup-content a")
    expect(popup).to_have_text("Çay Bahçesi İltis Park")
    popup.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Çay Bahçesi İltis Park")
