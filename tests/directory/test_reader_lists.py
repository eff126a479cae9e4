"""The directory's lists: filters, words in either language, pagination, drafts kept out."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from muhabir.directory.models import Offer, Place, TargetGroup
from tests.factories.directory import (
    AssociationFactory,
    DistrictFactory,
    EventFactory,
    IntegrationCentreFactory,
    OfferFactory,
    PlaceFactory,
    ProgrammeFactory,
    SpokenLanguageFactory,
    TargetGroupFactory,
)
from tests.helpers import soup

pytestmark = pytest.mark.django_db


def listed(response) -> list[str]:
    """The entry names a list shows, top to bottom."""
    assert response.status_code == 200
    return [
        heading.get_text(strip=True) for heading in soup(response).select("main .entry-card h3")
    ]


def notes(response) -> str:
    return " ".join(
        note.get_text(" ", strip=True) for note in soup(response).select(".directory-notes")
    )


@pytest.fixture
def places(directory_pages):
    duisburg, essen = DistrictFactory(slug="duisburg"), DistrictFactory(slug="essen")
    return {
        "tea": PlaceFactory(
            name="Çay Bahçesi İltis Park",
            city="Duisburg",
            district=duisburg,
            description_tr="Semaverden çay, Hamborn semtinde.",
        ),
        "culture": PlaceFactory(
            name="Kültür Merkezi Essen",
            category=Place.Category.CULTURAL_CENTRE,
            city="Essen",
            district=essen,
            description_de="Ein Verein für Kultur mit Bibliothek.",
        ),
        "mosque": PlaceFactory(
            name="Merkez Camii", category=Place.Category.MOSQUE, city="Duisburg", district=duisburg
        ),
        "draft": PlaceFactory(name="Gizli Bahçe", city="Duisburg", district=duisburg, live=False),
    }


def test_place_list_shows_live_places_a_to_z_as_readers_sort(client, places):
    response = client.get("/tr/rehber/mekanlar/")

    # Ç files by C (Çay before Kültür), not after Z as the bytes would sort it.
    assert listed(response) == ["Çay Bahçesi İltis Park", "Kültür Merkezi Essen", "Merkez Camii"]
    assert "3" in soup(response).select_one("#directory-results-heading").get_text()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("category=mosque", ["Merkez Camii"]),
        ("category=cultural-centre", ["Kültür Merkezi Essen"]),
        ("city=Duisburg", ["Çay Bahçesi İltis Park", "Merkez Camii"]),
        ("district=essen", ["Kültür Merkezi Essen"]),
        ("city=Duisburg&category=tea-garden", ["Çay Bahçesi İltis Park"]),
    ],
)
def test_place_filters_narrow_the_list(client, places, query, expected):
    assert listed(client.get(f"/de/verzeichnis/orte/?{query}")) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("kultur", ["Kültür Merkezi Essen"]),
        ("KÜLTÜR", ["Kültür Merkezi Essen"]),
        ("ILTIS", ["Çay Bahçesi İltis Park"]),
        ("iltis", ["Çay Bahçesi İltis Park"]),
        ("İltis", ["Çay Bahçesi İltis Park"]),
        ("cay", ["Çay Bahçesi İltis Park"]),
        ("vereın", ["Kültür Merkezi Essen"]),
        ("Bibliotheken", ["Kültür Merkezi Essen"]),
        ("KULTURVEREIN", []),
        ("semaverden hamborn", ["Çay Bahçesi İltis Park"]),
        ("gizli", []),
    ],
)
def test_text_search_folds_turkish_and_german_letters(client, places, words, expected):
    assert listed(client.get("/tr/rehber/mekanlar/", {"q": words})) == expected


def test_filter_form_keeps_choices_and_lists_only_cities_with_live_places(client, places):
    page = soup(client.get("/tr/rehber/mekanlar/?city=Essen&q=kultur"))

    form = page.select_one("main form.directory-filters")
    assert form["method"] == "get"
    assert form.select_one("input[name=q]")["value"] == "kultur"
    cities = [option["value"] for option in form.select("select[name=city] option")]
    assert cities == ["", "Duisburg", "Essen"]
    assert form.select_one("select[name=city] option[selected]")["value"] == "Essen"
    for field in form.select("input, select"):
        if field.get("type") != "hidden":
            assert form.select_one(f'label[for="{field["id"]}"]') is not None


def test_unknown_filter_value_is_ignored_with_a_visible_note(client, places):
    response = client.get("/de/verzeichnis/orte/?category=spaceport&city=Atlantis")

    assert len(listed(response)) == 3
    assert "spaceport" in notes(response)
    assert "Atlantis" in notes(response)


def test_overlong_words_and_junk_give_a_normal_page(client, places):
    response = client.get("/tr/rehber/mekanlar/", {"q": "ş" * 1000, "district": "x" * 500})

    assert response.status_code == 200
    assert listed(response) == []


def test_pages_of_the_list_and_404_past_the_last(client, directory_pages):
    for number in range(23):
        PlaceFactory(name=f"Bahçe {number:02d}")

    first = client.get("/tr/rehber/mekanlar/?category=tea-garden")
    second = client.get("/tr/rehber/mekanlar/?category=tea-garden&page=2")

    assert len(listed(first)) == 20
    assert listed(second) == ["Bahçe 20", "Bahçe 21", "Bahçe 22"]
    next_link = soup(first).select_one(".pagination a[rel=next]")["href"]
    assert "category=tea-garden" in next_link and "page=2" in next_link
    assert client.get("/tr/rehber/mekanlar/?page=999").status_code == 404
    assert client.get("/tr/rehber/mekanlar/?page=abc").status_code == 404


def test_association_list_filters_by_city_and_district(client, directory_pages):
    gelsenkirchen = DistrictFactory(slug="gelsenkirchen")
    AssociationFactory(
        name="Avrupa Zonguldaklılar Derneği", city="Gelsenkirchen", district=gelsenkirchen
    )
    AssociationFactory(
        name="Türkischer Elternverein Köln", city="Köln", district=DistrictFactory(slug="koeln")
    )
    AssociationFactory(name="Taslak Derneği", city="Gelsenkirchen", live=False)

    assert listed(client.get("/tr/rehber/dernekler/")) == [
        "Avrupa Zonguldaklılar Derneği",
        "Türkischer Elternverein Köln",
    ]
    assert listed(client.get("/de/verzeichnis/vereine/?city=Köln")) == [
        "Türkischer Elternverein Köln"
    ]
    assert listed(client.get("/de/verzeichnis/vereine/?district=gelsenkirchen")) == [
        "Avrupa Zonguldaklılar Derneği"
    ]
    assert listed(client.get("/de/verzeichnis/vereine/?q=elternvereın")) == [
        "Türkischer Elternverein Köln"
    ]


def test_centre_list_by_kind_of_district_with_opening_data(client, directory_pages):
    IntegrationCentreFactory(
        for_district=DistrictFactory(slug="borken"),
        name="Kommunales Integrationszentrum Kreis Borken",
        opened_on="2016-06-28",
        ordinal=51,
    )
    IntegrationCentreFactory(
        for_district=DistrictFactory(slug="duisburg"),
        name="Kommunales Integrationszentrum Stadt Duisburg",
    )
    IntegrationCentreFactory(
        for_district=DistrictFactory(slug="essen"),
        name="Kommunales Integrationszentrum Stadt Essen",
        live=False,
    )

    kreise = client.get("/de/verzeichnis/integrationszentren/?district_kind=kreis")
    cities = listed(client.get("/de/verzeichnis/integrationszentren/?district_kind=city&q=stadt"))

    assert "Kommunales Integrationszentrum Kreis Borken" in listed(kreise)
    assert "Kommunales Integrationszentrum Stadt Duisburg" not in listed(kreise)
    assert "Kommunales Integrationszentrum Stadt Duisburg" in cities
    assert "Kommunales Integrationszentrum Stadt Essen" not in cities
    borken = next(
        card for card in soup(kreise).select("main .entry-card") if "Borken" in card.h3.get_text()
    )
    assert "28.06.2016" in borken.get_text()
    assert "51" in borken.get_text()
    all_names = listed(client.get("/tr/rehber/entegrasyon-merkezleri/?page=1"))
    assert all_names == sorted(all_names, key=lambda name: name.casefold())


@pytest.fixture
def offers(directory_pages):
    borken = IntegrationCentreFactory(
        for_district=DistrictFactory(slug="borken"),
        name="Kommunales Integrationszentrum Kreis Borken",
    )
    association = AssociationFactory(
        name="Avrupa Zonguldaklılar Derneği",
        city="Gelsenkirchen",
        district=DistrictFactory(slug="gelsenkirchen"),
    )
    hidden = AssociationFactory(name="Taslak Derneği", live=False)
    young = TargetGroupFactory(
        slug="young-immigrants", name_tr="Genç göçmenler", name_de="Junge Zugewanderte"
    )
    parents = TargetGroupFactory(slug="parents", name_tr="Ebeveynler", name_de="Eltern")
    volunteers = TargetGroupFactory(
        slug="volunteers", name_tr="Gönüllüler", name_de="Ehrenamtliche"
    )
    turkish, arabic = SpokenLanguageFactory(code="tr"), SpokenLanguageFactory(code="ar")
    komm_an = ProgrammeFactory()
    return {
        "counselling": OfferFactory(
            title_tr="Genç göçmenlere danışmanlık",
            title_de="Beratung für junge Zugewanderte",
            provider_centre=borken,
            target_groups=[young, parents],
            languages=[turkish, arabic],
        ),
        "volunteers": OfferFactory(
            title_tr="Gönüllü eğitimi",
            title_de="Qualifizierung von Ehrenamtlichen",
            kind=Offer.Kind.VOLUNTEER_QUALIFICATION,
            provider_centre=borken,
            target_groups=[volunteers],
            languages=[turkish],
            programme=komm_an,
        ),
        "course": OfferFactory(
            title_tr="Almanca kursu",
            kind=Offer.Kind.LANGUAGE_COURSE,
            provider_association=association,
            languages=[turkish],
        ),
        "draft": OfferFactory(
            title_tr="Taslak teklif", provider_centre=borken, live=False, languages=[turkish]
        ),
        "hidden provider": OfferFactory(
            title_tr="Gizli sağlayıcı", provider_association=hidden, languages=[turkish]
        ),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "",
            [
                "Beratung für junge Zugewanderte",
                "Almanca kursu",
                "Qualifizierung von Ehrenamtlichen",
            ],
        ),
        ("kind=volunteer-qualification", ["Qualifizierung von Ehrenamtlichen"]),
        ("group=parents", ["Beratung für junge Zugewanderte"]),
        ("language=ar", ["Beratung für junge Zugewanderte"]),
        ("language=tr&kind=language-course", ["Almanca kursu"]),
        ("programme=komm-an-nrw", ["Qualifizierung von Ehrenamtlichen"]),
        (
            "district=borken",
            ["Beratung für junge Zugewanderte", "Qualifizierung von Ehrenamtlichen"],
        ),
        ("district=gelsenkirchen", ["Almanca kursu"]),
        ("q=zugewanderte", ["Beratung für junge Zugewanderte"]),
        ("q=GÖNÜLLÜ", ["Qualifizierung von Ehrenamtlichen"]),
    ],
)
def test_offer_filters_in_german(client, offers, query, expected):
    # German titles first, the Turkish one where no German title is given.
    assert sorted(listed(client.get(f"/de/verzeichnis/angebote/?{query}"))) == sorted(expected)


def test_offer_filter_by_provider_and_title_in_the_other_language_is_marked(client, offers):
    response = client.get(
        "/de/verzeichnis/angebote/", {"provider": f"association:{offers['course'].provider.slug}"}
    )

    assert listed(response) == ["Almanca kursu"]
    assert soup(response).select_one("main .entry-card h3 a")["lang"] == "tr"


def test_offer_list_in_turkish_names_languages_and_groups_in_turkish(client, offers):
    response = client.get("/tr/rehber/hizmetler/?group=young-immigrants")

    young, parents = (TargetGroup.objects.get(slug=s) for s in ("young-immigrants", "parents"))
    card = soup(response).select_one("main .entry-card")
    assert card.h3.get_text(strip=True) == "Genç göçmenlere danışmanlık"
    assert "Arapça" in card.get_text()
    assert young.name_tr in card.get_text()
    options = [o.get_text() for o in soup(response).select("select[name=group] option")]
    assert parents.name_tr in options
    assert parents.name_de not in options


def test_offers_that_are_drafts_or_whose_provider_is_a_draft_are_not_listed(client, offers):
    names = listed(client.get("/tr/rehber/hizmetler/"))
    providers = soup(client.get("/tr/rehber/hizmetler/")).select("select[name=provider] option")

    assert "Taslak teklif" not in names
    assert "Gizli sağlayıcı" not in names
    assert all("Taslak" not in option.get_text() for option in providers)


def _queries(client, url: str) -> int:
    client.get(url)  # navigation and site roots are cached after the first request
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url",
    [
        "/tr/rehber/mekanlar/",
        "/de/verzeichnis/vereine/",
        "/de/verzeichnis/angebote/",
        "/tr/rehber/",
        "/tr/rehber/?q=bahce",
        "/tr/rehber/harita/",
        "/tr/rehber/yakinimda/?lat=51.4344&lng=6.7623&radius=50",
    ],
)
def test_query_count_does_not_grow_with_the_entries(client, directory_pages, url):
    def add(start: int, count: int) -> None:
        turkish, parents = (
            SpokenLanguageFactory(code="tr"),
            TargetGroupFactory(slug="parents", name_tr="Ebeveynler", name_de="Eltern"),
        )
        for number in range(start, start + count):
            place = PlaceFactory(
                name=f"Bahçe {number}",
                city="Duisburg",
                latitude=51.43 + number / 1000,
                longitude=6.76,
            )
            association = AssociationFactory(
                name=f"Dernek {number}",
                city="Essen",
                places=[place],
                latitude=51.45,
                longitude=7.01,
            )
            OfferFactory(
                title_tr=f"Danışmanlık {number}",
                provider_association=association,
                place=place,
                target_groups=[parents],
                languages=[turkish],
            )
            EventFactory(
                title_tr=f"Bahçe şenliği {number}", place=place, latitude=51.44, longitude=6.77
            )

    add(0, 5)
    few = _queries(client, url)
    add(5, 25)
    # Read as the first time: once to warm what the new entries made stale, then counted.
    assert _queries(client, url) <= few
