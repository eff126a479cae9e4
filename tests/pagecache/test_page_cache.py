"""The page cache serves anonymous readers stored pages, and never one older than its content.

Every test here changes something through the paths editors use (publishing a revision,
unpublishing, saving an image or a snippet) and reads the affected pages in the same
second: no sleeping, no waiting for a timeout.
"""

from __future__ import annotations

import logging
import socket
import time
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction

from muhabir.core import cache as tolerant_cache
from muhabir.pagecache import middleware
from tests.factories.images import CustomImageFactory
from tests.factories.newsroom import ArticlePageFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def _get(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code in (200, 304, 404), (url, response.status_code)
    return response


def _text(response) -> str:
    return response.content.decode()


def _warm(client, *urls):
    for url in urls:
        _get(client, url)
        assert _get(client, url)["X-Page-Cache"] == "hit", url


def test_second_request_is_served_from_the_cache_with_the_same_bytes(page_cache, article):
    client = Client()
    first = _get(client, article.url)
    second = _get(client, article.url)

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Content-Language"] == "tr"


def test_a_hit_costs_at_most_one_query(page_cache, article, django_assert_max_num_queries):
    client = Client()
    _get(client, article.url)
    # Redis answers from memory; with local memory the change times are one indexed read.
    with django_assert_max_num_queries(0 if page_cache == "redis" else 1):
        assert _get(client, article.url)["X-Page-Cache"] == "hit"


def test_anonymous_pages_carry_caching_headers_and_answer_their_validators(page_cache, article):
    client = Client()
    for response in (_get(client, article.url), _get(client, article.url)):
        assert "public" in response["Cache-Control"]
        assert "max-age=60" in response["Cache-Control"]
        assert "stale-while-revalidate=600" in response["Cache-Control"]
        assert response["Last-Modified"]
        again = client.get(article.url, HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.status_code == 304
        assert again.content == b""


def test_publishing_an_edit_shows_at_once_on_every_page_that_shows_the_article(
    page_cache, sections, article
):
    section = sections["tr"][0]
    urls = [article.url, "/tr/", section.url, "/tr/feed/", "/tr/feed/atom/", "/sitemap.xml"]
    client = Client()
    _warm(client, *urls)

    article.title = "Duisburg’da çay bahçesi yeniden açıldı"
    article.save_revision().publish()

    for url in urls[:-1]:
        response = _get(client, url)
        assert response["X-Page-Cache"] == "miss", url
        assert "Duisburg’da çay bahçesi" in _text(response), url
        assert "Yıldız Kenter son" not in _text(response), url
    assert _get(client, "/sitemap.xml")["X-Page-Cache"] == "miss"


def test_a_new_article_appears_on_later_section_pages_at_once(page_cache, sections, settings):
    settings.MUHABIR_SECTION_PAGE_SIZE = 2
    section = sections["tr"][0]
    for n in range(5):
        ArticlePageFactory(parent=section, title=f"Eski haber {n}")
    client = Client()
    _warm(client, f"{section.url}?page=2", f"{section.url}?page=3")

    ArticlePageFactory(parent=section, title="Yepyeni haber")

    # Everything moved one place down: page 3 now starts with what page 2 ended with.
    assert "Eski haber 2" in _text(_get(client, f"{section.url}?page=2"))
    assert "Eski haber 0" in _text(_get(client, f"{section.url}?page=3"))


def test_unpublishing_removes_the_article_from_every_page_at_once(page_cache, sections, article):
    section = sections["tr"][0]
    client = Client()
    _warm(client, article.url, "/tr/", section.url, "/tr/feed/")

    article.unpublish()

    assert _get(client, article.url).status_code == 404
    for url in ("/tr/", section.url, "/tr/feed/"):
        assert "Yıldız Kenter" not in _text(_get(client, url)), url


def test_a_draft_is_never_shown_and_does_not_drop_cached_pages(page_cache, sections, article):
    client = Client()
    _warm(client, article.url, "/tr/")

    article.title = "TASLAK: henüz yayımlanmadı"
    article.save_revision()

    for url in (article.url, "/tr/"):
        response = _get(client, url)
        assert response["X-Page-Cache"] == "hit", url
        assert "TASLAK" not in _text(response)


def test_making_a_page_private_takes_it_out_of_the_cache(page_cache, sections, article):
    client = Client()
    _warm(client, article.url)

    PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="gizli"
    )

    response = _get(client, article.url)
    assert "Yıldız Kenter son yolculuğuna" not in _text(response)


def test_a_changed_photo_credit_shows_at_once(page_cache, sections):
    image = CustomImageFactory(credit="Foto: M. Hermenau")
    article = ArticlePageFactory(parent=sections["tr"][0], hero_image=image)
    client = Client()
    _warm(client, article.url)

    image.credit = "Foto: Wilfried Meyer"
    image.save()

    response = _get(client, article.url)
    assert "Wilfried Meyer" in _text(response)
    assert "Hermenau" not in _text(response)


def test_a_renamed_author_shows_at_once(page_cache, sections):
    author = AuthorFactory(name="Ayşe Yılmaz")
    article = ArticlePageFactory(parent=sections["tr"][0], publish=False)
    article.bylines.create(author=author)
    article.save_revision().publish()
    client = Client()
    _warm(client, article.url)

    author.name = "Ayşe Yılmaz-Schäfer"
    author.save()

    assert "Yılmaz-Schäfer" in _text(_get(client, article.url))


def test_an_article_leaves_cached_pages_when_it_expires(page_cache, sections, monkeypatch):
    article = ArticlePageFactory(parent=sections["tr"][0], title="Süresi dolacak haber")
    article.expire_at = timezone.now() + timedelta(minutes=5)
    article.save_revision().publish()
    client = Client()
    _warm(client, "/tr/", sections["tr"][0].url)

    later = time.time() + 6 * 60
    monkeypatch.setattr(middleware.time, "time", lambda: later)
    monkeypatch.setattr(timezone, "now", lambda: datetime.fromtimestamp(later, tz=UTC))

    for url in ("/tr/", sections["tr"][0].url):
        assert "Süresi dolacak haber" not in _text(_get(client, url)), url


def test_signed_in_users_bypass_the_cache_and_their_pages_are_private(
    page_cache, article, editor_client
):
    _warm(Client(), article.url)

    response = editor_client.get(article.url)

    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]
    # What a signed-in editor saw is not what the next anonymous reader gets.
    assert _get(Client(), article.url)["X-Page-Cache"] == "hit"


