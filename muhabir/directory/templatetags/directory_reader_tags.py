"""Template helpers of the directory's reader pages: text in the reader's language, distances."""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.template.defaultfilters import floatformat

from muhabir.directory.models.base import Bilingual, language_current

register = template.Library()


@dataclass(frozen=True)
class Text:
    """A field's text in the reader's language or, failing that, the other one."""

    text: str
    language: str
    foreign: bool

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)


@register.simple_tag
def bilingual_text(instance: Bilingual, field: str) -> Text:
    """``{% bilingual_text entry "description" as description %}``; ``foreign`` asks for lang."""
    reader = language_current()
    found = instance.text(field, reader)
    return Text(str(found), found.language, found.language != reader)


@register.filter
def kilometres(value) -> str:
    """A distance with one decimal in the reader's number format: "2,3"."""
    if value is None:
        return ""
    return floatformat(value, 1)
