"""Near me (nearest first, from a device's position or a picked city) and the map."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ImproperlyConfigured

from muhabir.directory.models import IntegrationCentre
from muhabir.settings import env
from tests.factories.directory import (
    POINTS,
    AssociationFactory,
    DistrictFactory,
    EventFactory,
    PlaceFactory,
)
from tests.helpers import soup

pytestmark = pytest.mark.django_db

TILES = "https://tile.example.org/{z}/{x}/{y}.png"


def hits(response) -> list[tuple[str, str]]:
    """(name, distance) of each hit, nearest first."""
    assert response.status_code == 200
    return [
        (
            item.select_one(".near-hit__name").get_text(strip=True),
            item.select_one(".near-hit__distance").get_text(strip=True),
        )
        for item in soup(response).select(".near-hit")
    ]


@pytest.fixture
def cities(directory_pages):
    """A place in each of five Ruhr and Rhine cities, at the city's centre."""
    # The data migration gives every district an integration centre at its seat; these
    # tests are about places, associations and events.
    IntegrationCentre.objects.update(latitude=None, longitude=None)
    made = {}
    for slug, name in [
        ("duisburg", "Duisburg Çay Evi"),
        ("essen", "Essen Kültür Merkezi"),
        ("duesseldorf", "Düsseldorf Lokantası"),
        ("koeln", "Köln Camii"),
        ("dortmund", "Dortmund Spor Kulübü"),
    ]:
        latitude, longitude = POINTS[slug]
        made[slug] = PlaceFactory(
            name=name, city=name.split()[0], latitude=latitude, longitude=longitude
        )
    return made


def test_nearest_first_with_distances_from_duisburg(client, cities):
    duisburg = POINTS["duisburg"]
    response = client.get(
        "/tr/rehber/yakinimda/", {"lat": duisburg[0], "lng": duisburg[1], "radius": 25}
    )

    # Duisburg–Essen is about 17.4 km, Duisburg–Düsseldorf about 23.0 km.
    assert hits(response) == [
        ("Duisburg Çay Evi", "0,0 km"),
        ("Essen Kültür Merkezi", "17,4 km"),
        ("Düsseldorf Lokantası", "23,0 km"),
    ]


def test_fifty_km_from_essen_reach_dortmund_but_not_koeln(client, cities):
    essen = POINTS["essen"]
    response = client.get(
        "/de/verzeichnis/in-der-naehe/", {"lat": essen[0], "lng": essen[1], "radius": 50}
    )

    # Essen–Düsseldorf is about 30.3 km, Essen–Dortmund 32.1 km, Essen–Köln 57.7 km.
    names = [name for name, _ in hits(response)]
    assert names == [
        "Essen Kültür Merkezi",
        "Duisburg Çay Evi",
        "Düsseldorf Lokantası",
        "Dortmund Spor Kulübü",
    ]


def test_city_picked_without_javascript_gives_its_neighbourhood(client, cities):
    DistrictFactory(slug="duisburg")
    response = client.get("/de/verzeichnis/in-der-naehe/", {"city": "duisburg", "radius": 5})

    assert hits(response) == [("Duisburg Çay Evi", "0,0 km")]
    page = soup(response)
    assert page.select_one("select[name=city] option[selected]")["value"] == "duisburg"
    assert "Duisburg" in page.select_one("#near-results-heading").get_text()


def test_form_lists_cities_and_offers_the_location_button_hidden_until_scripted(
    client, directory_pages
):
    for slug in ("duisburg", "koeln", "borken"):
        DistrictFactory(slug=slug)

    page = soup(client.get("/tr/rehber/yakinimda/"))

    form = page.select_one("form[data-near-form]")
    assert form["method"] == "get"
    seats = [option.get_text() for option in form.select("select[name=city] option")]
    assert {"Duisburg", "Köln", "Borken"} <= set(seats)
    assert [o["value"] for o in form.select("select[name=radius] option")] == [
        "2",
        "5",
        "10",
        "25",
        "50",
    ]
    assert form.select_one("select[name=radius] option[selected]")["value"] == "10"
    assert form.select_one("button[data-near-locate]").has_attr("hidden")
    assert page.select_one('script[src$="directory-near.js"]') is not None
    assert page.select(".near-hit") == []


