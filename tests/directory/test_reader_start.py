"""The directory's start page: counts of what readers may see, a search over every kind."""

from __future__ import annotations

import itertools

import pytest

from muhabir.directory.models import IntegrationCentre
from tests.factories.directory import (
    AssociationFactory,
    DistrictFactory,
    EventFactory,
    IntegrationCentreFactory,
    OfferFactory,
    PlaceFactory,
)
from tests.helpers import language_link, soup

pytestmark = pytest.mark.django_db


def kind_counts(response) -> dict[str, str]:
    """The start page's count of each kind, by the address of the kind's list."""
    assert response.status_code == 200
    return {
        link["href"]: link.select_one(".directory-kinds__count").get_text(strip=True)
        for link in soup(response).select(".directory-kinds a")
    }


@pytest.fixture
def entries(directory_pages):
    tea = PlaceFactory(name="Çay Bahçesi İltis Park", city="Duisburg")
    PlaceFactory(name="Kültür Merkezi", city="Essen")
    PlaceFactory(name="Taslak Mekan", live=False)
    association = AssociationFactory(name="Avrupa Zonguldaklılar Derneği", places=[tea])
    AssociationFactory(name="Taslak Derneği", live=False)
    IntegrationCentreFactory(
        for_district=DistrictFactory(slug="essen"),
        name="Kommunales Integrationszentrum Stadt Essen",
        live=False,
    )
    OfferFactory(title_tr="Kültür kursu", title_de="Kulturkurs", provider_association=association)
    OfferFactory(title_tr="Taslak teklif", provider_association=association, live=False)
    EventFactory(title_tr="Gurbette 59. Yıl", place=tea, days_ahead=3)
    EventFactory(title_tr="Kültür gecesi", days_ahead=10)
    EventFactory(title_tr="Geçmiş gece", days_ahead=-3)
    EventFactory(title_tr="Taslak gece", live=False)
    return tea


def test_start_page_counts_only_live_entries(client, entries):
    counts = kind_counts(client.get("/tr/rehber/"))
    centres = IntegrationCentre.objects.filter(live=True).count()
    assert IntegrationCentre.objects.filter(live=False).exists()

    assert counts["/tr/rehber/mekanlar/"].startswith("2 ")
    assert counts["/tr/rehber/dernekler/"].startswith("1 ")
    assert counts["/tr/rehber/entegrasyon-merkezleri/"].startswith(f"{centres} ")
    assert counts["/tr/rehber/hizmetler/"].startswith("1 ")
    # Upcoming events only: the past one and the draft are not counted.
    assert counts["/tr/rehber/etkinlikler/"].startswith("2 ")


def test_start_page_links_every_kind_near_me_and_proposing(client, entries):
    page = soup(client.get("/de/verzeichnis/"))

    links = {a["href"] for a in page.select("main a")}
    for path in (
        "/de/verzeichnis/orte/",
        "/de/verzeichnis/vereine/",
        "/de/verzeichnis/integrationszentren/",
        "/de/verzeichnis/angebote/",
        "/de/verzeichnis/veranstaltungen/",
        "/de/verzeichnis/in-der-naehe/",
        "/de/verzeichnis/karte/",
        "/de/verzeichnis/vorschlagen/",
    ):
        assert path in links, path
    assert page.select_one("main form[role=search] input[name=q]") is not None
    assert page.select_one("main form[role=search] label[for=directory-search-query]")


def test_start_page_shows_upcoming_events_soonest_first(client, entries):
    page = soup(client.get("/tr/rehber/"))

    upcoming = page.select_one("#directory-upcoming-heading").parent
    titles = [a.get_text(strip=True) for a in upcoming.select("li a")]
    assert titles == ["Gurbette 59. Yıl", "Kültür gecesi"]


def test_start_page_search_finds_every_kind_with_folded_letters(client, entries):
    page = soup(client.get("/tr/rehber/", {"q": "KULTUR"}))

    groups = {
        group["aria-labelledby"].removeprefix("directory-hits-"): [
            a.get_text(strip=True) for a in group.select("li a")
        ]
        for group in page.select(".directory-hits__group")
    }
    assert groups == {
        "places": ["Kültür Merkezi"],
        "offers": ["Kültür kursu"],
        "events": ["Kültür gecesi"],
    }


def test_start_page_search_without_hits_and_with_junk(client, entries):
    nothing = soup(client.get("/tr/rehber/", {"q": "zzzyyy"}))
    junk = client.get("/tr/rehber/", {"q": "ı" * 1000})

    assert nothing.select(".directory-hits__group") == []
    assert nothing.select_one(".directory-hits .directory-empty") is not None
    assert junk.status_code == 200


def test_start_page_search_links_to_the_full_list(client, directory_pages):
    for number in range(7):
        PlaceFactory(name=f"Çay Evi {number}")

    page = soup(client.get("/tr/rehber/", {"q": "çay"}))

    group = page.select_one(".directory-hits__group")
    assert len(group.select("li")) == 5
    assert group.select_one("p a")["href"] == "/tr/rehber/mekanlar/?q=%C3%A7ay"


def test_start_page_language_switch_and_heading_order(client, entries):
    response = client.get("/tr/rehber/")

    assert language_link(response, "de") == "/de/verzeichnis/"
    levels = [int(h.name[1]) for h in soup(response).select("main h1, main h2, main h3")]
    assert levels[0] == 1
    assert all(later - earlier <= 1 for earlier, later in itertools.pairwise(levels))
