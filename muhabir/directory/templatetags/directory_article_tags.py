"""What an article shows of the directory: the entries it names.

A template tag rather than ``ArticlePage.get_context``, so that the newsroom, which sits
below the directory, does not import it.
"""

from __future__ import annotations

from django import template

from muhabir.directory.selectors import NamedEntry, entries_named_by

register = template.Library()


@register.simple_tag
def article_directory_entries(article) -> list[NamedEntry]:
    """The published directory entries ``article`` names, linked in its language."""
    return entries_named_by(article)
