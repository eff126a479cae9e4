"""What English an editor must not see: the msgids our catalogues translate."""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser
from pathlib import Path

from babel.messages.pofile import read_po
from django.conf import settings

# Shown with a name or value inserted, so no msgid matches them whole.
ALWAYS_ENGLISH = [
    "Submit to Editorial review",
    "Resubmit to Editorial review",
    "Editorial review",
    "True",
    "False",
]
# Autonyms in the admin's language menu, next to "Türkçe" and "Deutsch".
NOT_ENGLISH = {"English"}


@functools.cache
def english_msgids(language: str) -> frozenset[str]:
    """Msgids without placeholders whose translation into ``language`` differs.

    Less the words that are also a translation in that language ("Text" is German too).
    """
    found = set(ALWAYS_ENGLISH)
    translations = set(NOT_ENGLISH)
    for locale_path in settings.LOCALE_PATHS:
        po_path = Path(locale_path) / language / "LC_MESSAGES" / "django.po"
        with po_path.open("rb") as handle:
            catalog = read_po(handle)
        for message in catalog:
            if not message.id or isinstance(message.id, tuple) or message.fuzzy:
                continue
            if "%" in message.id or "{" in message.id or "<" in message.id:
                continue
            if message.string and message.string.strip() != message.id.strip():
                found.add(message.id.strip())
            if message.string:
                translations.add(message.string.strip())
    return frozenset(found - translations)


class _TextNodes(HTMLParser):
    SKIP = {"script", "style", "template", "noscript"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.nodes: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skipping += 1

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skipping:
            self._skipping -= 1

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and not self._skipping:
            self.nodes.append(text)


def html_text_nodes(html: str) -> list[str]:
    parser = _TextNodes()
    parser.feed(html)
    return parser.nodes


def english_in(texts: list[str], language: str) -> list[str]:
    """The texts (text nodes or lines) that are one of our English msgids, as is."""
    english = english_msgids(language)
    return sorted({text for text in texts if re.sub(r"\s+", " ", text).strip() in english})
