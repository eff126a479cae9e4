"""Only web (and, where meant, contact) addresses reach an href or src."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from muhabir.core.links import WEB_AND_CONTACT, safe_link, validate_web_link


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " \tjava\nscript:alert(1)",
        "\x01javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "//evil.example/x",
        "/admin/",
        "https:///nohost",
        "",
        None,
    ],
)
def test_unsafe_or_relative_addresses_are_dropped(value):
    assert safe_link(value) == ""


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://www.duisburg.de/kI", "https://www.duisburg.de/kI"),
        ("  http://muhabirce.de/haber?id=1\n", "http://muhabirce.de/haber?id=1"),
        ("HTTPS://Example.org", "HTTPS://Example.org"),
    ],
)
def test_web_addresses_pass_cleaned(value, expected):
    assert safe_link(value) == expected


def test_contact_schemes_pass_only_where_meant():
    assert safe_link("mailto:info@dernek.de") == ""
    assert safe_link("mailto:info@dernek.de", schemes=WEB_AND_CONTACT) == "mailto:info@dernek.de"
    assert safe_link("tel:+49203123", schemes=WEB_AND_CONTACT) == "tel:+49203123"


def test_validator_names_the_allowed_schemes():
    with pytest.raises(ValidationError, match="http"):
        validate_web_link("javascript:alert(1)")
    validate_web_link("")
    validate_web_link("https://ki.nrw.de")
