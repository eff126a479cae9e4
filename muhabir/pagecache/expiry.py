"""When the next live page expires: nothing cached may show it after that."""

from __future__ import annotations

from datetime import UTC, datetime

from django.core.cache import caches
from wagtail.models import Page

from muhabir.pagecache import versions


def next_expiry() -> float | None:
    """The next moment a live page expires, as a timestamp, or None.

    Readers' listings hide expired articles at once (before the periodic job unpublishes
    them), so a cached page or fragment showing one may live only until then. Kept per
    version of the page tree, so a changed expiry time is seen by every worker at its next
    render.
    """
    tree_version = versions.changed_at(["table:wagtailcore_page"])
    key = f"pagecache:next-expiry:{tree_version}"
    cache = caches["default"]
    found = cache.get(key)
    if found is None:
        first = (
            Page.objects.live()
            .filter(expire_at__gt=datetime.now(tz=UTC))
            .order_by("expire_at")
            .values_list("expire_at", flat=True)
            .first()
        )
        found = first.timestamp() if first else 0.0
        cache.set(key, found, 3600)
    return found or None
