"""The pages a worker served last, kept in its own memory as well as in the cache.

Whether a kept page may be served depends only on its tags: it is valid while none of them
changed after it began to render (``versions``), wherever the copy lives. So each worker
keeps copies of the pages it served most recently, and a hit on one of them reads only the
tags' change times from Redis, one round trip instead of two, and no page to unpickle.
Bounded by size, least recently served first out: the busiest pages of a news site are few.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

# Per worker process; a page is some 20-60 KB, so this holds the few hundred most read.
MAX_BYTES = 8 * 1024 * 1024


class WorkerCopies:
    def __init__(self, max_bytes: int = MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self._entries: OrderedDict[str, Any] = OrderedDict()
        self._bytes = 0
        # gunicorn's threaded workers serve several requests of one process at once.
        self._lock = threading.Lock()

    def get(self, key: str) -> Any | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: Any) -> None:
        size = len(entry.content)
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= len(old.content)
            if size > self.max_bytes // 16:
                return
            self._entries[key] = entry
            self._bytes += size
            while self._bytes > self.max_bytes:
                _key, dropped = self._entries.popitem(last=False)
                self._bytes -= len(dropped.content)

    def discard(self, key: str) -> None:
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= len(old.content)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0


copies = WorkerCopies()
