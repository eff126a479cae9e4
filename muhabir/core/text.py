"""Text helpers that know Turkish and German: casing, teasers, slugs.

Python's ``str.upper``/``lower`` follow the root locale: ``"i".upper()`` is
``I`` where Turkish wants ``İ``, and ``"İ".lower()`` is ``i`` plus a combining
dot. Everything outside HTML (feeds, e-mail, search keys, slugs) goes through
these functions instead.
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii
from django.utils.text import slugify

DOTTED_LANGUAGES = {"tr", "az"}
ELLIPSIS = "..."
TEASER_LENGTH = 200

_WHITESPACE = re.compile(r"\s+")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "´": "'"})

_GERMAN_SLUG = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ẞ": "SS"}
)
_TURKISH_SLUG = str.maketrans(
    {"ı": "i", "İ": "I", "ş": "s", "Ş": "S", "ğ": "g", "Ğ": "G", "ç": "c", "Ç": "C",
     "ö": "o", "Ö": "O", "ü": "u", "Ü": "U", "â": "a", "Â": "A", "î": "i", "û": "u"}
)  # fmt: skip


def _base_language(language: str | None) -> str:
    return (language or "").split("-")[0].split("_")[0].lower()


def upper(text: str, language: str | None) -> str:
    """Upper-case ``text`` by the rules of ``language`` (``i`` → ``İ`` in Turkish)."""
    if _base_language(language) in DOTTED_LANGUAGES:
        text = text.replace("i", "İ").replace("ı", "I")
    return text.upper()


def lower(text: str, language: str | None) -> str:
    """Lower-case ``text`` by the rules of ``language`` (``I`` → ``ı`` in Turkish)."""
    if _base_language(language) in DOTTED_LANGUAGES:
        text = text.replace("I", "ı").replace("İ", "i")
    # Outside Turkish, "İ".lower() leaves a combining dot (U+0307) behind.
    return text.lower().replace("i\u0307", "i")


def normalize_apostrophes(text: str) -> str:
    """Treat ’ and ' alike, as in "Duisburg’un" and "Duisburg'un"."""
    return text.translate(_APOSTROPHES)


def squash_whitespace(text: str) -> str:
    """Collapse runs of whitespace (including non-breaking spaces) to one space."""
    return _WHITESPACE.sub(" ", text.replace("\xa0", " ")).strip()


def teaser(text: str, limit: int = TEASER_LENGTH) -> str:
    """Cut ``text`` at the last word boundary within ``limit`` characters and add "...".

    Text that fits is returned whole, without an ellipsis.
    """
    text = squash_whitespace(unicodedata.normalize("NFC", text))
    if len(text) <= limit:
        return text
    cut = text[: limit + 1]
    boundary = cut.rfind(" ")
    # A single word longer than the limit has no boundary to cut at.
    cut = cut[:boundary] if boundary > 0 else text[:limit]
    return cut.rstrip(" ,;:-–—") + ELLIPSIS


def slug(text: str, language: str | None) -> str:
    """Make an ASCII slug that keeps every letter: "Straße" → "strasse", "Yıldız" → "yildiz".

    German spells umlauts out (ü → ue); Turkish drops the marks (ü → u).
    """
    text = unicodedata.normalize("NFC", normalize_apostrophes(text)).replace("'", "")
    base = _base_language(language)
    if base == "de":
        text = text.translate(_GERMAN_SLUG)
    elif base in DOTTED_LANGUAGES:
        text = text.translate(_TURKISH_SLUG)
    text = lower(text, language)
    return slugify(anyascii(text))[:255].strip("-")
