"""The shipped nginx page cache and its purge, run on loopback against a counting upstream.

nginx runs deploy/nginx.conf itself (deploy/loopback.py only swaps ports, paths and TLS
for plain HTTP), in front of a tiny server that answers each path with how often it was
asked and with the Cache-Control the test gives it, as the application will.
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import itertools
import logging
import os
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from deploy import loopback
from muhabir.core.frontend_cache import purge_front_cache
from muhabir.syndication.http import conditional_response
from tests.servers import server_unreachable

PUBLIC = "public, max-age=300, stale-while-revalidate=60"


class CountingUpstream(http.server.BaseHTTPRequestHandler):
    """Answers ``<path> <n>``; a path containing ``no-store`` or ``private`` says so."""

    counter = itertools.count(1)
    request_ids: list[str | None] = []
    forwarded: list[tuple[str | None, str | None, str | None]] = []

    def _answer(self) -> None:
        # As the application does: it logs the proxy's request id and answers with it.
        self.request_ids.append(self.headers.get("X-Request-ID"))
        self.forwarded.append(
            (
                self.headers.get("X-Forwarded-For"),
                self.headers.get("X-Forwarded-Proto"),
                self.headers.get("Accept-Encoding"),
            )
        )
        body = f"{self.command} {self.path} {next(self.counter)}".encode()
        if "long" in self.path:
            body += b" <p>Haber metni, uzun bir paragraf.</p>" * 100
        if "feed" in self.path:
            self._answer_as_a_feed(body)
            return
        if "no-store" in self.path:
            cache_control = "no-store"
        elif "private" in self.path:
            cache_control = "private, no-cache"
        else:
            cache_control = PUBLIC
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", cache_control)
        self.send_header("X-Request-ID", self.request_ids[-1] or "from-the-application")
        self.send_header("X-Page-Cache", "miss")
        if "vary" in self.path:
            self.send_header("Vary", "Cookie")
        self.end_headers()
        self.wfile.write(body)

    def _answer_as_a_feed(self, body: bytes) -> None:
        # The headers the application's feeds and sitemaps send, in the order it sends them.
        response = conditional_response(
            RequestFactory().get(self.path), HttpResponse(body), last_modified=None
        )
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for name, value in response.items():
            if name.lower() not in {"content-type", "content-length"}:
                self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def do_HEAD(self):
        self.send_response(200)
        self.send_header("Cache-Control", PUBLIC)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def front(tmp_path_factory):
    """nginx with the shipped configuration in front of the counting upstream."""
    for needed in (loopback.NGINX, loopback.NGINX_MODULES / loopback.PURGE_MODULE):
        if not needed.exists():
            server_unreachable("nginx", FileNotFoundError(f"{needed} is not installed"))
    upstream = http.server.ThreadingHTTPServer(("127.0.0.1", 0), CountingUpstream)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    workdir = tmp_path_factory.mktemp("nginx")
    static_root = workdir / "static"
    (static_root / "muhabir" / "css").mkdir(parents=True)
    (static_root / "muhabir" / "css" / "main.0123456789ab.css").write_text("body{}")
    (static_root / "muhabir" / "css" / "main.css").write_text("body{}")
    media_root = workdir / "media"
    (media_root / "documents").mkdir(parents=True)
    (media_root / "documents" / "private.pdf").write_bytes(b"%PDF-1.4 secret")
    port, purge_port = loopback.free_port(), loopback.free_port()
    nginx = loopback.Nginx(
        loopback.nginx_config(
            workdir=workdir,
            port=port,
            purge_port=purge_port,
            upstreams=[f"127.0.0.1:{upstream.server_port}"],
            static_root=static_root,
            media_root=media_root,
        ),
        workdir,
    )
    try:
        loopback.wait_for_http(f"http://127.0.0.1:{port}/healthz", process=nginx.process)
        yield {
            "url": f"http://localhost:{port}",
            "purge": f"http://127.0.0.1:{purge_port}",
            "nginx": nginx,
            "cache": workdir / "cache",
        }
    finally:
        nginx.stop()
        upstream.shutdown()


def _headers(message) -> dict[str, str]:
    """Headers by name; a header sent twice (Cache-Control from expires and add_header) joined."""
    return {name: ", ".join(message.get_all(name)) for name in message}


def fetch(url: str, *, method: str = "GET", headers: dict[str, str] | None = None):
    request = urllib.request.Request(url, method=method, headers=headers or {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
            return response.status, _headers(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, _headers(error.headers), error.read().decode()


@pytest.fixture
def purging(settings, front):
    settings.WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "muhabir.core.frontend_cache.NginxBackend",
            "LOCATION": front["purge"],
        }
    }
    settings.WAGTAILFRONTENDCACHE_LANGUAGES = []
    return front


def test_anonymous_reader_gets_the_second_read_from_the_cache(front):
    _, first_headers, first = fetch(f"{front['url']}/tr/haber/")
    _, second_headers, second = fetch(f"{front['url']}/tr/haber/")

    assert first_headers["X-Cache-Status"] == "MISS"
    assert second_headers["X-Cache-Status"] == "HIT"
    assert second == first
    # Which nginx, to the version, is nobody's business but ours.
    assert first_headers["Server"] == second_headers["Server"] == "nginx"
    # nginx passes the application's own header on to browsers.
    assert second_headers["Cache-Control"] == PUBLIC


def test_each_answer_from_the_application_carries_the_request_id_it_logged(front):
    _, first_headers, _ = fetch(f"{front['url']}/tr/kimlik/")
    logged = CountingUpstream.request_ids[-1]
    _, second_headers, _ = fetch(f"{front['url']}/tr/kimlik/")
    _, bypassing_headers, _ = fetch(
        f"{front['url']}/tr/kimlik/", headers={"Cookie": "sessionid=abc"}
    )

    assert first_headers["X-Request-ID"] == logged
    assert len(logged) == 32
    assert bypassing_headers["X-Cache-Status"] == "BYPASS"
    assert bypassing_headers["X-Request-ID"] == CountingUpstream.request_ids[-1] != logged
    # The answer from the cache reached no application: it neither repeats the id of the
    # request that filled the cache nor carries one nobody logged.
    assert second_headers["X-Cache-Status"] == "HIT"
    assert "X-Request-ID" not in second_headers


def test_feeds_are_kept_by_nginx_while_readers_revalidate_theirs(front):
    _, first_headers, first = fetch(f"{front['url']}/tr/feed/")
    _, second_headers, second = fetch(f"{front['url']}/tr/feed/")
    status, _, _ = fetch(
        f"{front['url']}/tr/feed/", headers={"If-None-Match": second_headers["ETag"]}
    )

    assert first_headers["X-Cache-Status"] == "MISS"
    assert second_headers["X-Cache-Status"] == "HIT"
    assert second == first
    # Which nginx, to the version, is nobody's business but ours.
    assert first_headers["Server"] == second_headers["Server"] == "nginx"
    # Readers' caches must ask again each time; nginx's own lifetime is not passed on.
    assert second_headers["Cache-Control"] == "no-cache"
    assert "X-Accel-Expires" not in second_headers
    assert status == 304


def test_a_feed_kept_compressed_is_kept_and_revalidated_like_the_plain_one(front):
    url = f"{front['url']}/tr/long-feed/"
    brotli = {"Accept-Encoding": "br"}
    _raw(url, brotli)
    headers, _ = _raw(url, brotli)
    status, _, _ = fetch(url, headers={**brotli, "If-None-Match": headers["ETag"]})

    assert (headers["X-Cache-Status"], headers["Content-Encoding"]) == ("HIT", "br")
    assert headers["Cache-Control"] == "no-cache"
    assert "X-Accel-Expires" not in headers
    assert status == 304


def test_each_language_and_query_is_its_own_page(front):
    fetch(f"{front['url']}/tr/bolum/?page=2")

    _, german_headers, german = fetch(f"{front['url']}/de/bolum/?page=2")
    _, other_headers, _ = fetch(f"{front['url']}/tr/bolum/?page=3")

    assert german_headers["X-Cache-Status"] == "MISS"
    assert german.startswith("GET /de/bolum/?page=2 ")
    assert other_headers["X-Cache-Status"] == "MISS"


@pytest.mark.parametrize("cookie", ["sessionid=abc", "muhabir_text_size=2; csrftoken=xyz"])
def test_a_reader_with_a_session_or_csrf_cookie_passes_the_cache_and_stores_nothing(front, cookie):
    path = f"/tr/kisisel-{cookie[:4]}/"
    _, _, anonymous = fetch(front["url"] + path)

    _, headers, personal = fetch(front["url"] + path, headers={"Cookie": cookie})
    _, after_headers, after = fetch(front["url"] + path)

    assert headers["X-Cache-Status"] == "BYPASS"
    assert personal != anonymous
    # What the signed-in reader got did not replace the anonymous copy.
    assert after_headers["X-Cache-Status"] == "HIT"
    assert after == anonymous


def test_text_size_cookie_alone_still_reads_the_shared_page(front):
    _, _, first = fetch(f"{front['url']}/tr/okur/")

    _, headers, body = fetch(f"{front['url']}/tr/okur/", headers={"Cookie": "muhabir_text_size=3"})

    assert headers["X-Cache-Status"] == "HIT"
    assert body == first


@pytest.mark.parametrize("path", ["/tr/no-store/", "/tr/private/"])
def test_what_the_application_marks_private_or_no_store_is_never_stored(front, path):
    _, _, first = fetch(front["url"] + path)
    _, headers, second = fetch(front["url"] + path)

    assert headers["X-Cache-Status"] == "MISS"
    assert second != first


@pytest.mark.parametrize(
    "path", ["/admin/pages/3/edit/", "/documents/7/bericht.pdf", "/a11y/preferences.css"]
)
def test_admin_documents_and_reader_stylesheet_are_never_cached_even_if_marked_public(front, path):
    _, _, first = fetch(front["url"] + path)
    _, headers, second = fetch(front["url"] + path)

    assert headers["X-Cache-Status"] == "BYPASS"
    assert second != first


def test_a_form_post_reaches_the_application_every_time_and_stores_nothing(front):
    _, _, page = fetch(f"{front['url']}/tr/iletisim/")

    _, _, first = fetch(f"{front['url']}/tr/iletisim/", method="POST")
    _, _, second = fetch(f"{front['url']}/tr/iletisim/", method="POST")

    assert first.startswith("POST /tr/iletisim/ ")
    assert second != first
    assert fetch(f"{front['url']}/tr/iletisim/")[2] == page


def test_purge_from_the_application_makes_the_next_read_fresh(purging):
    url = f"{purging['url']}/tr/yayinlanan/"
    _, _, old = fetch(url)
    assert fetch(url)[1]["X-Cache-Status"] == "HIT"

    purge_front_cache(["http://localhost/tr/yayinlanan/"])
    _, headers, fresh = fetch(url)

    assert headers["X-Cache-Status"] == "MISS"
    assert fresh != old
    assert fetch(url)[2] == fresh


def _open_cache_files(front) -> set[str]:
    """The page cache's files that nginx's workers hold open."""
    held = set()
    for pid in front["nginx"].pids():
        for link in Path(f"/proc/{pid}/fd").iterdir():
            with contextlib.suppress(OSError):
                target = os.readlink(link)
                if target.startswith(str(front["cache"])):
                    held.add(target)
    return held


def test_a_page_read_often_is_kept_open_and_still_fresh_after_a_purge(purging):
    url = f"{purging['url']}/tr/cok-okunan/"
    _, _, old = fetch(url)
    for _ in range(3):
        assert fetch(url)[2] == old
    held = _open_cache_files(purging)
    assert held, "nginx opens the stored page anew for every reader"

    for _ in range(3):
        purge_front_cache(["http://localhost/tr/cok-okunan/"])
        _, headers, fresh = fetch(url)
        assert headers["X-Cache-Status"] == "MISS"
        assert fresh != old
        for _ in range(3):
            _, headers, again = fetch(url)
            assert (headers["X-Cache-Status"], again) == ("HIT", fresh)
        old = fresh


def test_purge_reaches_readers_with_preference_cookies_on_a_page_that_varies_on_cookie(
    purging,
):
    url = f"{purging['url']}/tr/vary-cookie/"
    contrast = {"Cookie": "muhabir_contrast=high"}
    fetch(url)
    fetch(url, headers=contrast)

    purge_front_cache(["http://localhost/tr/vary-cookie/"])
    _, _, fresh = fetch(url)
    _, headers, for_contrast_reader = fetch(url, headers=contrast)

    assert headers["X-Cache-Status"] == "HIT"
    assert for_contrast_reader == fresh


def test_purge_leaves_other_pages_cached(purging):
    fetch(f"{purging['url']}/tr/kalan/")
    fetch(f"{purging['url']}/tr/giden/")

    purge_front_cache(["http://localhost/tr/giden/"])

    assert fetch(f"{purging['url']}/tr/kalan/")[1]["X-Cache-Status"] == "HIT"


def test_purge_of_a_page_nobody_read_is_no_error(purging, caplog):
    with caplog.at_level(logging.ERROR):
        purge_front_cache(["http://localhost/tr/hic-okunmamis/"])

    assert caplog.records == []


def test_purge_listener_refuses_reads_and_readers_cannot_purge(front):
    status, _, _ = fetch(f"{front['purge']}/tr/haber/", headers={"Host": "localhost"})
    assert status == 405

    fetch(f"{front['url']}/tr/sabit/")
    fetch(f"{front['url']}/tr/sabit/", method="PURGE")

    # On the readers' port PURGE is just a request the application answers, not a purge.
    assert fetch(f"{front['url']}/tr/sabit/")[1]["X-Cache-Status"] == "HIT"


def test_purge_front_cache_without_a_front_proxy_sends_nothing(settings, front):
    settings.WAGTAILFRONTENDCACHE = None
    url = f"{front['url']}/tr/yapilandirilmamis/"
    fetch(url)

    purge_front_cache(["http://localhost/tr/yapilandirilmamis/"])

    assert fetch(url)[1]["X-Cache-Status"] == "HIT"


def test_purge_front_cache_with_the_proxy_down_logs_and_does_not_raise(settings, caplog):
    settings.WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "muhabir.core.frontend_cache.NginxBackend",
            "LOCATION": f"http://127.0.0.1:{loopback.free_port()}",
        }
    }
    settings.WAGTAILFRONTENDCACHE_LANGUAGES = []

    with caplog.at_level(logging.ERROR):
        purge_front_cache(["http://localhost/tr/haber/"])

    assert any("Couldn't purge" in record.getMessage() for record in caplog.records)


def test_hashed_static_files_are_cached_for_good_and_others_for_a_day(front):
    _, hashed, _ = fetch(f"{front['url']}/static/muhabir/css/main.0123456789ab.css")
    _, plain, _ = fetch(f"{front['url']}/static/muhabir/css/main.css")

    assert hashed["Cache-Control"] == "max-age=315360000, public, immutable"
    assert "immutable" not in plain["Cache-Control"]
    assert "max-age=86400" in plain["Cache-Control"]


def test_document_files_are_not_served(front):
    status, _, body = fetch(f"{front['url']}/media/documents/private.pdf")

    assert status == 404
    assert "secret" not in body


def _raw(url: str, headers: dict[str, str]):
    """Status, headers and the body as sent (urllib does not decode it)."""
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
        return _headers(response.headers), response.read()


def _stored(front, key: str) -> bytes:
    """The page cache's file for ``key``."""
    for path in front["cache"].rglob("*"):
        if path.is_file() and f"\nKEY: {key}\n".encode() in path.read_bytes()[:4096]:
            return path.read_bytes()
    raise AssertionError(f"nothing stored under {key!r}")


