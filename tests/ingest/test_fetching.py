"""The HTTP fetch under feeds and images: limits, conditional requests, refusals."""

from __future__ import annotations

import socket

import pytest

from muhabir.ingest.fetching import FetchError, fetch
from muhabir.ingest.models import FailureReason


def _reason(call) -> FailureReason:
    with pytest.raises(FetchError) as caught:
        call()
    return caught.value.reason


def test_body_and_validators_are_returned(feed_server):
    url = feed_server.serve("/f", "<rss/>", headers={"ETag": '"a"', "Last-Modified": "x"})

    response = fetch(url)

    assert (response.status, response.body) == (200, b"<rss/>")
    assert (response.etag, response.last_modified) == ('"a"', "x")
    assert response.media_type == "application/rss+xml"


def test_body_without_content_length_is_cut_at_the_cap(feed_server):
    def endless(handler):
        # No Content-Length: only counting what arrives can stop this one.
        handler.send_response(200)
        handler.send_header("Content-Type", "text/xml")
        handler.end_headers()
        try:
            for _ in range(1000):
                handler.wfile.write(b"<x>" * 1000)
        except OSError:
            pass

    url = feed_server.serve("/endless", endless)

    with pytest.raises(FetchError) as caught:
        fetch(url, max_bytes=10_000)

    assert caught.value.reason == FailureReason.TOO_LARGE
    assert "10000 bytes" in caught.value.detail


def test_declared_length_over_the_cap_is_refused_before_reading(feed_server):
    url = feed_server.serve("/big", b"x" * 2001)

    with pytest.raises(FetchError) as caught:
        fetch(url, max_bytes=2000)

    assert caught.value.detail == "Content-Length 2001 is more than the limit of 2000 bytes"


def test_body_of_exactly_the_cap_is_accepted(feed_server):
    url = feed_server.serve("/exact", b"x" * 2000)

    assert len(fetch(url, max_bytes=2000).body) == 2000


def test_server_trickling_bytes_hits_the_overall_deadline(feed_server):
    def trickle(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/xml")
        handler.end_headers()
        # Each byte comes well within the socket timeout; all of them never would.
        for _ in range(200):
            if feed_server.release.wait(0.05):
                return
            try:
                handler.wfile.write(b" ")
                handler.wfile.flush()
            except OSError:
                return

    url = feed_server.serve("/trickle", trickle)

    assert _reason(lambda: fetch(url, timeout=0.3)) == FailureReason.TIMEOUT


@pytest.mark.parametrize(("status", "detail"), [(404, "HTTP 404"), (503, "HTTP 503")])
def test_error_status_is_reported(feed_server, status, detail):
    url = feed_server.serve("/err", "no", status=status)

    with pytest.raises(FetchError) as caught:
        fetch(url)

    assert caught.value.reason == FailureReason.HTTP_ERROR
    assert caught.value.detail.startswith(detail)


def test_closed_port_is_a_network_error(settings):
    settings.MUHABIR_FETCH_ALLOWED_PRIVATE_HOSTS = ["127.0.0.1"]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Nothing listens on the port once the probe is closed.
    assert _reason(lambda: fetch(f"http://127.0.0.1:{port}/feed")) == FailureReason.NETWORK


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://127.0.0.1/feed.xml", "data:text/xml,<rss/>", "feed.xml"]
)
def test_only_web_addresses_are_fetched(url):
    assert _reason(lambda: fetch(url)) == FailureReason.BAD_URL


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        # urllib itself refuses file://; ftp:// it would follow, so the fetch refuses it.
        ("file:///etc/passwd", FailureReason.HTTP_ERROR),
        ("ftp://127.0.0.1/feed.xml", FailureReason.BAD_URL),
    ],
)
def test_redirect_away_from_the_web_is_not_followed(feed_server, target, reason):
    url = feed_server.serve("/moved", "", status=302, headers={"Location": target})

    with pytest.raises(FetchError) as caught:
        fetch(url)

    assert (caught.value.reason, target in caught.value.detail) == (reason, True)


def test_redirect_to_another_feed_is_followed(feed_server):
    target = feed_server.serve("/new.xml", "<rss/>")
    url = feed_server.serve("/old.xml", "", status=301, headers={"Location": target})

    assert fetch(url).body == b"<rss/>"
