"""Documents in a private collection are read only by those allowed, by no other path."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

pytestmark = pytest.mark.django_db

NGINX = Path(settings.BASE_DIR) / "deploy" / "nginx.conf"


@pytest.fixture
def private_document():
    root = Collection.get_first_root_node()
    members = root.add_child(name="Yalnızca üyeler")
    CollectionViewRestriction.objects.create(
        collection=members, restriction_type=CollectionViewRestriction.LOGIN
    )
    return get_document_model().objects.create(
        title="Yönetim kurulu tutanağı",
        file=ContentFile(b"%PDF-1.4 gizli\n%%EOF\n", name="tutanak.pdf"),
        collection=members,
    )


def test_private_document_file_is_not_served_from_media(client, private_document):
    assert client.get(f"{settings.MEDIA_URL}{private_document.file.name}").status_code == 404


def test_private_document_asks_anonymous_readers_to_log_in(client, private_document):
    response = client.get(private_document.url)

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_private_document_is_read_by_a_logged_in_editor(editor_client, private_document):
    response = editor_client.get(private_document.url)

    assert response.status_code == 200
    assert b"gizli" in b"".join(response.streaming_content)
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_behind_nginx_the_file_is_handed_over_by_x_accel_redirect(
    settings, editor_client, private_document
):
    settings.SENDFILE_BACKEND = "muhabir.core.sendfile_nginx"
    from wagtail.utils import sendfile

    sendfile._get_sendfile.clear()
    try:
        response = editor_client.get(private_document.url)
    finally:
        sendfile._get_sendfile.clear()

    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_protected-media/{private_document.file.name}"
    assert response.content == b""


def test_shipped_nginx_config_never_serves_document_files():
    config = NGINX.read_text()

    assert re.search(r"location /media/documents/ \{\s*return 404;", config)
    assert re.search(r"location /_protected-media/ \{\s*internal;", config)
