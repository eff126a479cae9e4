"""Reader pages carry a Content-Security-Policy that lets no inline code run."""

from __future__ import annotations

import pytest

from muhabir.core.security_headers import content_security_policy

pytestmark = pytest.mark.django_db


def _directives(header: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("path", ["/tr/", "/de/", "/tr/ara/?q=k%C3%BClt%C3%BCr", "/tr/feed/"])
def test_reader_pages_forbid_inline_and_foreign_scripts(client, sections, path):
    response = client.get(path, follow=True)

    policy = _directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    header = response["Content-Security-Policy"]
    assert "unsafe-inline" not in header
    assert "unsafe-eval" not in header
    assert "geolocation=(self)" in response["Permissions-Policy"]


def test_admin_keeps_wagtails_own_rules(editor_client):
    response = editor_client.get("/admin/")

    assert response.status_code == 200
    assert "Content-Security-Policy" not in response


def test_map_tiles_and_media_elsewhere_are_allowed_as_images(settings):
    settings.MAP_TILE_URL = "https://tile.example.org/{z}/{x}/{y}.png"
    settings.MEDIA_URL = "https://media.example.net/muhabir/"

    policy = _directives(content_security_policy())

    assert "https://tile.example.org" in policy["img-src"]
    assert "https://media.example.net" in policy["img-src"]
    assert policy["script-src"] == ["'self'"]
