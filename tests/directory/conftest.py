"""Fixtures of the directory's tests."""

from decimal import Decimal

import pytest

from muhabir.directory.models import (
    DirectoryPage,
    IntegrationCentre,
    SpokenLanguage,
    TargetGroup,
)
from tests.factories.directory import (
    AssociationFactory,
    DistrictFactory,
    EventFactory,
    OfferFactory,
    PlaceFactory,
    ProgrammeFactory,
    berlin,
)


@pytest.fixture
def directory_pages(home_tr, home_de) -> dict[str, DirectoryPage]:
    """The directory in both languages: /tr/rehber/ and its translation /de/verzeichnis/."""
    turkish = DirectoryPage(
        title="Rehber", slug="rehber", locale=home_tr.locale, show_in_menus=True
    )
    home_tr.add_child(instance=turkish)
    turkish.save_revision().publish()
    german = DirectoryPage(
        title="Verzeichnis",
        slug="verzeichnis",
        locale=home_de.locale,
        translation_key=turkish.translation_key,
        show_in_menus=True,
    )
    home_de.add_child(instance=german)
    german.save_revision().publish()
    return {"tr": turkish, "de": german}


@pytest.fixture
def entries(db):
    """Directory entries of every kind, for the CSV tests."""
    duisburg = DistrictFactory(slug="duisburg")
    tea_garden = PlaceFactory(
        name="İltis Park Çay Bahçesi",
        category="tea-garden",
        city="Duisburg",
        district=duisburg,
        latitude=51.4935,
        longitude=6.7716,
        description_tr="Semaver çayı; nargile.\nYazın her gün.",
        description_de='Tee aus dem Samowar, "frisch"; Wasserpfeifen.',
        first_published_at=None,
    )
    hall = PlaceFactory(
        name="Armoni Palace",
        category="event-hall",
        city="Marl",
        live=False,
        phone="+49 2365 0",
    )
    association = AssociationFactory(
        name="Avrupa Zonguldaklılar Derneği",
        city="Gelsenkirchen",
        founded=1990,
        email="info@zonguldak.example",
        website="https://zonguldak.example/",
        places=[hall, tea_garden],
        first_published_at=None,
    )
    centre = IntegrationCentre.objects.get(for_district__slug="borken")
    centre.staff_posts = Decimal("3.5")
    centre.funding_eur = Decimal("170000")
    centre.save()
    offer = OfferFactory(
        title_tr="Danışmanlık",
        title_de="Beratung",
        kind="counselling",
        provider_centre=centre,
        programme=ProgrammeFactory(name="KOMM-AN NRW", slug="komm-an-nrw"),
        free_of_charge=True,
        target_groups=TargetGroup.objects.filter(slug__in=["parents", "young-immigrants"]),
        languages=SpokenLanguage.objects.filter(code__in=["tr", "de", "ar"]),
        first_published_at=None,
    )
    event = EventFactory(
        title_tr="Gurbette 59. Yıl",
        title_de="",
        start=berlin(2019, 11, 16, 19),
        end=berlin(2019, 11, 16, 23, 30),
        place=hall,
        organiser_association=association,
        first_published_at=None,
    )
    weekly = EventFactory(
        title_tr="",
        title_de="Sprachcafé",
        start=berlin(2024, 7, 4, 18),
        end=berlin(2024, 7, 4, 20),
        rrule="FREQ=WEEKLY;BYDAY=TH",
        venue_name="Kulturhaus",
        city="Dortmund",
        cancelled=True,
        first_published_at=None,
    )
    festival = EventFactory(
        title_tr="Şenlik",
        title_de="",
        start=berlin(2024, 10, 26),
        end=berlin(2024, 10, 27),
        all_day=True,
        first_published_at=None,
    )
    return {
        "places": [tea_garden, hall],
        "associations": [association],
        "offers": [offer],
        "events": [event, weekly, festival],
    }
