"""Reader pages carry a Content-Security-Policy that lets no inline code run."""

from __future__ import annotations

import pytest
from django.urls import reverse

from muhabir.core.security_headers import content_security_policy
from tests.factories import ArticlePageFactory
from tests.newsroom.admin_forms import article_form

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


@pytest.mark.parametrize("path", ["/tr/", "/de/", "/tr/ara/?q=k%C3%BClt%C3%BCr"])
def test_no_page_may_frame_a_reader_page(client, sections, path):
    response = client.get(path)

    assert _directives(response["Content-Security-Policy"])["frame-ancestors"] == ["'none'"]
    # The same said to browsers that know only the older header.
    assert response["X-Frame-Options"] == "DENY"


def test_the_admins_preview_panel_may_frame_a_draft(reporter_client, reporter, sections):
    article = ArticlePageFactory(parent=sections["tr"][0], title="Taslak", publish=False)
    article.owner = reporter
    article.save()
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[article.pk])
    posted = reporter_client.post(url, article_form(title="Önizleme", slug=article.slug))
    assert posted.json()["is_valid"] is True

    response = reporter_client.get(url)

    assert "Önizleme" in response.content.decode()
    policy = _directives(response["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"


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