def test_pages_that_set_a_cookie_are_not_stored(page_cache, article):
    article_restricted = article
    PageViewRestriction.objects.create(
        page=article_restricted, restriction_type=PageViewRestriction.PASSWORD, password="gizli"
    )
    client = Client()
    first = client.get(article.url)
    second = client.get(article.url)

    # The password form holds a CSRF token: every reader gets their own.
    assert "csrfmiddlewaretoken" in _text(first)
    assert second.get("X-Page-Cache") != "hit"
    assert "csrfmiddlewaretoken" in _text(second)


def test_the_admin_and_the_reader_stylesheet_are_never_cached(page_cache, article):
    client = Client()
    for url in ("/admin/login/", "/a11y/text-size.css"):
        client.get(url)
        assert "X-Page-Cache" not in client.get(url), url


def test_turned_off_nothing_is_stored(settings, article):
    settings.MUHABIR_PAGE_CACHE = False
    client = Client()
    _get(client, article.url)
    assert "X-Page-Cache" not in _get(client, article.url)


def test_with_redis_down_pages_are_served_uncached_with_one_warning(
    settings, article, caplog, monkeypatch
):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setattr(tolerant_cache._Breaker, "down_since", None)
    monkeypatch.setattr(tolerant_cache._Breaker, "retry_at", 0.0)
    settings.MUHABIR_PAGE_CACHE = True
    settings.CACHES = {
        "default": {
            "BACKEND": "muhabir.core.cache.TolerantRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
        }
    }
    client = Client()
    with caplog.at_level(logging.WARNING, logger="muhabir.cache"):
        responses = [client.get(article.url) for _ in range(3)]

    assert [r.status_code for r in responses] == [200, 200, 200]
    assert all("Yıldız Kenter" in _text(r) for r in responses)
    assert len([r for r in caplog.records if r.name == "muhabir.cache"]) == 1


@pytest.mark.parametrize(
    "url", ["/tr/ara/?q=kenter", "/tr/search/suggestions.json?q=kenter"], ids=["search", "suggest"]
)
def test_search_and_suggestions_follow_publishing_and_unpublishing_at_once(
    page_cache, sections, article, url
):
    client = Client()
    _warm(client, url)

    def _shown(response) -> str:
        if response["Content-Type"].startswith("application/json"):
            return " ".join(item["title"] for item in response.json()["suggestions"])
        return _text(response)

    assert "son yolculuğuna" in _shown(_get(client, url))

    newer = ArticlePageFactory(
        parent=sections["tr"][0], title="Kenter anısına tiyatro festivali", publish=False
    )
    assert "tiyatro festivali" not in _shown(_get(client, url))

    newer.save_revision().publish()
    assert "tiyatro festivali" in _shown(_get(client, url))

    article.unpublish()
    text = _shown(_get(client, url))
    assert "son yolculuğuna" not in text
    assert "tiyatro festivali" in text
