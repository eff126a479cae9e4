"""Addresses that came from outside (feeds, imports, readers, CSV files, editors) and will
end up in an ``href`` or ``src``: only the schemes meant there pass.

A ``javascript:`` or ``data:`` address in a link on a public page runs in the site's
origin, which is also the admin's. Browsers ignore tabs and line breaks inside a scheme
and accept any case, so the check looks at the address as a browser would parse it.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

WEB = frozenset({"http", "https"})
WEB_AND_CONTACT = frozenset({"http", "https", "mailto", "tel"})

# What the URL standard strips before parsing: C0 controls and spaces at either end,
# tabs and newlines anywhere.
_EDGES = "".join(chr(code) for code in range(0x21))
_INSIDE = re.compile(r"[\t\n\r]")


def link_scheme(value: str) -> str:
    """The scheme a browser would see, lower case; empty for a relative address."""
    cleaned = _INSIDE.sub("", value.strip(_EDGES))
    return urlsplit(cleaned).scheme.lower() if ":" in cleaned else ""


def safe_link(value: str | None, *, schemes: frozenset[str] = WEB) -> str:
    """``value`` cleaned of what browsers ignore if its scheme is allowed, else ``""``.

    Relative addresses are refused too: from outside, they would point into our site.
    """
    if not value:
        return ""
    cleaned = _INSIDE.sub("", value.strip(_EDGES))
    scheme = link_scheme(cleaned)
    if scheme not in schemes:
        return ""
    if scheme in WEB and not urlsplit(cleaned).netloc:
        return ""
    return cleaned


def validate_web_link(value: str) -> None:
    """Model and form validator: an http(s) address or nothing."""
    if value and not safe_link(value):
        raise ValidationError(
            _("Enter an address starting with http:// or https://."), code="unsafe_link"
        )


def validate_contact_link(value: str) -> None:
    """Like ``validate_web_link``, also allowing mailto: and tel:."""
    if value and not safe_link(value, schemes=WEB_AND_CONTACT):
        raise ValidationError(
            _("Enter an address starting with http://, https://, mailto: or tel:."),
            code="unsafe_link",
        )
