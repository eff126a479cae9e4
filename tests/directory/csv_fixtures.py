"""Directory entries of every kind, for the CSV tests."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from muhabir.directory.models import (
    Association,
    District,
    Event,
    IntegrationCentre,
    Offer,
    Place,
    Programme,
    SpokenLanguage,
    TargetGroup,
)

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def entries(db):
    duisburg = District.objects.get(slug="duisburg")
    tea_garden = Place.objects.create(
        name="İltis Park Çay Bahçesi",
        category="tea-garden",
        city="Duisburg",
        district=duisburg,
        latitude=51.4935,
        longitude=6.7716,
        description_tr="Semaver çayı; nargile.\nYazın her gün.",
        description_de='Tee aus dem Samowar, "frisch"; Wasserpfeifen.',
        live=True,
    )
    hall = Place.objects.create(
        name="Armoni Palace", category="event-hall", city="Marl", live=False, phone="+49 2365 0"
    )
    association = Association.objects.create(
        name="Avrupa Zonguldaklılar Derneği",
        city="Gelsenkirchen",
        founded=1990,
        email="info@zonguldak.example",
        website="https://zonguldak.example/",
        live=True,
    )
    association.places.set([hall, tea_garden])
    centre = IntegrationCentre.objects.get(for_district__slug="borken")
    centre.staff_posts = Decimal("3.5")
    centre.funding_eur = Decimal("170000")
    centre.save()
    programme = Programme.objects.create(name="KOMM-AN NRW", slug="komm-an-nrw")
    offer = Offer.objects.create(
        title_tr="Danışmanlık",
        title_de="Beratung",
        kind="counselling",
        provider_centre=centre,
        programme=programme,
        free_of_charge=True,
        live=True,
    )
    offer.target_groups.set(TargetGroup.objects.filter(slug__in=["parents", "young-immigrants"]))
    offer.languages.set(SpokenLanguage.objects.filter(code__in=["tr", "de", "ar"]))
    event = Event.objects.create(
        title_tr="Gurbette 59. Yıl",
        start=dt.datetime(2019, 11, 16, 19, tzinfo=BERLIN),
        end=dt.datetime(2019, 11, 16, 23, 30, tzinfo=BERLIN),
        place=hall,
        organiser_association=association,
        live=True,
    )
    weekly = Event.objects.create(
        title_de="Sprachcafé",
        start=dt.datetime(2024, 7, 4, 18, tzinfo=BERLIN),
        end=dt.datetime(2024, 7, 4, 20, tzinfo=BERLIN),
        rrule="FREQ=WEEKLY;BYDAY=TH",
        venue_name="Kulturhaus",
        city="Dortmund",
        cancelled=True,
    )
    festival = Event.objects.create(
        title_tr="Şenlik",
        start=dt.datetime(2024, 10, 26, tzinfo=BERLIN),
        end=dt.datetime(2024, 10, 27, tzinfo=BERLIN),
        all_day=True,
    )
    return {
        "places": [tea_garden, hall],
        "associations": [association],
        "offers": [offer],
        "events": [event, weekly, festival],
    }
