"""Uploads are judged by their content: no markup under an office or image name, no SVG."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from wagtail.documents import get_document_model

from muhabir.core.media_room import NO_ROOM
from muhabir.images.models import CustomImage
from tests.factories.images import png_file

pytestmark = pytest.mark.django_db

HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _upload_document(client, name: str, content: bytes):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": name, "file": SimpleUploadedFile(name, content), "collection": 1},
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bulten.pdf", b"%PDF-1.7\n1 0 obj\n%%EOF\n"),
        ("tutanak.docx", docx()),
        ("liste.csv", "ad;şehir\nAyşe;Köln\n".encode()),
        ("eski-liste.csv", "ad;şehir\nAyşe;Köln\n".encode("cp1254")),
        ("not.txt", b"Basin toplantisi saat 10:00"),
        ("metin.rtf", b"{\\rtf1\\ansi Merhaba}"),
    ],
)
def test_documents_that_are_what_they_say_are_accepted(editor_client, name, content):
    response = _upload_document(editor_client, name, content)

    assert response.status_code == 302, response.context and response.context["form"].errors
    assert get_document_model().objects.filter(title=name).exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bulten.pdf", HTML),
        ("tutanak.docx", b"PK\x03\x04 not really a package"),
        ("tutanak.docx", HTML),
        ("liste.csv", HTML),
        ("not.txt", b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"),
        ("arsiv.zip", HTML),
        ("program.txt", b"\x7fELF\x02\x01\x01\x00\x00"),
    ],
)
def test_documents_whose_content_is_not_their_name_are_refused_in_the_editors_language(
    editor_client, name, content
):
    response = _upload_document(editor_client, name, content)

    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["file"])
    with translation.override("tr"):
        expected = translation.gettext(
            "The file's content does not match its name (.%(extension)s)."
        )
    assert expected.split("(")[0].strip() in errors
    assert not get_document_model().objects.filter(title=name).exists()


def test_documents_above_the_size_limit_are_refused(editor_client, settings):
    settings.MUHABIR_MAX_DOCUMENT_BYTES = 1024

    response = _upload_document(editor_client, "kalin.pdf", b"%PDF-1.7\n" + b"0" * 2048)

    assert response.status_code == 200
    assert "file" in response.context["form"].errors


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("foto.jpg", HTML),
        ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"),
        ("sayfa.html", HTML),
    ],
)
def test_images_that_are_markup_are_refused(editor_client, name, content):
    response = editor_client.post(
        reverse("wagtailimages:add"),
        {
            "title": name,
            "file": SimpleUploadedFile(name, content),
            "description": "açıklama",
            "collection": 1,
        },
    )

    assert response.status_code == 200
    assert not CustomImage.objects.filter(title=name).exists()


def _disk_full(monkeypatch):
    full = shutil._ntuple_diskusage(total=256 * 1024, used=256 * 1024, free=0)
    monkeypatch.setattr("muhabir.core.media_room.shutil.disk_usage", lambda path: full)


def _stored_files(settings) -> list[Path]:
    return [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


def test_a_photo_upload_onto_a_full_disk_is_refused_with_a_message_and_stores_nothing(
    editor_client, monkeypatch, settings
):
    _disk_full(monkeypatch)
    with translation.override("tr"):
        message = str(NO_ROOM)

    response = editor_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Çay bahçesi",
            "file": SimpleUploadedFile("cay.png", png_file().read()),
            "description": "Duisburg'da çay bahçesi",
            "collection": 1,
        },
    )

    assert response.status_code == 200
    assert escape(message) in response.content.decode()
    assert not CustomImage.objects.filter(title="Çay bahçesi").exists()
    assert _stored_files(settings) == []


def test_a_document_upload_onto_a_full_disk_is_refused_and_stores_nothing(
    editor_client, monkeypatch, settings
):
    _disk_full(monkeypatch)

    response = _upload_document(editor_client, "bulten.pdf", b"%PDF-1.7\n1 0 obj\n%%EOF\n")

    assert response.status_code == 200
    assert not get_document_model().objects.filter(title="bulten.pdf").exists()
    assert _stored_files(settings) == []
