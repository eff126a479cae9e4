"""What the page cache's and the fragments' tests share: where the cache lives, an article."""

from __future__ import annotations

import uuid

import pytest
from django.core.cache import caches
from wagtail.models import Site

from muhabir.home.models import SiteSettings
from tests.factories.newsroom import ArticlePageFactory
from tests.servers import redis_test_url, server_unreachable


@pytest.fixture(params=["local-memory", "redis"])
def cache_store(request, settings, db):
    """The cache in local memory (change times in the database) or in Redis."""
    # A site has its settings row; the first page view would otherwise create it, which
    # rightly keeps that first render out of the cache.
    SiteSettings.for_site(Site.objects.get(is_default_site=True))
    if request.param == "redis":
        settings.CACHES = {
            "default": {
                "BACKEND": "muhabir.core.cache.TolerantRedisCache",
                "LOCATION": redis_test_url(),
                "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
            }
        }
        try:
            caches["default"]._cache.get_client().ping()
        except Exception as error:  # any connection failure means no server
            server_unreachable("Redis", error)
    return request.param


@pytest.fixture
def page_cache(cache_store, settings):
    """The page cache on, its change times in the database (local memory) or in Redis."""
    settings.MUHABIR_PAGE_CACHE = True
    return cache_store


@pytest.fixture
def fragment_cache(cache_store, settings):
    """The kept fragments on and the page cache off, as when only the page itself changed:
    each request renders its page from what was kept."""
    settings.MUHABIR_PAGE_CACHE = False
    settings.MUHABIR_FRAGMENT_CACHE = True
    return cache_store


@pytest.fixture
def article(sections):
    return ArticlePageFactory(
        parent=sections["tr"][0], title="Yıldız Kenter son yolculuğuna uğurlandı"
    )


@pytest.fixture
def cache_reads(monkeypatch):
    """``start()`` begins noting the keys read from the shared cache, into the list returned."""
    asked: list[str] = []

    def start() -> list[str]:
        cache = caches["default"]
        original = type(cache).get

        def get(self, key, *args, **kwargs):
            asked.append(key)
            return original(self, key, *args, **kwargs)

        monkeypatch.setattr(type(cache), "get", get)
        return asked

    return start
