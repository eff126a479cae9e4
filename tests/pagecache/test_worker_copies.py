"""Each worker keeps copies of the pages it served, valid exactly as the shared cache's."""

from __future__ import annotations

import time
from types import SimpleNamespace

import pytest
from django.test import Client

from muhabir.core import cache as tolerant_cache
from muhabir.pagecache import middleware
from muhabir.pagecache.worker_copies import WorkerCopies, copies

pytestmark = pytest.mark.django_db


def _page(size: int) -> SimpleNamespace:
    return SimpleNamespace(content=b"x" * size)


def test_copies_are_bounded_by_size_and_the_least_recently_served_go_first():
    kept = WorkerCopies(max_bytes=16_000)
    for number in range(16):
        kept.put(f"p{number}", _page(1_000))
    kept.get("p0")  # served again: now the most recent
    kept.put("p16", _page(1_000))

    assert kept.get("p1") is None
    assert all(kept.get(f"p{number}") is not None for number in (0, *range(2, 17)))


def test_a_page_larger_than_a_sixteenth_of_the_room_is_not_copied():
    kept = WorkerCopies(max_bytes=16_000)
    kept.put("big", _page(1_001))

    assert kept.get("big") is None


def test_a_hit_on_a_page_this_worker_served_reads_no_page_from_the_cache(
    page_cache, article, cache_reads
):
    client = Client()
    client.get(article.url)
    asked = cache_reads()

    response = client.get(article.url)

    assert response["X-Page-Cache"] == "hit"
    assert not [key for key in asked if key.startswith(middleware.KEY.format(""))]


def test_another_workers_newer_render_replaces_this_workers_outdated_copy(page_cache, article):
    client = Client()
    first = client.get(article.url)
    # This worker's copy goes out of date with an edit; the shared cache then gets the
    # page another worker rendered afterwards (here: this one, with its copy put back).
    key = next(iter(copies._entries))
    outdated = copies.get(key)
    article.title = "Yıldız Kenter'e veda"
    article.save_revision().publish()
    second = client.get(article.url)
    copies.put(key, outdated)

    third = client.get(article.url)

    assert second["X-Page-Cache"] == "miss"
    assert third["X-Page-Cache"] == "hit"
    assert "Yıldız Kenter&#x27;e veda" in third.content.decode()
    assert third.content == second.content != first.content


@pytest.mark.parametrize("cache_store", ["redis"], indirect=True)
def test_with_redis_gone_a_workers_copy_is_not_served(page_cache, article, monkeypatch):
    client = Client()
    client.get(article.url)
    assert client.get(article.url)["X-Page-Cache"] == "hit"
    # Redis stops answering: the change times can be neither read nor written, so an
    # edit made now could not reach the copy's check.
    monkeypatch.setattr(tolerant_cache._Breaker, "down_since", time.monotonic())
    monkeypatch.setattr(tolerant_cache._Breaker, "retry_at", time.monotonic() + 600)
    article.title = "Yıldız Kenter'e veda"
    article.save_revision().publish()

    response = client.get(article.url)

    assert response.get("X-Page-Cache") != "hit"
    assert "Yıldız Kenter&#x27;e veda" in response.content.decode()
