"""CSV import: every row checked first, each error with its row and column, all or nothing."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import DatabaseError
from django.utils import translation

from muhabir.directory.csv_io.cells import read_table
from muhabir.directory.csv_io.importing import import_csv
from muhabir.directory.models import (
    Association,
    Event,
    IntegrationCentre,
    Offer,
    Place,
)
from tests.factories.directory import PlaceFactory

BERLIN = ZoneInfo("Europe/Berlin")

pytestmark = pytest.mark.django_db

PLACES_HEADER = "slug,name,category,city,district,latitude,longitude,website,live\r\n"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def messages(report) -> list[str]:
    return [str(error) for error in report.errors]


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Place, Association, IntegrationCentre, Offer, Event)
    }


def test_every_wrong_row_is_reported_with_row_and_column():
    data = PLACES_HEADER + (
        "cay,Çay Bahçesi,tea-garden,Duisburg,duisburg,51.4935,6.7716,,yes\r\n"  # row 2 good
        "kahve,Kahve,teahouse,Köln,,,,,no\r\n"  # row 3
        "north,Kuzey,cafe,Köln,,north,6.9,,no\r\n"  # row 4
        "nameless,,cafe,Köln,,,,,no\r\n"  # row 5
        "half,Yarım,cafe,Köln,,50.9,,,no\r\n"  # row 6
        "lost,Kayıp,cafe,Atlantis,atlantis,,,,no\r\n"  # row 7
        "maybe,Belki,cafe,Köln,,,,,maybe\r\n"  # row 8
        "web,Web,cafe,Köln,,,,not a web address,no\r\n"  # row 9
        "cay,İkinci,cafe,Köln,,,,,no\r\n"  # row 10
        "Bad Slug!,Slug,cafe,Köln,,,,,no\r\n"  # row 11
    )
    report = import_csv("places", data)
    found = messages(report)
    assert found[0].startswith("row 3, column category: “teahouse” is not one of: tea-garden,")
    assert found[1:] == [
        "row 4, column latitude: Write a number in decimal degrees, e.g. 51.4935.",
        "row 5, column name: This field cannot be blank.",
        "row 6, column longitude: Give both latitude and longitude, or neither.",
        "row 7, column district: There is no district “atlantis”.",
        "row 8, column live: Write yes or no (also ja/nein, evet/hayır, true/false, 1/0).",
        "row 9, column website: Enter a valid URL.",
        "row 10, column slug: The same value is on row 2.",
        found[-1],
    ]
    assert found[-1].startswith("row 11, column slug: Enter a valid “slug”")
    assert report.skipped == 9
    assert not report.saved
    assert Place.objects.count() == 0


def test_nothing_is_saved_when_one_row_is_wrong(entries):
    before = counts()
    tea_garden = entries["places"][0]
    data = PLACES_HEADER + (
        f"{tea_garden.slug},Yeni Ad,tea-garden,Duisburg,duisburg,51.4935,6.7716,,yes\r\n"
        "yeni,Yeni Yer,cafe,Bonn,bonn,50.7,7.1,,yes\r\n"
        "kotu,Kötü,cafe,Bonn,bonn,50.7,7.1,,perhaps\r\n"
    )
    report = import_csv("places", data)
    assert messages(report) == [
        "row 4, column live: Write yes or no (also ja/nein, evet/hayır, true/false, 1/0)."
    ]
    assert counts() == before
    tea_garden.refresh_from_db()
    assert tea_garden.name == "İltis Park Çay Bahçesi"
    assert report.summary().startswith("Nothing was imported")


def test_partial_imports_the_good_rows_only(entries):
    tea_garden = entries["places"][0]
    data = PLACES_HEADER + (
        f"{tea_garden.slug},Yeni Ad,tea-garden,Duisburg,duisburg,51.4935,6.7716,,yes\r\n"
        "yeni,Yeni Yer,cafe,Bonn,bonn,50.7,7.1,,yes\r\n"
        "kotu,Kötü,cafe,Bonn,bonn,50.7,7.1,,perhaps\r\n"
    )
    report = import_csv("places", data, partial=True)
    assert report.saved
    assert (report.created, report.updated, report.skipped) == (1, 1, 1)
    assert len(report.errors) == 1
    tea_garden.refresh_from_db()
    assert tea_garden.name == "Yeni Ad"
    assert Place.objects.get(slug="yeni").district.slug == "bonn"
    assert not Place.objects.filter(slug="kotu").exists()


def test_dry_run_checks_and_saves_nothing(entries):
    before = counts()
    data = PLACES_HEADER + "yeni,Yeni Yer,cafe,Bonn,bonn,50.7,7.1,,yes\r\n"
    report = import_csv("places", data, dry_run=True)
    assert report.ok and report.created == 1
    assert not report.saved
    assert counts() == before
    assert "would be created" in report.summary()


def test_a_failure_while_saving_undoes_the_rows_saved_before(monkeypatch):
    original = Place.save

    def save(self, *args, **kwargs):
        if self.name == "Second":
            raise DatabaseError("disk full")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Place, "save", save)
    data = PLACES_HEADER + "first,First,cafe,,,,,,yes\r\nsecond,Second,cafe,,,,,,yes\r\n"
    report = import_csv("places", data)
    assert messages(report) == ["row 3: It could not be saved: disk full"]
    assert not report.saved
    assert Place.objects.count() == 0


def test_rows_with_an_existing_slug_update_and_reimport_changes_nothing(entries):
    tea_garden = entries["places"][0]
    data = PLACES_HEADER + (
        f"{tea_garden.slug},Semaver,tea-garden,Duisburg,duisburg,51.4935,6.7716,,yes\r\n"
    )
    first = import_csv("places", data)
    assert (first.created, first.updated, first.unchanged) == (0, 1, 0)
    tea_garden.refresh_from_db()
    assert tea_garden.name == "Semaver"
    assert tea_garden.description_tr.startswith("Semaver çayı")  # not a column: kept
    second = import_csv("places", data)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 1)
    assert Place.objects.count() == 2


def test_rows_without_slug_create_entries_with_a_slug_from_the_name():
    data = "name,category\r\nÇay Bahçesi,tea-garden\r\nÇay Bahçesi,tea-garden\r\n"
    report = import_csv("places", data)
    assert report.created == 2
    assert sorted(Place.objects.values_list("slug", flat=True)) == [
        "cay-bahcesi",
        "cay-bahcesi-2",
    ]
    assert not Place.objects.filter(live=True).exists()


def test_semicolons_bom_crlf_german_decimals_and_cells_over_several_lines():
    data = (
        "\ufeffslug;name;category;latitude;longitude;description_de;live\r\n"
        'teegarten;Teegarten;tea-garden;51,4935;6,7716;"Tee; Samowar\r\nund mehr";ja\r\n'
        "\r\n"
        "kaffee;Kaffee;kafe;;;;nein\r\n"
    ).encode()
    report = import_csv("places", data)
    # The cell over two lines is one spreadsheet row; the empty line is row 3.
    assert messages(report)[0].startswith("row 4, column category:")
    report = import_csv("places", data.replace(b";kafe;", b";cafe;"))
    assert report.ok and report.created == 2
    tea = Place.objects.get(slug="teegarten")
    assert (tea.latitude, tea.longitude) == (51.4935, 6.7716)
    assert tea.description_de == "Tee; Samowar\nund mehr"
    assert tea.live
    assert tea.first_published_at is not None
    assert not Place.objects.get(slug="kaffee").live


def test_a_tab_separated_file_is_read_too():
    report = import_csv("places", "slug\tname\tcategory\nt\tTab\tcafe\n")
    assert report.ok and Place.objects.get(slug="t").name == "Tab"


@pytest.mark.parametrize(
    ("word", "live"),
    [("evet", True), ("HAYIR", False), ("hayır", False), ("Ja", True), ("nein", False),
     ("WAHR", True), ("true", True), ("0", False), ("1", True), ("", False)],
)  # fmt: skip
def test_yes_and_no_in_three_languages(word, live):
    report = import_csv("places", f"slug,name,category,live\nx,X,cafe,{word}\n")
    assert report.ok
    assert Place.objects.get(slug="x").live is live


def test_a_file_that_is_not_utf8_is_refused_with_advice():
    data = "slug,name,category\nx,Düsseldorf,cafe\n".encode("cp1252")
    report = import_csv("places", data)
    assert messages(report) == [
        "row 1: The file is not UTF-8 text. In Excel, save it as “CSV UTF-8”."
    ]


def test_an_empty_file_and_unknown_or_doubled_columns():
    assert messages(import_csv("places", b"")) == ["row 1: The file is empty."]
    report = import_csv("places", "slug,name,colour,name\nx,X,red,Y\n")
    assert messages(report)[0].startswith("row 1, column colour: Unknown column. The columns are:")
    assert messages(report)[1] == "row 1, column name: The column appears twice."
    assert Place.objects.count() == 0


def test_a_row_with_more_cells_than_columns_is_wrong():
    report = import_csv("places", "slug,name,category\nx,X,cafe,extra\ny,Y,cafe,\n")
    assert messages(report) == ["row 2: The row has more cells than the header has columns."]


def test_events_times_rules_and_organisers(entries):
    header = "slug,title_tr,start,end,all_day,rrule,organiser_association,cancelled\n"
    association = entries["associations"][0].slug
    data = header + (
        f"a,Akşam,2019-11-16 19:00,2019-11-16 23:30,no,,{association},no\n"  # row 2
        "b,Offset,2024-07-04T18:00+02:00,,no,FREQ=WEEKLY;BYDAY=TH,,evet\n"  # row 3
        "c,Alman,16.11.2019 19:00,,no,,,no\n"  # row 4
        "d,Gün,2024-10-26,2024-10-27,yes,,,no\n"  # row 5
        "e,Yok,2024-03-31 02:30,,no,,,no\n"  # row 6
        "f,Ters,2019-11-16 19:00,2019-11-16 18:00,no,,,no\n"  # row 7
        "g,Kural,2019-11-16 19:00,,no,every tuesday,,no\n"  # row 8
        "h,Kim,2019-11-16 19:00,,no,,nobody,no\n"  # row 9
        "i,Ne zaman,sometime,,no,,,no\n"  # row 10
        "j,,2019-11-16 19:00,,no,,,no\n"  # row 11
    )
    report = import_csv("events", data)
    assert messages(report) == [
        "row 6, column start: This time does not exist in Germany: the clocks go forward an "
        "hour then.",
        "row 7, column end: The end lies before the start.",
        "row 8, column rrule: This is not a recurrence rule. Example: "
        "FREQ=WEEKLY;BYDAY=TU;COUNT=10",
        "row 9, column organiser_association: There is no association “nobody”.",
        "row 10, column start: Write the time as YYYY-MM-DD HH:MM (German time) or in ISO 8601 "
        "with an offset, e.g. 2019-11-16 19:00 or 2019-11-16T19:00+01:00.",
        "row 11, column title_tr: Give the title in at least one language.",
    ]
    report = import_csv("events", data, partial=True)
    assert report.created == 4
    evening = Event.objects.get(slug="a")
    assert evening.start == dt.datetime(2019, 11, 16, 18, tzinfo=dt.UTC)
    assert evening.organiser_association == entries["associations"][0]
    weekly = Event.objects.get(slug="b")
    assert weekly.start == dt.datetime(2024, 7, 4, 16, tzinfo=dt.UTC)
    assert weekly.cancelled and weekly.last_end is None
    assert Event.objects.get(slug="c").start == evening.start
    day = Event.objects.get(slug="d")
    assert day.all_day and day.last_end == dt.datetime(2024, 10, 28, tzinfo=BERLIN)


def test_offers_providers_groups_and_languages(entries):
    centre = IntegrationCentre.objects.get(for_district__slug="steinfurt").slug
    association = entries["associations"][0].slug
    header = (
        "slug,title_de,kind,provider_centre,provider_association,target_groups,languages,"
        "programme,free_of_charge\n"
    )
    data = header + (
        f'a,Beratung,counselling,{centre},,"parents;young-immigrants",tr;de,komm-an-nrw,ja\n'
        f"b,Beides,counselling,{centre},{association},,,,\n"
        "c,Keiner,counselling,,,,,,\n"
        f"d,Gruppen,counselling,{centre},,parents;aliens,tr;xx,,\n"
        f"e,Art,cooking,{centre},,,,,\n"
    )
    report = import_csv("offers", data)
    assert messages(report)[:5] == [
        "row 3, column provider_centre: Choose either an integration centre or an association "
        "as the provider.",
        "row 4, column provider_centre: Choose either an integration centre or an association "
        "as the provider.",
        "row 5, column target_groups: Unknown target groups: aliens.",
        "row 5, column languages: Unknown languages offered: xx.",
        messages(report)[4],
    ]
    assert messages(report)[4].startswith("row 6, column kind: “cooking” is not one of:")
    import_csv("offers", data, partial=True)
    offer = Offer.objects.get(slug="a")
    assert offer.provider_centre.for_district.slug == "steinfurt"
    assert offer.programme.slug == "komm-an-nrw"
    assert offer.free_of_charge
    assert sorted(offer.target_groups.values_list("slug", flat=True)) == [
        "parents",
        "young-immigrants",
    ]
    assert sorted(offer.languages.values_list("code", flat=True)) == ["de", "tr"]


def test_association_places_are_replaced_by_the_file(entries):
    association = entries["associations"][0]
    tea_garden = entries["places"][0]
    report = import_csv("associations", f"slug,places\n{association.slug},{tea_garden.slug}\n")
    assert report.updated == 1
    assert list(association.places.all()) == [tea_garden]
    report = import_csv("associations", f"slug,places\n{association.slug},\n")
    assert not association.places.exists()


def test_centres_keep_the_one_per_district_and_ordinal_rules():
    borken = IntegrationCentre.objects.get(for_district__slug="borken")
    data = (
        "slug,name,for_district,ordinal,staff_posts,funding_eur,opened_on\n"
        f'{borken.slug},{borken.name},borken,51,"3,5",170000,28.06.2016\n'
        "neu,Neues Zentrum,borken,,,,\n"
        "neu2,Noch eins,koeln,52,,,\n"
        "neu3,Zu viel,bonn,54,abc,,2016-13-01\n"
    )
    report = import_csv("centres", data)
    exists = "Integration centre with this Serves already exists."
    assert messages(report) == [
        f"row 3, column for_district: {exists}",
        f"row 4, column for_district: {exists}",
        "row 4, column ordinal: Integration centre with this Ordinal already exists.",
        f"row 5, column for_district: {exists}",
        "row 5, column ordinal: Ensure this value is less than or equal to 53.",
        "row 5, column staff_posts: Write a number, e.g. 3.5.",
        "row 5, column opened_on: Write the date as YYYY-MM-DD, e.g. 2016-06-28.",
    ]
    report = import_csv("centres", data, partial=True)
    borken.refresh_from_db()
    assert borken.staff_posts == Decimal("3.5")
    assert borken.funding_eur == Decimal("170000")
    assert borken.opened_on == dt.date(2016, 6, 28)


def test_german_thousands_marks_are_not_taken_for_a_decimal_point():
    borken = IntegrationCentre.objects.get(for_district__slug="borken")
    report = import_csv("centres", f"slug,funding_eur\n{borken.slug},170.000\n")
    assert messages(report) == [
        "row 2, column funding_eur: Ensure that there are no more than 2 decimal places."
    ]
    report = import_csv("centres", f'slug,funding_eur\n{borken.slug},"170.000,50"\n')
    assert report.ok
    borken.refresh_from_db()
    assert borken.funding_eur == Decimal("170000.50")


def test_read_table_counts_rows_like_a_spreadsheet():
    header, rows = read_table('a,b\r\n1,"two\r\nlines"\r\n3,4\r\n')
    assert header == ["a", "b"]
    assert [number for number, _cells in rows] == [2, 3]


def test_an_entry_with_a_draft_in_the_admin_gets_the_imported_values_in_its_draft():
    place = PlaceFactory(name="Taslak", category="cafe", live=False)
    place.save_revision()
    assert place.has_unpublished_changes
    report = import_csv("places", f"slug,name\n{place.slug},Yeni Ad\n")
    assert report.updated == 1
    place.refresh_from_db()
    assert place.get_latest_revision_as_object().name == "Yeni Ad"
    assert not place.live
