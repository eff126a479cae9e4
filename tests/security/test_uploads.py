"""Uploads are judged by their content: no markup under an office or image name, no SVG."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from wagtail.documents import get_document_model

from muhabir.images.models import CustomImage

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
