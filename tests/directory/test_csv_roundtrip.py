"""CSV export writes what the import reads back: export → import → export changes nothing."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from muhabir.directory.csv_io.columns import KINDS, SPECS
from muhabir.directory.csv_io.exporting import export_csv
from muhabir.directory.csv_io.importing import import_csv
from muhabir.directory.models import Association, Event, Place

pytestmark = pytest.mark.django_db


def test_export_is_utf8_with_bom_crlf_and_the_stable_header(entries):
    text = export_csv("places")
    assert text.startswith("\ufeffslug,name,category,street,postcode,city,district,latitude,")
    lines = text.removeprefix("\ufeff").split("\r\n")
    assert lines[0].split(",") == list(SPECS["places"].columns)
    assert lines[-1] == ""
    assert "iltis-park-cay-bahcesi,İltis Park Çay Bahçesi,tea-garden" in text
    assert ",duisburg,51.4935,6.7716," in text


def test_export_writes_relations_as_slugs_and_times_in_berlin(entries):
    offers = export_csv("offers")
    assert ",parents;young-immigrants,ar;de;tr," in offers
    assert ",yes,komm-an-nrw," in offers
    events = export_csv("events")
    assert "2019-11-16T19:00+01:00,2019-11-16T23:30+01:00,no,," in events
    assert "2024-07-04T18:00+02:00,2024-07-04T20:00+02:00,no,FREQ=WEEKLY;BYDAY=TH,yes" in events
    associations = export_csv("associations")
    assert "armoni-palace;iltis-park-cay-bahcesi" in associations


@pytest.mark.parametrize("kind", KINDS)
def test_reimporting_an_export_changes_nothing(entries, kind):
    exported = export_csv(kind)
    report = import_csv(kind, exported.encode("utf-8"))
    assert report.ok, [str(error) for error in report.errors]
    assert report.created == report.updated == 0
    assert report.unchanged == SPECS[kind].model.objects.count()
    assert export_csv(kind) == exported


@pytest.mark.parametrize("kind", ["places", "events"])
def test_an_export_brings_deleted_entries_back_as_they_were(entries, kind):
    exported = export_csv(kind)
    model = SPECS[kind].model
    count = model.objects.count()
    model.objects.all().delete()
    report = import_csv(kind, exported)
    assert report.ok and report.created == count
    assert export_csv(kind) == exported


def test_edits_in_a_spreadsheet_come_back(entries):
    exported = export_csv("places").replace("Armoni Palace", "Armoni Palace Marl")
    exported = exported.replace(",event-hall,", ",cultural-centre,")
    report = import_csv("places", exported)
    assert (report.updated, report.unchanged) == (1, 1)
    hall = Place.objects.get(slug="armoni-palace")
    assert (hall.name, hall.category) == ("Armoni Palace Marl", "cultural-centre")


def test_an_export_saved_again_by_german_excel_imports_the_same(entries):
    # German Excel writes semicolons and decimal commas, and keeps the byte-order mark.
    rows = list(csv.reader(io.StringIO(export_csv("places").removeprefix("\ufeff"))))
    coordinates = [rows[0].index("latitude"), rows[0].index("longitude")]
    for row in rows[1:]:
        for index in coordinates:
            row[index] = row[index].replace(".", ",")
    german = io.StringIO()
    csv.writer(german, delimiter=";", lineterminator="\r\n").writerows(rows)
    assert "51,4935;6,7716" in german.getvalue()
    report = import_csv("places", ("\ufeff" + german.getvalue()).encode("utf-8"))
    assert report.ok
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)


def test_export_command_to_a_file_and_to_stdout(entries, tmp_path):
    target = tmp_path / "places.csv"
    output = io.StringIO()
    call_command("directory_export", "places", str(target), stdout=output)
    assert target.read_bytes().startswith(b"\xef\xbb\xbfslug,name,category")
    assert "Exported 2 places" in output.getvalue()
    printed = io.StringIO()
    call_command("directory_export", "events", stdout=printed)
    assert printed.getvalue() == export_csv("events")


def test_import_command_reports_errors_in_english_and_fails(entries, tmp_path):
    source = tmp_path / "places.csv"
    source.write_text("slug,name,category\nx,X,teahouse\ny,Y,cafe\n", encoding="utf-8")
    errors = io.StringIO()
    with translation.override("tr"), pytest.raises(CommandError) as raised:
        call_command("directory_import", "places", str(source), stderr=errors)
    assert errors.getvalue().startswith("row 2, column category: “teahouse” is not one of:")
    assert str(raised.value).startswith("Nothing was imported")
    assert not Place.objects.filter(slug__in=["x", "y"]).exists()


def test_import_command_partial_and_dry_run(entries, tmp_path):
    source = tmp_path / "places.csv"
    source.write_text("slug,name,category\nx,X,teahouse\ny,Y,cafe\n", encoding="utf-8")
    with pytest.raises(CommandError) as raised:
        call_command("directory_import", "places", str(source), "--dry-run", stderr=io.StringIO())
    assert "Nothing was saved (dry run)" in str(raised.value)
    assert not Place.objects.filter(slug="y").exists()
    with pytest.raises(CommandError) as raised:
        call_command("directory_import", "places", str(source), "--partial", stderr=io.StringIO())
    assert "1 created" in str(raised.value)
    assert Place.objects.filter(slug="y").exists()
    source.write_text("slug,name,category\nz,Z,cafe\n", encoding="utf-8")
    output = io.StringIO()
    call_command("directory_import", "places", str(source), stdout=output)
    assert output.getvalue().startswith("Imported 1 rows: 1 created")


def test_import_command_with_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("directory_import", "places", str(tmp_path / "nope.csv"))


def test_import_command_refuses_an_unknown_kind(tmp_path):
    with pytest.raises(CommandError):
        call_command("directory_import", "mosques", str(tmp_path / "x.csv"))


def test_the_association_export_lists_only_existing_data(entries):
    Association.objects.all().delete()
    assert export_csv("associations").count("\r\n") == 1
    assert Event.objects.count() == 3