@pytest.mark.parametrize(
    ("accepted", "encoding"),
    [
        ("gzip, deflate, br", "br"),
        ("gzip, deflate", "gzip"),
        ("gzip, br;q=0", "gzip"),
        ("identity", ""),
    ],
)
def test_a_page_is_kept_compressed_once_in_the_encoding_the_reader_accepts(
    front, accepted, encoding
):
    path = f"/tr/sikistirilmis-{encoding or 'yok'}-{len(accepted)}/long"
    asked = len(CountingUpstream.forwarded)
    first_headers, first = _raw(front["url"] + path, {"Accept-Encoding": accepted})
    second_headers, second = _raw(front["url"] + path, {"Accept-Encoding": accepted})

    assert (first_headers["X-Cache-Status"], second_headers["X-Cache-Status"]) == ("MISS", "HIT")
    assert second == first
    assert second_headers.get("Content-Encoding", "") == encoding
    # The application was asked once, for that one encoding, and nginx stored the page
    # already compressed: a hit sends the stored bytes and compresses nothing.
    assert [seen[2] or "" for seen in CountingUpstream.forwarded[asked:]] == [encoding]
    stored = _stored(front, f"http://localhost{path} {encoding}")
    assert stored.endswith(second)
    stored_headers = stored[: stored.index(b"\r\n\r\n")]
    assert (b"Content-Encoding: " + encoding.encode() in stored_headers) == bool(encoding)
    # What a hit would only parse and drop is not kept: nginx's request id replaces the
    # application's, and the application's own page cache was not asked for this copy.
    assert b"X-Request-ID" not in stored_headers
    assert b"X-Page-Cache" not in stored_headers
    # Once, in every encoding: the hop and the readers' server both know the page varies.
    assert second_headers["Vary"] == "Accept-Encoding"
    if encoding == "gzip":
        assert gzip.decompress(second).decode().startswith(f"GET {path} ")


