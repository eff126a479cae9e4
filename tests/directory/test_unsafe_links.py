"""Websites from readers, CSV files and editors reach an href only as http(s) addresses."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from muhabir.core.links import link_scheme
from muhabir.directory.csv_io.importing import import_csv
from muhabir.directory.models import Association, Place
from tests.factories.directory import AssociationFactory
from tests.helpers import soup

pytestmark = pytest.mark.django_db

PROPOSE = "/tr/rehber/oner/association/"

PAYLOADS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
]


def _hrefs(response) -> list[str]:
    return [link["href"] for link in soup(response).select("main a[href]")]


@pytest.mark.parametrize("website", [*PAYLOADS, "ftp://files.example.org/"])
def test_association_page_links_no_unsafe_website_stored_earlier(client, directory_pages, website):
    association = AssociationFactory(name="Eski Kayıt Derneği", city="Duisburg")
    # As an older import or a direct database write left it, past every validator.
    Association.objects.filter(pk=association.pk).update(website=website)

    response = client.get(f"/tr/rehber/dernekler/{association.slug}/")

    assert response.status_code == 200
    schemes = {link_scheme(href) for href in _hrefs(response)}
    assert schemes <= {"", "http", "https", "mailto", "tel"}
    assert not any(website.strip() == href.strip() for href in _hrefs(response))


def test_association_page_links_a_web_website(client, directory_pages):
    association = AssociationFactory(name="Yeni Dernek", website="https://dernek.example/")

    response = client.get(f"/tr/rehber/dernekler/{association.slug}/")

    assert "https://dernek.example/" in _hrefs(response)


def _proposal(**changes) -> dict:
    return {
        "name": "Duisburg Türk Kültür Derneği",
        "city": "Duisburg",
        "description": "Kültür ve dayanışma.",
        "submitter_name": "Mehmet",
        "submitter_email": "mehmet@example.org",
        "homepage": "",
        **changes,
    }


@pytest.mark.parametrize("website", [*PAYLOADS, "ftp://files.example.org/"])
def test_proposed_website_must_be_a_web_address(client, directory_pages, website):
    response = client.post(PROPOSE, _proposal(website=website))

    assert response.status_code == 200
    assert "website" in response.context["form"].errors
    assert not Association.objects.exists()


def test_proposed_web_address_is_kept(client, directory_pages):
    response = client.post(PROPOSE, _proposal(website="dernek.example"))

    assert response.status_code == 302
    assert Association.objects.get().website == "https://dernek.example"


@pytest.mark.parametrize("website", ["javascript:alert(1)", "ftp://files.example.org/"])
def test_csv_import_refuses_a_website_that_is_not_http(directory_pages, website):
    csv = f"slug,name,city,website\nyeni-dernek,Yeni Dernek,Duisburg,{website}\n"

    report = import_csv("associations", csv)

    assert [(error.row, error.column) for error in report.errors] == [(2, "website")]
    assert not Association.objects.exists()


@pytest.mark.parametrize("model", [Association, Place])
def test_editors_cannot_save_a_website_that_is_not_http(directory_pages, model):
    entry = model(name="Deneme", city="Duisburg", website="ftp://files.example.org/")

    with pytest.raises(ValidationError) as caught:
        entry.full_clean()

    assert [error.code for error in caught.value.error_dict["website"]] == ["unsafe_link"]
