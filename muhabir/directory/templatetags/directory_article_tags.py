"""What an article shows of the directory: the entries it names.

A template tag rather than ``ArticlePage.get_context``, so that the newsroom, which sits
below the directory, does not import it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import template

from muhabir.directory.models import DirectoryPage

register = template.Library()


@dataclass(frozen=True)
class NamedEntry:
    kind: str  # "places", "associations", "centres", "events"
    title: str
    url: str


# The article's relation, the kind of page that shows the entry.
_ARTICLE_RELATIONS = (
    ("places", "places"),
    ("associations", "associations"),
    ("integration_centres", "centres"),
    ("events", "events"),
)


@register.simple_tag
def article_directory_entries(article) -> list[NamedEntry]:
    """The published directory entries ``article`` names, linked in its language."""
    found = []
    for relation, kind in _ARTICLE_RELATIONS:
        # A preview's unsaved relations are in memory, not a queryset to filter.
        found += [(kind, entry) for entry in getattr(article, relation).all() if entry.is_public]
    if not found:
        return []
    page = (
        DirectoryPage.objects.live().public().filter(locale_id=article.locale_id).first()
        or DirectoryPage.objects.live().public().first()
    )
    if page is None:
        return []
    return [
        NamedEntry(kind=kind, title=str(entry), url=page.url_for(kind, f"{entry.slug}/"))
        for kind, entry in found
    ]
