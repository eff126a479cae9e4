"""A Redis cache that a stopped Redis cannot turn into a stopped site.

Django's ``RedisCache`` raises on every call while the server is away, and the cache is
read on every page (navigation, renditions, the page cache). Here a failed call behaves
like a miss: reads return their default, writes are dropped, and the site renders
uncached. One warning goes to the log when Redis goes away and one line when it is back;
for a few seconds after a failure no connection is tried at all, so a dead server costs
each request nothing.
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

logger = logging.getLogger("muhabir.cache")

RETRY_AFTER_SECONDS = 5.0
FAILURES = (RedisConnectionError, RedisTimeoutError, OSError)


class _Breaker:
    """Shared by every cache object of a process: Django makes one per thread."""

    lock = threading.Lock()
    down_since: float | None = None
    retry_at = 0.0

    @classmethod
    def closed(cls) -> bool:
        return cls.down_since is None or time.monotonic() >= cls.retry_at

    @classmethod
    def failed(cls, error: Exception) -> None:
        with cls.lock:
            if cls.down_since is None:
                cls.down_since = time.monotonic()
                logger.warning(
                    "Redis is unreachable (%s); pages are served without the cache", error
                )
            cls.retry_at = time.monotonic() + RETRY_AFTER_SECONDS

    @classmethod
    def succeeded(cls) -> None:
        if cls.down_since is None:
            return
        with cls.lock:
            if cls.down_since is not None:
                logger.warning(
                    "Redis is reachable again after %.0f s", time.monotonic() - cls.down_since
                )
                cls.down_since = None


class ReusingRedisCacheClient(RedisCacheClient):
    """One ``redis.Redis`` per connection pool instead of a new one per cache call.

    Django builds a client object for every call, and its constructor copies some 170
    response callbacks: on a page served from the cache that was most of the work.
    Clients are safe to share; their connections come from the pool as before.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
        client = self._clients.get(id(pool))
        if client is None:
            client = self._client(connection_pool=pool)  # type: ignore[attr-defined]
            self._clients[id(pool)] = client
        return client


class TolerantRedisCache(RedisCache):
    """``RedisCache`` whose failures are misses; see the module's docstring."""

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        # redis-py retries a refused connection ten times with growing pauses, some four
        # seconds per call while the server is down. Once, at once: enough to replace a
        # pooled connection that a restarted server closed.
        options.setdefault("retry", Retry(NoBackoff(), 1))
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = ReusingRedisCacheClient

    def validate_key(self, key):
        # Django checks every key against memcached's limits, character by character; Redis
        # takes any key, and the page cache reads a dozen keys on each hit.
        pass

    def _call(self, method, default, *args, **kwargs):
        if not _Breaker.closed():
            return default
        try:
            result = method(*args, **kwargs)
        except FAILURES as error:
            _Breaker.failed(error)
            return default
        _Breaker.succeeded()
        return result

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().add, False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(super().get, default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set, None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().touch, False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(super().delete, False, key, version)

    def get_many(self, keys, version=None):
        return self._call(super().get_many, {}, keys, version)

    def get_many_or_none(self, keys, version=None):
        """``get_many``, or None when Redis could not be asked: for readers that must tell
        "nothing stored" from "nothing known", such as the page cache's change times."""
        return self._call(super().get_many, None, keys, version)

    def has_key(self, key, version=None):
        return self._call(super().has_key, False, key, version)

    def incr(self, key, delta=1, version=None):
        if not _Breaker.closed():
            raise ValueError(f"Key '{key}' not found: the cache is unreachable")
        try:
            result = super().incr(key, delta, version)
        except FAILURES as error:
            _Breaker.failed(error)
            # What callers of incr() already handle: the key is not there.
            raise ValueError(f"Key '{key}' not found: the cache is unreachable") from error
        _Breaker.succeeded()
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set_many, list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call(super().delete_many, None, keys, version)

    def clear(self):
        return self._call(super().clear, False)
