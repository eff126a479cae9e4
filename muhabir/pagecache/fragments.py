"""Parts of pages that are the same for every reader, kept between renders.

The page cache (``middleware``) keeps whole pages, and every publish drops them all: the
page tree is on every page. The next render of each page can still reuse what did not
change: a section's list of articles when an article elsewhere was edited, the count of a
section's articles for its page links, a feed's items. ``remembered`` keeps any such value
(a rendered fragment is one) with the tags of what it was made of, recorded while it was
computed exactly as for whole pages, and hands it out while none of them has changed.

A value is kept per name, the parts that vary it (a page, a page number), the active
language and the host. It must be the same for every reader: listings of what is public,
never anything about the person asking. Previews compute afresh, since they show drafts.
Rows the request loaded before the value was computed count as read by it (the page
cache middleware records every request while fragments are on), so an object loaded
earlier and used inside, such as an article's image, cannot go stale in a kept copy.
``MUHABIR_FRAGMENT_CACHE=false`` turns it off.

Each worker also keeps its own copies of the values it used last (``worker_copies``),
pickled so every request gets a fresh one, valid by the same tags: a page made of several
kept values then reads only their tags' change times from Redis, not the values.
"""

from __future__ import annotations

import hashlib
import pickle
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import caches
from django.db.models import Model
from django.http import HttpRequest
from django.utils.translation import get_language

from muhabir.pagecache import versions
from muhabir.pagecache.expiry import next_expiry
from muhabir.pagecache.invalidation import STRUCTURE_TAGS
from muhabir.pagecache.recording import (
    current_tags,
    essential,
    note,
    note_change_at,
    recording,
)
from muhabir.pagecache.worker_copies import WorkerCopies

KEY = "pagecache:fragment:{}"
T = TypeVar("T")


@dataclass
class Remembered:
    value: Any
    tags: frozenset[str]
    started_at: float
    valid_until: float
    # When the value changes with the clock (recording.note_change_at), for the page
    # around it to know; None: not before an edit.
    changes_at: float | None = None


@dataclass
class WorkerCopy:
    content: bytes  # the value, pickled
    tags: frozenset[str]
    started_at: float
    valid_until: float
    changes_at: float | None = None


# Fragments are smaller than pages: a front page's section lists, counts, feeds' items.
worker_copies = WorkerCopies(max_bytes=4 * 1024 * 1024)


def fragment_cache_enabled() -> bool:
    return getattr(settings, "MUHABIR_FRAGMENT_CACHE", False)


def _part(value: Any) -> str:
    if isinstance(value, Model):
        return f"{value._meta.label_lower}:{value.pk}"
    return str(value)


def fragment_key(request: HttpRequest | None, name: str, parts: Iterable[Any]) -> str:
    host = request.get_host() if request is not None else ""
    raw = "\n".join([name, host, get_language() or "", *(_part(part) for part in parts)])
    return KEY.format(hashlib.sha256(raw.encode()).hexdigest())


def _usable(entry: object) -> bool:
    return (
        isinstance(entry, Remembered | WorkerCopy)
        and time.time() < entry.valid_until
        and versions.is_current(entry.tags, entry.started_at)
    )


def remembered(
    request: HttpRequest | None, name: str, parts: Iterable[Any], compute: Callable[[], T]
) -> T:
    """``compute()``, or what it returned before if nothing it read has changed since."""
    if not fragment_cache_enabled() or getattr(request, "is_preview", False):
        return compute()
    key = fragment_key(request, name, parts)
    copy = worker_copies.get(key)
    if copy is not None:
        if _usable(copy):
            # The page around it is made of the same rows: a cached page must know them.
            note(copy.tags)
            note_change_at(copy.changes_at)
            return pickle.loads(copy.content)  # noqa: S301 - bytes this process pickled
        worker_copies.discard(key)
    cache = caches["default"]
    entry = cache.get(key)
    if _usable(entry):
        note(entry.tags)
        note_change_at(entry.changes_at)
        _copy(key, entry)
        return entry.value

    # What the request read before: rows it loaded and kept on objects (a page's image,
    # prefetched relations) are used inside without a query that would be recorded.
    before = current_tags()
    started_at = time.time()
    with recording() as recorder:
        value = compute()
    tags = essential(before | recorder.tags | STRUCTURE_TAGS)
    valid_until = started_at + settings.MUHABIR_PAGE_CACHE_SECONDS
    expiry = next_expiry()
    if expiry is not None:
        valid_until = min(valid_until, expiry)
    if recorder.changes_at is not None:
        valid_until = min(valid_until, recorder.changes_at)
    timeout = int(valid_until - time.time())
    # A computation that overlapped an edit is not kept (see versions.is_current).
    if timeout > 0 and versions.is_current(tags, started_at):
        entry = Remembered(value, tags, started_at, valid_until, recorder.changes_at)
        cache.set(key, entry, timeout)
        _copy(key, entry)
    return value


def _copy(key: str, entry: Remembered) -> None:
    content = pickle.dumps(entry.value, pickle.HIGHEST_PROTOCOL)
    copy = WorkerCopy(content, entry.tags, entry.started_at, entry.valid_until, entry.changes_at)
    worker_copies.put(key, copy)