def test_kinds_together_and_one_kind_alone(client, cities):
    duisburg = POINTS["duisburg"]
    AssociationFactory(name="Duisburg Derneği", latitude=duisburg[0] + 0.01, longitude=duisburg[1])
    EventFactory(title_tr="Çay şenliği", place=cities["duisburg"])
    EventFactory(title_tr="Eski şenlik", place=cities["duisburg"], days_ahead=-10)
    point = {"lat": duisburg[0], "lng": duisburg[1], "radius": 2}

    everything = [name for name, _ in hits(client.get("/tr/rehber/yakinimda/", point))]
    associations = [
        name
        for name, _ in hits(client.get("/tr/rehber/yakinimda/", {**point, "kind": "associations"}))
    ]
    events = [
        name for name, _ in hits(client.get("/tr/rehber/yakinimda/", {**point, "kind": "events"}))
    ]

    assert everything == ["Duisburg Çay Evi", "Çay şenliği", "Duisburg Derneği"]
    assert associations == ["Duisburg Derneği"]
    assert events == ["Çay şenliği"]


def test_unpublished_entries_are_never_near(client, cities):
    duisburg = POINTS["duisburg"]
    PlaceFactory(name="Taslak Mekan", latitude=duisburg[0], longitude=duisburg[1], live=False)
    AssociationFactory(
        name="Taslak Dernek", latitude=duisburg[0], longitude=duisburg[1], live=False
    )
    EventFactory(
        title_tr="Taslak etkinlik", latitude=duisburg[0], longitude=duisburg[1], live=False
    )

    response = client.get("/tr/rehber/yakinimda/", {"lat": duisburg[0], "lng": duisburg[1]})

    assert [name for name, _ in hits(response)] == ["Duisburg Çay Evi"]


@pytest.mark.parametrize(
    "query",
    [
        {"lat": "abc", "lng": "6.7"},
        {"lat": "95", "lng": "6.7"},
        {"lat": "51.4", "lng": "nan"},
        {"lat": "51.4"},
        {"city": "atlantis"},
    ],
)
def test_bad_position_gives_a_clear_message(client, directory_pages, query):
    response = client.get("/de/verzeichnis/in-der-naehe/", query)

    assert response.status_code == 200
    alert = soup(response).select_one("[role=alert]")
    assert alert is not None and alert.get_text(strip=True)
    assert soup(response).select(".near-hit") == []


@pytest.mark.parametrize("radius", ["-5", "abc", "7", "100000"])
def test_bad_radius_falls_back_to_ten_km_with_a_note(client, cities, radius):
    duisburg = POINTS["duisburg"]
    response = client.get(
        "/tr/rehber/yakinimda/", {"lat": duisburg[0], "lng": duisburg[1], "radius": radius}
    )

    assert [name for name, _ in hits(response)] == ["Duisburg Çay Evi"]
    assert soup(response).select_one("select[name=radius] option[selected]")["value"] == "10"
    assert soup(response).select_one(".directory-notes").get_text(strip=True)


def map_points(response) -> list[dict]:
    script = soup(response).select_one("script#directory-map-data")
    return json.loads(script.string) if script is not None else []


def test_without_a_tile_server_no_map_is_drawn_and_nothing_foreign_is_loaded(
    client, cities, settings
):
    settings.MAP_TILE_URL = ""
    for url in (
        "/tr/rehber/harita/",
        "/tr/rehber/mekanlar/",
        f"/tr/rehber/mekanlar/{cities['duisburg'].slug}/",
    ):
        response = client.get(url)
        html = response.content.decode()
        assert "leaflet" not in html, url
        assert "[data-directory-map]" not in html and "data-directory-map" not in html, url
        assert "tile.example.org" not in html
    # The map page still lists what it would have shown.
    listed = soup(client.get("/tr/rehber/harita/")).select(".map-list a")
    assert "Duisburg Çay Evi" in [link.get_text() for link in listed]


