"""What a detail page shows next to its entry: articles that name it, its upcoming events."""

from __future__ import annotations

from muhabir.directory.calendar import occurrences as calendar
from muhabir.directory.views.common import event_url
from muhabir.newsroom.selectors import public_articles

# A page names its newest articles; older ones are found by the site search.
ARTICLES_LIMIT = 10
EVENTS_LIMIT = 5


def articles_naming(entry, relation: str) -> list:
    """Live, public articles whose ``relation`` (``places``, ...) holds ``entry``, newest first."""
    return list(public_articles().filter(**{relation: entry})[:ARTICLES_LIMIT])


def upcoming_events(page, entry, limit: int = EVENTS_LIMIT) -> list:
    """The next occurrences of live events at or by ``entry``, each with its page's address."""
    return [
        (occurrence, event_url(page, occurrence.event))
        for occurrence in calendar.upcoming_for(entry, limit)
    ]
