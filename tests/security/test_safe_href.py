"""Addresses stored before they were checked are made safe where a template links to them."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template

from tests.factories.ingest import FeedSourceFactory


def _render(source: str, **context) -> str:
    return Template("{% load muhabir_tags %}" + source).render(Context(context))


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "\x01javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/",
        "/admin/",
        "",
        None,
    ],
)
def test_safe_href_drops_what_is_not_a_web_address(value):
    assert _render("{{ value|safe_href }}", value=value) == ""


def test_safe_href_keeps_web_addresses_escaped():
    rendered = _render("{{ value|safe_href }}", value="https://nrw.example/?a=1&b=2")

    assert rendered == "https://nrw.example/?a=1&amp;b=2"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("mailto:info@nrw.example", "mailto:info@nrw.example"), ("tel:+492031234", "tel:+492031234")],
)
def test_safe_href_for_contacts_also_keeps_mail_and_phone(value, expected):
    assert _render('{{ value|safe_href:"contact" }}', value=value) == expected
    assert _render("{{ value|safe_href }}", value=value) == ""


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://files.example.org/feed.xml", "file:///etc/passwd"]
)
def test_feed_address_must_be_a_web_address(db, sections, url):
    source = FeedSourceFactory.build(url=url, section=sections["tr"][0])
    source.language = sections["tr"][0].locale

    with pytest.raises(ValidationError) as caught:
        source.full_clean()

    assert "url" in caught.value.error_dict
