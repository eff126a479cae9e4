"""Template tags shared by every public page."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language, get_language_info

from muhabir.core.links import WEB, WEB_AND_CONTACT, safe_link

register = template.Library()


@register.simple_tag
def language_name(code: str) -> str:
    """The name of language ``code`` in the active language ("Almanca" on a Turkish page)."""
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


@register.filter
def is_foreign(page, language: str | None = None) -> bool:
    """True when ``page`` is in another language than the one being read."""
    locale = getattr(page, "locale", None)
    return locale is not None and locale.language_code != (language or get_language())


@register.simple_tag
def page_window(page_obj, size: int = 2) -> list[int | None]:
    """Page numbers around the current one, with None for each gap: 1 … 4 5 6 … 20."""
    current, last = page_obj.number, page_obj.paginator.num_pages
    wanted = {1, last, *range(max(1, current - size), min(last, current + size) + 1)}
    numbers: list[int | None] = []
    previous = 0
    for number in sorted(wanted):
        if number - previous > 1:
            numbers.append(None)
        numbers.append(number)
        previous = number
    return numbers


@register.filter
def safe_href(value, kind: str = "web") -> str:
    """``value`` if it is an http(s) address (with ``"contact"``, also mailto:/tel:), else "".

    For addresses from outside stored before they were checked on the way in.
    """
    return safe_link(str(value or ""), schemes=WEB_AND_CONTACT if kind == "contact" else WEB)