def test_with_a_tile_server_the_map_embeds_live_located_entries(client, cities, settings):
    settings.MAP_TILE_URL = TILES
    settings.MAP_TILE_ATTRIBUTION = "© OpenStreetMap contributors"
    PlaceFactory(name="Taslak Mekan", latitude=51.4, longitude=6.7, live=False)
    PlaceFactory(name="Adressiz Mekan")
    AssociationFactory(name="Taslak Dernek", latitude=51.4, longitude=6.7, live=False)

    response = client.get("/de/verzeichnis/karte/")

    page = soup(response)
    element = page.select_one("[data-directory-map]")
    assert element["data-tiles"] == TILES
    assert element["data-attribution"] == "© OpenStreetMap contributors"
    assert page.select_one('script[src$="vendor/leaflet/leaflet.js"]') is not None
    assert page.select_one('link[href$="vendor/leaflet/leaflet.css"]') is not None
    points = {point["name"]: point for point in map_points(response)}
    assert "Taslak Mekan" not in points and "Taslak Dernek" not in points
    assert "Adressiz Mekan" not in points
    duisburg = points["Duisburg Çay Evi"]
    assert (duisburg["lat"], duisburg["lng"]) == POINTS["duisburg"]
    assert duisburg["url"] == f"/de/verzeichnis/orte/{cities['duisburg'].slug}/"


def test_map_data_is_escaped_in_the_page(client, directory_pages, settings):
    settings.MAP_TILE_URL = TILES
    PlaceFactory(name="</script><script>alert(1)</script>", latitude=51.4, longitude=6.7)

    response = client.get("/tr/rehber/harita/?kind=places")

    assert "<script>alert(1)" not in response.content.decode()
    assert any("alert(1)" in point["name"] for point in map_points(response))


def test_map_kind_filter_and_unknown_kind(client, cities, settings):
    settings.MAP_TILE_URL = TILES
    AssociationFactory(name="Essen Derneği", latitude=51.45, longitude=7.01)

    only = map_points(client.get("/tr/rehber/harita/?kind=associations"))
    unknown = client.get("/tr/rehber/harita/?kind=ufo")

    assert [point["name"] for point in only] == ["Essen Derneği"]
    assert len(map_points(unknown)) == 6
    assert soup(unknown).select_one(".directory-notes").get_text(strip=True)


def test_detail_page_shows_a_small_map_only_with_coordinates(client, cities, settings):
    settings.MAP_TILE_URL = TILES
    located = soup(client.get(f"/tr/rehber/mekanlar/{cities['koeln'].slug}/"))
    plain = PlaceFactory(name="Adressiz Mekan")
    without = soup(client.get(f"/tr/rehber/mekanlar/{plain.slug}/"))

    assert located.select_one(".directory-map--small") is not None
    assert without.select_one("[data-directory-map]") is None


@pytest.mark.parametrize(
    "value",
    [
        "tile.example.org/{z}/{x}/{y}.png",
        "ftp://tile.example.org/{z}/{x}/{y}.png",
        "https://tile.example.org/{z}/{x}.png",
        "https:///{z}/{x}/{y}.png",
    ],
)
def test_bad_tile_address_template_is_refused_naming_the_variable(value):
    with pytest.raises(ImproperlyConfigured) as caught:
        env.tile_url("MAP_TILE_URL", environ={"MAP_TILE_URL": value})

    assert str(caught.value).startswith("MAP_TILE_URL")


def test_tile_address_template_default_is_no_map():
    assert env.tile_url("MAP_TILE_URL", environ={}) == ""
    assert env.tile_url("MAP_TILE_URL", environ={"MAP_TILE_URL": " "}) == ""
    assert env.tile_url("MAP_TILE_URL", environ={"MAP_TILE_URL": TILES}) == TILES
    assert env.text("MAP_TILE_ATTRIBUTION", environ={}) == ""
