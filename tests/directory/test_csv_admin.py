"""The coordination office's import/export page in the admin."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.users.models import UserProfile

from muhabir.directory.models import Event, Place
from tests.factories.directory import PlaceFactory
from tests.helpers import soup

pytestmark = pytest.mark.django_db

URL = "/admin/directory/csv/"


def upload(client, kind, text, **options):
    data = {"kind": kind, "file": SimpleUploadedFile(f"{kind}.csv", text.encode("utf-8"))}
    data.update({name: "on" for name, value in options.items() if value})
    return client.post(URL, data)


@pytest.fixture
def places_clerk(db, django_user_model):
    """A user of the admin who may add, change and publish places, and nothing else of it."""
    user = django_user_model.objects.create_user("clerk", password="x")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="add_place"),
        Permission.objects.get(codename="change_place"),
        Permission.objects.get(codename="publish_place"),
    )
    client = Client()
    client.force_login(user)
    return client


def test_the_page_offers_every_kind_with_an_export_link(superuser_client):
    response = superuser_client.get(URL)
    assert response.status_code == 200
    page = soup(response)
    links = [a["href"] for a in page.select("a[download]")]
    assert links == [reverse("directory_csv_export", args=[kind]) for kind in (
        "places", "associations", "centres", "offers", "events")]  # fmt: skip
    assert len(page.select("form input[type=file]")) == 5


def test_the_directory_menu_has_the_page(superuser_client):
    response = superuser_client.get("/admin/")
    assert URL in response.content.decode()


def test_an_upload_with_errors_lists_them_and_saves_nothing(superuser_client):
    response = upload(
        superuser_client,
        "places",
        "slug,name,category\nok,Çay Bahçesi,tea-garden\nbad,Kahve,teahouse\n,,cafe\n",
    )
    assert response.status_code == 200
    errors = [li.get_text(" ", strip=True) for li in soup(response).select("[data-csv-errors] li")]
    # The admin speaks Turkish by default; Django's own messages come from its catalogue.
    assert errors[0].startswith("satır 3, sütun category:")
    assert errors[1].startswith("satır 4, sütun name: ")
    assert Place.objects.count() == 0


def test_errors_are_shown_in_the_users_language(superuser_client, superuser):
    profile = UserProfile.get_for_user(superuser)
    profile.preferred_language = "de"
    profile.save()
    response = upload(superuser_client, "places", "slug,name,category\nbad,,cafe\n")
    text = soup(response).select_one("[data-csv-errors]").get_text(" ", strip=True)
    # Django's own messages come from its German catalogue.
    assert "Dieses Feld darf nicht leer sein." in text
    assert "name" in text


def test_a_good_upload_imports_and_partial_and_dry_run_are_offered(superuser_client):
    text = "slug,name,category,live\nok,Çay Bahçesi,tea-garden,evet\nbad,Kahve,teahouse,no\n"
    upload(superuser_client, "places", text, dry_run=True)
    assert Place.objects.count() == 0
    response = upload(superuser_client, "places", text, partial=True)
    assert response.status_code == 200
    assert list(Place.objects.values_list("slug", "live")) == [("ok", True)]
    report = soup(response).select_one("[data-csv-report]").get_text(" ", strip=True)
    assert "1 yeni" in report


def test_the_export_link_downloads_the_csv(superuser_client):
    PlaceFactory(name="Çay Bahçesi", category="tea-garden")
    response = superuser_client.get(reverse("directory_csv_export", args=["places"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'attachment; filename="directory-places-' in response["Content-Disposition"]
    assert response.content.startswith("\ufeffslug,name".encode())
    assert "cay-bahcesi,Çay Bahçesi,tea-garden" in response.content.decode()
    missing = superuser_client.get(reverse("directory_csv_export", args=["mosques"]))
    assert missing.status_code == 404


def test_a_user_sees_only_the_kinds_they_may_add(places_clerk):
    page = soup(places_clerk.get(URL))
    assert [a["href"] for a in page.select("a[download]")] == [
        reverse("directory_csv_export", args=["places"])
    ]
    # The admin turns a refusal into a redirect to its dashboard with a message.
    refused = places_clerk.get(reverse("directory_csv_export", args=["events"]))
    assert refused.status_code in (302, 403)
    assert refused.get("Content-Type") != "text/csv; charset=utf-8"
    response = upload(places_clerk, "events", "slug,title_tr,start\nx,X,2019-11-16 19:00\n")
    assert response.status_code in (302, 403)
    assert not Event.objects.exists()


def test_users_who_may_not_publish_are_turned_away(reporter_client, client):
    # Reporters write drafts of entries but do not publish; an import can publish.
    assert reporter_client.get(URL).status_code in (302, 403)
    assert client.get(URL).status_code == 302  # to the login page
