"""Values kept in the worker's memory while the tables they come from are unchanged.

Some reads happen on every request and almost never change: which site a host name
belongs to, with its root page. Each worker keeps its own copy and checks one change time
per request (``versions``), so an edit in the admin of any app server is seen at the next
request. Each caller gets a fresh copy: the objects are model instances that code may
annotate or cache relations on, and no request may see another's.
"""

from __future__ import annotations

import pickle
import threading
from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from django.http import HttpRequest

from muhabir.pagecache import versions
from muhabir.pagecache.recording import note

T = TypeVar("T")
# Bounded: keys come from request headers (host names), which a client chooses.
MAX_ENTRIES = 256

_entries: dict[Hashable, tuple[float, bytes]] = {}
_lock = threading.Lock()
# The change times read during the reader's request being served, by tags.
_reading: ContextVar[dict[tuple[str, ...], float] | None] = ContextVar(
    "muhabir_memo_reading", default=None
)


@contextmanager
def reading_for_a_reader() -> Iterator[None]:
    """Around a reader's GET or HEAD, which writes nothing: each set of change times is
    read from Redis once, however many values kept in memory the request asks for."""
    token = _reading.set({})
    try:
        yield
    finally:
        _reading.reset(token)


def serving_a_reader() -> bool:
    """Inside ``reading_for_a_reader``. Elsewhere (the admin, a form post) a value may be
    asked for again after the request itself changed what it is made of."""
    return _reading.get() is not None


def remembered_in_process(
    key: Hashable,
    tags: Iterable[str],
    compute: Callable[[], T],
    *,
    request: HttpRequest | None = None,
) -> T:
    """``compute()``, or a copy of what it returned while none of ``tags`` has changed.

    With ``request``, the change time is read once per request for the same tags: the
    site and the route are both checked against the page and site tables, and each read is
    a round trip to Redis.
    """
    tags = tuple(tags)
    changed = _changed_at(tags, request)
    # Rows unpickled from memory are not seen loading: a page cached with this value
    # must still know what it was made of.
    note(tags)
    found = _entries.get(key)
    if found is not None and found[0] == changed:
        return pickle.loads(found[1])  # noqa: S301 - bytes this process pickled itself
    value = compute()
    with _lock:
        if len(_entries) >= MAX_ENTRIES:
            _entries.clear()
        _entries[key] = (changed, pickle.dumps(value))
    return value


def _changed_at(tags: tuple[str, ...], request: HttpRequest | None) -> float:
    seen = _reading.get()
    if seen is None:
        if request is None:
            return versions.changed_at(tags)
        seen = request.__dict__.setdefault("_muhabir_change_times", {})
    if tags not in seen:
        seen[tags] = versions.changed_at(tags)
    return seen[tags]


def forget() -> None:
    """Drop every kept value (tests start from nothing)."""
    with _lock:
        _entries.clear()
