"""Writing XML text by hand, for documents with thousands of elements."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

# XML 1.0 forbids these even as character references.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


_SPECIAL = re.compile('[&<>"\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]')


def xml_text(value: object) -> str:
    """``value`` escaped for element content or a double-quoted attribute."""
    value = str(value)
    # Most URLs and titles need no change; a sitemap page escapes tens of thousands.
    if not _SPECIAL.search(value):
        return value
    return escape(_FORBIDDEN.sub("", value), {'"': "&quot;"})


def xml_safe(value: str) -> str:
    """``value`` without the characters XML 1.0 cannot carry (a pasted vertical tab)."""
    return _FORBIDDEN.sub("", value)