def test_each_encoding_is_its_own_copy_and_a_purge_drops_them_all(purging):
    path = "/tr/her-kodlamada/long"
    readers = ({"Accept-Encoding": "gzip, deflate, br"}, {"Accept-Encoding": "gzip"}, {})
    before = [_raw(purging["url"] + path, reader) for reader in readers]
    assert [_raw(purging["url"] + path, reader)[0]["X-Cache-Status"] for reader in readers] == [
        "HIT"
    ] * 3

    purge_front_cache([f"http://localhost{path}"])

    after = [_raw(purging["url"] + path, reader) for reader in readers]
    assert [headers["X-Cache-Status"] for headers, _ in after] == ["MISS"] * 3
    assert all(new != old for (_, new), (_, old) in zip(after, before, strict=True))


def test_the_compressing_hop_passes_the_readers_address_and_scheme_on(front):
    _raw(
        f"{front['url']}/tr/adres/",
        {"X-Forwarded-For": "203.0.113.7", "Accept-Encoding": "br"},
    )

    # What nginx received, plus the address it came from; not the hop's own address as well.
    assert CountingUpstream.forwarded[-1] == ("203.0.113.7, 127.0.0.1", "http", "br")


def test_html_is_compressed_for_readers_who_accept_it(front):
    request = urllib.request.Request(  # noqa: S310 - loopback
        f"{front['url']}/tr/long-article/", headers={"Accept-Encoding": "gzip"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        compressed = response.read()
        headers = _headers(response.headers)

    assert headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in headers["Vary"]
    assert gzip.decompress(compressed).decode().startswith("GET /tr/long-article/ ")
