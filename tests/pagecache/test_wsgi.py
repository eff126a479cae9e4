"""The WSGI application answers stored pages before Django's handler, with Django's answer.

Called as gunicorn calls it: an environ and start_response. A hit must carry what the
middleware around the page cache adds (request id, security headers, HTTPS redirect), and
anything the page cache would not answer must reach Django unchanged.
"""

from __future__ import annotations

import io
import sys

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from muhabir.pagecache import middleware
from muhabir.pagecache.wsgi import PageCacheApplication, outer_middleware

pytestmark = pytest.mark.django_db

VARYING = {"date", "x-request-id"}


def _environ(path: str, *, method: str = "GET", host: str = "testserver", **headers) -> dict:
    path, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path.encode().decode("latin-1"),
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": host,
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
    }
    environ.update({f"HTTP_{name.upper()}": value for name, value in headers.items()})
    return environ


def _call(application, path: str, **kwargs) -> tuple[int, dict[str, str], bytes]:
    answered = {}

    def start_response(status, headers, exc_info=None):
        answered["status"] = int(status.split()[0])
        answered["headers"] = dict(headers)

    # As Django's test client does: the handler would otherwise close the test's database
    # connection, and with it the transaction the test runs in (PostgreSQL).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        response = application(_environ(path, **kwargs), start_response)
        body = b"".join(response)
        if hasattr(response, "close"):
            response.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return answered["status"], answered["headers"], body


@pytest.fixture
def application():
    return PageCacheApplication(WSGIHandler())


@pytest.fixture
def handler_starts():
    started = []

    def note(**kwargs):
        started.append(kwargs)

    request_started.connect(note)
    yield started
    request_started.disconnect(note)


def test_a_hit_is_djangos_own_answer_without_starting_djangos_handler(
    page_cache, article, application, handler_starts
):
    django = WSGIHandler()
    _call(django, article.url)
    status, through_django, body = _call(django, article.url)
    assert through_django["X-Page-Cache"] == "hit"
    handler_starts.clear()

    fast_status, fast, fast_body = _call(application, article.url)

    assert handler_starts == []
    assert (fast_status, fast_body) == (status, body)
    assert {k: v for k, v in fast.items() if k.lower() not in VARYING} == {
        k: v for k, v in through_django.items() if k.lower() not in VARYING
    }
    # The middleware above the page cache ran: its own request id and security headers.
    assert fast["X-Request-ID"] != through_django["X-Request-ID"]
    assert "Content-Security-Policy" in fast
    assert outer_middleware()[0] == "muhabir.operations.middleware.RequestIdMiddleware"


def test_a_miss_is_rendered_by_django_and_then_answered_before_it(
    page_cache, article, application, handler_starts
):
    status, headers, body = _call(application, article.url)
    assert (status, headers["X-Page-Cache"]) == (200, "miss")
    assert len(handler_starts) == 1

    status, headers, again = _call(application, article.url)
    assert (status, headers["X-Page-Cache"], again) == (200, "hit", body)
    assert len(handler_starts) == 1


def test_a_published_edit_is_answered_at_once(page_cache, article, application):
    _call(application, article.url)
    assert _call(application, article.url)[1]["X-Page-Cache"] == "hit"

    article.title = "Yıldız Kenter için İstanbul'da tören"
    article.save_revision().publish()

    _, headers, body = _call(application, article.url)
    assert headers["X-Page-Cache"] == "miss"
    assert "Yıldız Kenter için İstanbul'da tören" in body.decode()


def test_head_and_revalidation_are_answered_from_the_stored_page(page_cache, article, application):
    _, first, _ = _call(application, article.url)

    status, headers, empty = _call(application, article.url, method="HEAD")
    assert (status, headers["X-Page-Cache"], empty) == (200, "hit", b"")
    assert headers["ETag"] == first["ETag"]

    status, headers, empty = _call(application, article.url, if_none_match=first["ETag"])
    assert (status, empty) == (304, b"")


def test_a_signed_in_reader_and_a_post_go_to_django(
    page_cache, article, application, handler_starts
):
    _call(application, article.url)
    handler_starts.clear()

    _, headers, _ = _call(application, article.url, cookie="sessionid=abc")
    assert "X-Page-Cache" not in headers
    _call(application, article.url, method="POST")
    assert len(handler_starts) == 2


def test_an_unknown_host_gets_djangos_400_even_for_a_stored_path(page_cache, article, application):
    _call(application, article.url)

    status, _, _ = _call(application, article.url, host="attacker.example")
    assert status == 400


def test_plain_http_is_sent_to_https_before_a_stored_page_is_given(
    page_cache, article, application, settings
):
    _call(application, article.url)
    settings.SECURE_SSL_REDIRECT = True
    application = PageCacheApplication(WSGIHandler())

    status, headers, _ = _call(application, article.url)
    assert status == 301
    assert headers["Location"] == f"https://testserver{article.url}"


def test_with_the_page_cache_off_every_request_goes_to_django(
    article, application, handler_starts, settings
):
    settings.MUHABIR_PAGE_CACHE = False
    _call(application, article.url)
    _call(application, article.url)
    assert len(handler_starts) == 2


def test_an_address_with_turkish_letters_reaches_django_as_it_came(page_cache, application):
    for _ in range(2):
        status, _, _ = _call(application, "/tr/şehir-rehberi-yok/")
        assert status == 404


def test_without_the_page_cache_middleware_every_request_goes_to_django(
    page_cache, article, handler_starts, settings
):
    settings.MIDDLEWARE = [
        name for name in settings.MIDDLEWARE if not name.endswith("PageCacheMiddleware")
    ]
    application = PageCacheApplication(WSGIHandler())
    for _ in range(2):
        status, headers, _ = _call(application, article.url)
        assert status == 200 and "X-Page-Cache" not in headers
    assert len(handler_starts) == 2


def test_a_miss_asks_the_cache_once(page_cache, article, application, monkeypatch):
    asked = []
    original = middleware.stored_entry

    def counting(key):
        asked.append(key)
        return original(key)

    monkeypatch.setattr(middleware, "stored_entry", counting)

    _, headers, _ = _call(application, article.url)
    assert headers["X-Page-Cache"] == "miss"
    assert len(asked) == 1
