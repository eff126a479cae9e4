"""The data migration ships the 53 districts of NRW, a centre for each, groups and languages."""

import datetime as dt
import importlib

import pytest
from django.apps import apps

from muhabir.directory.data import nrw
from muhabir.directory.models import (
    District,
    IntegrationCentre,
    Offer,
    SpokenLanguage,
    TargetGroup,
)
from muhabir.directory.selectors import Point, distance_km, text_filter
from tests.factories.directory import DistrictFactory, IntegrationCentreFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("muhabir.directory.migrations.0002_nrw_districts")


def test_there_are_53_districts_31_kreise_and_22_kreisfreie_staedte():
    assert District.objects.count() == 53
    assert District.objects.filter(kind="kreis").count() == 31
    assert District.objects.filter(kind="city").count() == 22
    assert District.objects.get(slug="staedteregion-aachen").kind == "kreis"
    assert District.objects.get(name="Mülheim an der Ruhr").kind == "city"


@pytest.mark.parametrize(
    ("name", "seat"),
    [
        ("Borken", "Borken"),
        ("Ennepe-Ruhr-Kreis", "Schwelm"),
        ("Hochsauerlandkreis", "Meschede"),
        ("Märkischer Kreis", "Lüdenscheid"),
        ("Oberbergischer Kreis", "Gummersbach"),
        ("Rhein-Erft-Kreis", "Bergheim"),
        ("Rhein-Kreis Neuss", "Neuss"),
        ("Rhein-Sieg-Kreis", "Siegburg"),
        ("Rheinisch-Bergischer Kreis", "Bergisch Gladbach"),
        ("Siegen-Wittgenstein", "Siegen"),
        ("Lippe", "Detmold"),
        ("Minden-Lübbecke", "Minden"),
        ("StädteRegion Aachen", "Aachen"),
        ("Köln", "Köln"),
    ],
)
def test_each_district_is_run_from_its_seat(name, seat):
    assert District.objects.get(name=name).seat == seat


def test_every_seat_lies_in_nrw():
    # NRW spans about 50.32–52.53 °N and 5.87–9.46 °E.
    for district in District.objects.all():
        assert 50.32 < district.latitude < 52.53, district.name
        assert 5.87 < district.longitude < 9.46, district.name


@pytest.mark.parametrize(
    ("one", "other", "expected_km"),
    [
        # Straight-line distances between the town centres, as published (±1.5 km).
        ("koeln", "duesseldorf", 34),
        ("koeln", "bonn", 25),
        ("duisburg", "muenster", 83),
        ("dortmund", "essen", 31),
        ("bielefeld", "paderborn", 38),
        ("staedteregion-aachen", "koeln", 64),
    ],
)
def test_seat_coordinates_give_the_known_distances(one, other, expected_km):
    a, b = District.objects.get(slug=one), District.objects.get(slug=other)
    measured = distance_km(Point(a.latitude, a.longitude), Point(b.latitude, b.longitude))
    assert measured == pytest.approx(expected_km, abs=1.5)


def test_each_district_has_one_live_integration_centre_at_its_seat():
    assert IntegrationCentre.objects.count() == 53
    for centre in IntegrationCentre.objects.select_related("for_district"):
        district = centre.for_district
        assert centre.live
        assert centre.city == district.seat
        assert (centre.latitude, centre.longitude) == (district.latitude, district.longitude)
        assert centre.district_id == district.pk


def test_centres_are_named_after_their_district():
    names = set(IntegrationCentre.objects.values_list("name", flat=True))
    assert "Kommunales Integrationszentrum Kreis Borken" in names
    assert "Kommunales Integrationszentrum Stadt Duisburg" in names
    assert "Kommunales Integrationszentrum StädteRegion Aachen" in names
    assert "Kommunales Integrationszentrum Ennepe-Ruhr-Kreis" in names
    assert "Kommunales Integrationszentrum Hochsauerlandkreis" in names


