"""When each tag last changed, shared by every app server.

A cached page is valid while none of its tags changed after it began to render. Times,
not counters: a page that began rendering before an edit was committed and is stored
after it carries a start time older than the change, so it is never served, whatever
order the two finish in. With Redis the times live in Redis; with local memory, whose
contents each worker keeps to itself, in the database.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import DatabaseError, transaction

from muhabir.pagecache.models import TagVersion

logger = logging.getLogger(__name__)

KEY = "pagecache:tag:{}"
# App servers compare times from their own clocks; kept in step by NTP (systemd-timesyncd,
# chrony) they differ by milliseconds, and only a render that overlapped an edit by less
# than that could be kept. Waiting out a larger margin would make every page miss for
# that long after each change.
CLOCK_SKEW_SECONDS = 0.0


def _shared_cache() -> bool:
    return isinstance(caches["default"], RedisCache)


def changed_at(tags: Iterable[str]) -> float:
    """The latest change time among ``tags`` (0.0 when none ever changed)."""
    tags = list(tags)
    if not tags:
        return 0.0
    if _shared_cache():
        cache = caches["default"]
        keys = [KEY.format(tag) for tag in tags]
        values = getattr(cache, "get_many_or_none", cache.get_many)(keys)
        if values is None:
            # Redis is away, and with it every change made meanwhile: nothing kept, in
            # the cache or in a worker's memory, may be trusted until it is back.
            return time.time()
        return max((float(value) for value in values.values()), default=0.0)
    try:
        return max(
            TagVersion.objects.filter(tag__in=tags).values_list("changed_at", flat=True),
            default=0.0,
        )
    except DatabaseError:
        # Without its table (a database not yet migrated) nothing can be trusted.
        return time.time()


def _write(tags: list[str], moment: float) -> None:
    if _shared_cache():
        # Never expiring, so that Redis evicting under memory pressure (``volatile-lru``,
        # docs/deploy.md) drops pages and fragments, which all expire, and never a change
        # time: a lost time would revive the pages made before it.
        caches["default"].set_many({KEY.format(tag): moment for tag in tags}, None)
        return
    try:
        # In a savepoint: a failure here must not break the editor's transaction.
        with transaction.atomic():
            TagVersion.objects.bulk_create(
                [TagVersion(tag=tag, changed_at=moment) for tag in tags],
                update_conflicts=True,
                unique_fields=["tag"],
                update_fields=["changed_at"],
            )
    except DatabaseError:
        logger.exception("Page cache: could not record a change of %s", ", ".join(tags[:5]))


class _Pending:
    """Tags changed in the current transaction, written again once when it commits."""

    def __init__(self) -> None:
        self.tags: set[str] = set()

    def __call__(self) -> None:
        _write(sorted(self.tags), time.time())


_state = threading.local()


def tags_changed(tags: Iterable[str]) -> None:
    """Mark ``tags`` as changed now, and again when the transaction commits.

    Now, so that reads inside the same transaction see the change; at commit, so that a
    page another connection rendered from the old rows in between is not kept. However
    many rows a transaction changes (an import), the commit writes each tag once.
    """
    tags = sorted(set(tags))
    if not tags:
        return
    _write(tags, time.time())
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return
    pending = getattr(_state, "pending", None)
    # A rolled-back transaction drops its callbacks: start afresh when ours is gone.
    if pending is None or not any(entry[1] is pending for entry in connection.run_on_commit):
        pending = _state.pending = _Pending()
        transaction.on_commit(pending)
    pending.tags.update(tags)


def is_current(tags: Iterable[str], started_at: float) -> bool:
    """Whether nothing in ``tags`` changed since a render that began at ``started_at``."""
    return changed_at(tags) < started_at - CLOCK_SKEW_SECONDS
