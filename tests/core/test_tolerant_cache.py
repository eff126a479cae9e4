"""A stopped Redis is a cache miss with one warning, never an error."""

import logging
import socket

import pytest

from muhabir.core import cache as tolerant
from muhabir.core.cache import TolerantRedisCache


def _closed_port() -> int:
    # A port nothing listens on: bind, read the number, close.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def dead_redis(monkeypatch):
    monkeypatch.setattr(tolerant._Breaker, "down_since", None)
    monkeypatch.setattr(tolerant._Breaker, "retry_at", 0.0)
    return TolerantRedisCache(
        f"redis://127.0.0.1:{_closed_port()}/0",
        {"OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}},
    )


def test_reads_miss_and_writes_are_dropped_when_redis_is_down(dead_redis):
    assert dead_redis.get("başlık") is None
    assert dead_redis.get("başlık", "varsayılan") == "varsayılan"
    assert dead_redis.get_many(["a", "b"]) == {}
    assert dead_redis.set("a", 1) is None
    assert dead_redis.add("a", 1) is False
    assert dead_redis.get_or_set("a", "yeni") == "yeni"
    assert dead_redis.delete("a") is False
    dead_redis.delete_many(["a"])
    with pytest.raises(ValueError):
        dead_redis.incr("counter")


def test_one_warning_while_redis_stays_down(dead_redis, caplog, monkeypatch):
    with caplog.at_level(logging.WARNING, logger="muhabir.cache"):
        for _ in range(3):
            dead_redis.get("a")
        # Past the pause, the next call tries again and fails again: still no second line.
        monkeypatch.setattr(tolerant._Breaker, "retry_at", 0.0)
        dead_redis.get("a")
    warnings = [r for r in caplog.records if r.name == "muhabir.cache"]
    assert len(warnings) == 1
    assert "Redis is unreachable" in warnings[0].getMessage()


def test_no_connection_is_tried_during_the_pause(dead_redis, monkeypatch):
    dead_redis.get("a")
    calls = []
    monkeypatch.setattr(
        type(dead_redis).__mro__[1], "get", lambda *args, **kwargs: calls.append(args)
    )
    dead_redis.get("a")
    assert calls == []


def test_calls_share_one_client_per_connection_pool(dead_redis):
    # Django makes a new client object for every call; building one costs more than a
    # page served from the cache.
    client = dead_redis._cache.get_client("a")

    assert dead_redis._cache.get_client("b") is client
    assert dead_redis._cache.get_client("c", write=True) is client
    assert client.connection_pool is dead_redis._cache._get_connection_pool(False)


def test_a_refused_connection_is_tried_once_more_at_once_not_ten_times(dead_redis):
    retry = dead_redis._cache.get_client("a").connection_pool.connection_kwargs["retry"]

    assert retry.get_retries() == 1
    assert retry._backoff.compute(1) == 0
