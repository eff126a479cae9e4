"""The cache configured by REDIS_URL works against a real Redis server."""

import os
import uuid

import pytest
from django.core.cache.backends.redis import RedisCache

from muhabir.settings import env
from tests.servers import redis_test_url, server_unreachable

pytestmark = pytest.mark.redis


@pytest.fixture
def redis_cache():
    url = redis_test_url()
    config = env.cache({"REDIS_URL": url})
    cache = RedisCache(config["LOCATION"], {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    try:
        cache.set("ping", "pong", 5)
    except Exception as error:  # any connection failure means no server
        server_unreachable("Redis", error)
    yield cache
    cache.clear()


def test_redis_cache_round_trips_turkish_text(redis_cache):
    redis_cache.set("başlık", {"title": "Yıldız Kenter son yolculuğuna uğurlandı"}, 30)
    assert redis_cache.get("başlık") == {"title": "Yıldız Kenter son yolculuğuna uğurlandı"}


def test_redis_cache_forgets_deleted_keys(redis_cache):
    redis_cache.set("key", 1, 30)
    redis_cache.delete("key")
    assert redis_cache.get("key") is None


def test_configured_cache_is_redis_when_redis_url_is_set(settings):
    if not os.environ.get("REDIS_URL"):
        pytest.skip("REDIS_URL is not set for this run")
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    from django.core.cache import cache

    cache.set("configured", "ja", 5)
    assert cache.get("configured") == "ja"