def test_borken_opened_as_the_51st_and_steinfurt_as_the_52nd():
    borken = IntegrationCentre.objects.get(for_district__slug="borken")
    steinfurt = IntegrationCentre.objects.get(for_district__slug="steinfurt")
    assert (borken.ordinal, borken.opened_on) == (51, dt.date(2016, 6, 28))
    assert (steinfurt.ordinal, steinfurt.opened_on) == (52, dt.date(2016, 6, 29))
    assert IntegrationCentre.objects.filter(ordinal__isnull=False).count() == 2


def test_centres_are_found_by_the_text_search():
    found = text_filter(IntegrationCentre.objects.all(), "integrationszentrum lüdenscheid")
    assert [centre.for_district.slug for centre in found] == ["maerkischer-kreis"]


def test_target_groups_and_languages():
    assert TargetGroup.objects.count() == 11
    young = TargetGroup.objects.get(slug="young-immigrants")
    assert (young.name_tr, young.name_de) == ("genç göçmenler", "junge Zugewanderte")
    assert TargetGroup.objects.get(slug="teachers").name_tr == "öğretmenler"
    codes = set(SpokenLanguage.objects.values_list("code", flat=True))
    assert codes == set(nrw.SPOKEN_LANGUAGES)
    assert len(codes) == 18


def test_the_migration_keeps_its_own_copy_of_the_data():
    assert [tuple(d) for d in nrw.DISTRICTS] == migration.DISTRICTS
    assert nrw.CENTRE_OPENINGS == migration.CENTRE_OPENINGS
    assert nrw.TARGET_GROUPS == migration.TARGET_GROUPS
    assert nrw.SPOKEN_LANGUAGES == migration.SPOKEN_LANGUAGES
    for seed in nrw.DISTRICTS:
        assert nrw.centre_name(seed) == migration.centre_name(seed.name, seed.kind)


def test_running_again_creates_no_duplicates():
    migration.forwards(apps, None)
    assert District.objects.count() == 53
    assert IntegrationCentre.objects.count() == 53
    assert TargetGroup.objects.count() == 11
    assert SpokenLanguage.objects.count() == 18


def test_existing_entries_are_kept():
    centre = IntegrationCentre.objects.get(for_district__slug="koeln")
    centre.name = "Kommunales Integrationszentrum Köln"
    centre.save()
    group = TargetGroup.objects.get(slug="parents")
    group.name_de = "Mütter und Väter"
    group.save()
    migration.forwards(apps, None)
    assert IntegrationCentre.objects.get(pk=centre.pk).name == centre.name
    assert TargetGroup.objects.get(slug="parents").name_de == "Mütter und Väter"


def test_reverse_removes_what_it_created_and_forwards_restores_it():
    migration.backwards(apps, None)
    assert not District.objects.exists()
    assert not IntegrationCentre.objects.exists()
    assert not TargetGroup.objects.exists()
    assert not SpokenLanguage.objects.exists()
    assert not Offer.objects.exists()
    migration.forwards(apps, None)
    assert District.objects.count() == 53
    assert IntegrationCentre.objects.get(for_district__slug="borken").ordinal == 51


def test_forwards_on_a_database_where_an_ordinal_is_taken():
    migration.backwards(apps, None)
    district = DistrictFactory(
        name="Borken", slug="borken", kind="kreis", seat="Borken", latitude=51.8, longitude=6.8
    )
    other = DistrictFactory(
        name="Testkreis", slug="testkreis", kind="kreis", seat="Test", latitude=51, longitude=7
    )
    IntegrationCentreFactory(name="Zentrum Test", for_district=other, ordinal=51)
    migration.forwards(apps, None)
    borken = IntegrationCentre.objects.get(for_district=district)
    assert borken.ordinal is None
    assert borken.opened_on == dt.date(2016, 6, 28)
    assert District.objects.get(slug="borken").latitude == 51.8
