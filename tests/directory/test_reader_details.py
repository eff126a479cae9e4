"""Each entry's page: its text in the reader's language, related entries, articles, events,
structured data and the way to the same page in the other language."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.factories import ArticlePageFactory
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
from tests.helpers import language_link, soup

pytestmark = pytest.mark.django_db


def json_ld(response) -> list[dict]:
    return [
        json.loads(script.string)
        for script in soup(response).select('script[type="application/ld+json"]')
    ]


def head_links(response, rel: str) -> dict[str, str]:
    return {
        link.get("hreflang", ""): link["href"]
        for link in soup(response).select(f'head link[rel="{rel}"]')
        if not link.get("type")
    }


@pytest.fixture
def tea_garden(directory_pages, make_image):
    return PlaceFactory(
        name="Çay Bahçesi İltis Park",
        city="Duisburg",
        postcode="47166",
        street="Im Iltispark 1",
        district=DistrictFactory(slug="duisburg"),
        latitude=51.4934,
        longitude=6.7762,
        description_tr="Semaverden çay, Hamborn semtinde.",
        opening_hours_tr="Her gün 10–22",
        opening_hours_de="Täglich 10–22 Uhr",
        photo=make_image(credit="Foto: M. Hermenau", default_caption="Semaver"),
        phone="0203 123456",
    )


def test_place_page_in_german_marks_the_turkish_description(client, tea_garden):
    response = client.get(f"/de/verzeichnis/orte/{tea_garden.slug}/")

    page = soup(response)
    assert page.h1.get_text(strip=True) == "Çay Bahçesi İltis Park"
    description = page.select_one(".entry__description")
    assert description["lang"] == "tr"
    assert "Semaverden çay" in description.get_text()
    facts = page.select_one(".entry-facts").get_text(" ", strip=True)
    assert "Täglich 10–22 Uhr" in facts
    assert "Im Iltispark 1" in facts and "47166 Duisburg" in facts
    assert page.select_one('.entry-facts a[href^="tel:"]')["href"] == "tel:0203123456"
    photo = page.select_one(".entry-photo")
    assert photo.img is not None
    assert "Foto: M. Hermenau" in photo.figcaption.get_text()


def test_place_page_in_turkish_has_no_lang_on_its_own_text(client, tea_garden):
    page = soup(client.get(f"/tr/rehber/mekanlar/{tea_garden.slug}/"))

    assert page.select_one(".entry__description").get("lang") is None
    assert "Her gün 10–22" in page.select_one(".entry-facts").get_text()


def test_place_json_ld_canonical_and_alternates(client, tea_garden):
    response = client.get(f"/de/verzeichnis/orte/{tea_garden.slug}/?utm=x")

    place = next(item for item in json_ld(response) if item["@type"] == "CafeOrCoffeeShop")
    assert place["name"] == "Çay Bahçesi İltis Park"
    assert place["address"]["postalCode"] == "47166"
    assert place["geo"] == {"@type": "GeoCoordinates", "latitude": 51.4934, "longitude": 6.7762}
    canonical = soup(response).select_one('link[rel="canonical"]')["href"]
    assert canonical == f"http://testserver/de/verzeichnis/orte/{tea_garden.slug}/"
    alternates = head_links(response, "alternate")
    assert alternates["tr"] == f"http://testserver/tr/rehber/mekanlar/{tea_garden.slug}/"
    assert alternates["de"] == canonical
    assert alternates["x-default"] == alternates["tr"]
    crumbs = next(item for item in json_ld(response) if item["@type"] == "BreadcrumbList")
    assert crumbs["itemListElement"][-1]["item"] == canonical


def test_language_switch_leads_to_the_same_view_in_the_other_language(client, tea_garden):
    detail = client.get(f"/tr/rehber/mekanlar/{tea_garden.slug}/")
    listing = client.get("/de/verzeichnis/orte/?city=Duisburg")

    assert language_link(detail, "de") == f"/de/verzeichnis/orte/{tea_garden.slug}/"
    assert language_link(listing, "tr") == "/tr/rehber/mekanlar/?city=Duisburg"
    assert language_link(client.get("/de/verzeichnis/"), "tr") == "/tr/rehber/"


def test_unpublished_entries_have_no_page(client, directory_pages):
    place = PlaceFactory(name="Gizli Bahçe", live=False)
    association = AssociationFactory(name="Gizli Dernek", live=False)
    centre = IntegrationCentreFactory(
        for_district=DistrictFactory(slug="essen"),
        name="Kommunales Integrationszentrum Stadt Essen",
        live=False,
    )
    public = AssociationFactory(name="Açık Dernek")
    offer = OfferFactory(title_tr="Taslak teklif", provider_association=public, live=False)

    for url in (
        f"/tr/rehber/mekanlar/{place.slug}/",
        f"/de/verzeichnis/vereine/{association.slug}/",
        f"/de/verzeichnis/integrationszentren/{centre.slug}/",
        f"/tr/rehber/hizmetler/{offer.slug}/",
        "/tr/rehber/mekanlar/yok-boyle-bir-yer/",
    ):
        assert client.get(url).status_code == 404, url


def test_association_page_links_places_offers_events_and_articles(client, sections, tea_garden):
    draft_place = PlaceFactory(name="Taslak Mekan", live=False)
    association = AssociationFactory(
        name="Avrupa Zonguldaklılar Derneği",
        city="Gelsenkirchen",
        founded=1986,
        email="info@zonguldak.example",
        website="https://zonguldak.example",
        places=[tea_garden, draft_place],
    )
    OfferFactory(title_tr="Gençlere danışmanlık", provider_association=association)
    EventFactory(title_tr="Gurbette 59. Yıl", organiser_association=association)
    EventFactory(title_tr="İptal edilen gece", organiser_association=association, cancelled=True)
    EventFactory(title_tr="Taslak etkinlik", organiser_association=association, live=False)
    EventFactory(title_tr="Geçmiş etkinlik", organiser_association=association, days_ahead=-30)
    story = ArticlePageFactory(parent=sections["tr"][2], title="Zonguldaklılar gece düzenledi")
    story.associations.set([association])
    story.save_revision().publish()
    draft = ArticlePageFactory(parent=sections["tr"][2], title="Taslak haber", publish=False)
    draft.associations.set([association])
    draft.save()

    page = soup(client.get(f"/tr/rehber/dernekler/{association.slug}/"))

    text = page.get_text(" ", strip=True)
    assert "1986" in text
    assert page.select_one('a[href="mailto:info@zonguldak.example"]') is not None
    places = page.select_one("#entry-places-heading").parent
    assert [a.get_text() for a in places.select("a")] == ["Çay Bahçesi İltis Park"]
    offers = page.select_one("#entry-offers-heading").parent
    assert "Gençlere danışmanlık" in offers.get_text()
    events = page.select_one("#entry-events-heading").parent.get_text(" ", strip=True)
    assert "Gurbette 59. Yıl" in events
    assert "İptal edilen gece" in events
    assert "Taslak etkinlik" not in events and "Geçmiş etkinlik" not in events
    articles = page.select_one("#entry-articles-heading").parent.get_text()
    assert "Zonguldaklılar gece düzenledi" in articles
    assert "Taslak haber" not in articles
    organisation = next(
        item
        for item in json_ld(client.get(f"/tr/rehber/dernekler/{association.slug}/"))
        if item["@type"] == "Organization"
    )
    assert organisation["foundingDate"] == "1986"
    assert organisation["email"] == "info@zonguldak.example"


def test_place_page_lists_associations_and_articles_newest_first(client, sections, tea_garden):
    AssociationFactory(name="Hamborn Kültür Derneği", places=[tea_garden])
    AssociationFactory(name="Taslak Derneği", places=[tea_garden], live=False)
    # Made newest first, dated the other way round: the date shown decides the order.
    newer = ArticlePageFactory(parent=sections["de"][0], title="Neuer Bericht")
    older = ArticlePageFactory(parent=sections["tr"][0], title="Eski haber")
    for article, day in ((older, 2), (newer, 11)):
        article.places.set([tea_garden])
        article.editorial_date = dt.datetime(2019, 11, day, 10, tzinfo=dt.UTC)
        article.save_revision().publish()

    page = soup(client.get(f"/tr/rehber/mekanlar/{tea_garden.slug}/"))

    associations = page.select_one("#entry-associations-heading").parent
    assert [a.get_text() for a in associations.select("a")] == ["Hamborn Kültür Derneği"]
    articles = page.select_one("#entry-articles-heading").parent
    titles = [a.get_text(strip=True) for a in articles.select("h3 a")]
    assert titles == ["Neuer Bericht", "Eski haber"]
    assert articles.select_one("h3 a")["lang"] == "de"


def test_articles_on_an_entry_page_are_bounded(client, sections, tea_garden):
    for number in range(12):
        article = ArticlePageFactory(parent=sections["tr"][0], title=f"Haber {number}")
        article.places.set([tea_garden])
        article.save_revision().publish()

    page = soup(client.get(f"/tr/rehber/mekanlar/{tea_garden.slug}/"))

    assert len(page.select("#entry-articles-heading ~ ul > li")) == 10


def test_centre_page_shows_district_opening_funding_offers_and_json_ld(client, directory_pages):
    centre = IntegrationCentreFactory(
        for_district=DistrictFactory(slug="borken"),
        name="Kommunales Integrationszentrum Kreis Borken",
        opened_on="2016-06-28",
        ordinal=51,
        staff_posts="3.5",
        funding_eur="170000",
        description_de="Bündelt die Integrationsangebote im Kreis.",
    )
    offer = OfferFactory(
        title_tr="Gönüllü eğitimi",
        title_de="Qualifizierung von Ehrenamtlichen",
        provider_centre=centre,
    )

    response = client.get(f"/de/verzeichnis/integrationszentren/{centre.slug}/")

    facts = soup(response).select_one(".entry-facts").get_text(" ", strip=True)
    assert "28.06.2016" in facts and "51" in facts
    assert "3,5" in facts
    assert "170.000 €" in facts
    offers = soup(response).select_one("#entry-offers-heading").parent
    assert offers.a["href"] == f"/de/verzeichnis/angebote/{offer.slug}/"
    organisation = next(i for i in json_ld(response) if i["@type"] == "GovernmentOrganization")
    assert organisation["areaServed"]["name"] == "Borken"
    assert organisation["foundingDate"] == "2016-06-28"


def test_offer_page_names_provider_languages_groups_cost_and_programme(client, directory_pages):
    centre = IntegrationCentreFactory(
        for_district=DistrictFactory(slug="steinfurt"),
        name="Kommunales Integrationszentrum Kreis Steinfurt",
    )
    place = PlaceFactory(name="Bürgerhaus Steinfurt", category="cultural-centre", city="Steinfurt")
    offer = OfferFactory(
        title_tr="Genç göçmenlere danışmanlık",
        title_de="",
        provider_centre=centre,
        place=place,
        free_of_charge=True,
        schedule_de="Dienstags 10–12 Uhr",
        target_groups=[TargetGroupFactory(slug="parents", name_tr="Ebeveynler", name_de="Eltern")],
        languages=[SpokenLanguageFactory(code="tr"), SpokenLanguageFactory(code="ar")],
        programme=ProgrammeFactory(),
    )

    page = soup(client.get(f"/de/verzeichnis/angebote/{offer.slug}/"))

    assert page.h1["lang"] == "tr"
    facts = page.select_one(".entry-facts").get_text(" ", strip=True)
    assert "Kommunales Integrationszentrum Kreis Steinfurt" in facts
    assert "Türkisch" in facts and "Arabisch" in facts
    assert "Dienstags 10–12 Uhr" in facts
    assert "KOMM-AN NRW" in facts
    assert page.select_one(f'.entry-facts a[href="/de/verzeichnis/orte/{place.slug}/"]')
