"""Where the search page of a language lives, for the masthead's search box."""

from __future__ import annotations

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language, override

register = template.Library()


@register.simple_tag
def search_url(language: str | None = None) -> str:
    """The search page in ``language`` (default: the active one): /tr/ara/, /de/suche/."""
    language = language or get_language()
    with override(language):
        try:
            return reverse(f"search:page_{language}")
        except NoReverseMatch:
            return reverse("search:page")


@register.simple_tag
def search_suggestions_url() -> str:
    return reverse("search:suggestions")
