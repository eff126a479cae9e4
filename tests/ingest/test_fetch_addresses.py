"""The fetch contacts public servers only, on the first request and after every redirect."""

from __future__ import annotations

import ipaddress
import socket

import pytest
from django.utils import translation

from muhabir.images.models import CustomImage
from muhabir.ingest import addresses
from muhabir.ingest.fetching import FetchError, fetch
from muhabir.ingest.models import FailureReason, FetchStatus
from muhabir.ingest.services import feed_source_ingest
from muhabir.newsroom.models import ArticlePage
from tests.ingest.conftest import png_bytes, rss, rss_item


def _refusal(call) -> FetchError:
    with pytest.raises(FetchError) as caught:
        call()
    return caught.value


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.1.2.3",
        "10.1.2.3",
        "172.16.5.4",
        "192.168.178.1",
        "169.254.169.254",  # the cloud metadata service
        "100.64.0.1",  # carrier-grade NAT
        "0.0.0.0",  # noqa: S104 - an address to refuse, nothing binds to it
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fd12:3456::1",
        "ff02::1",
        "::ffff:127.0.0.1",  # IPv4-mapped
        "::ffff:10.0.0.1",
        "::127.0.0.1",  # IPv4-compatible
        "2002:7f00:1::1",  # 6to4 around 127.0.0.1
        "2002:c0a8:101::1",  # 6to4 around 192.168.1.1
        "64:ff9b::a9fe:a9fe",  # NAT64 around 169.254.169.254
        "2001:0:4136:e378:8000:63bf:f5ff:fffe",  # Teredo, client 10.0.0.1
    ],
)
def test_loopback_private_and_special_addresses_are_not_public(address):
    assert not addresses.address_is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "address", ["93.184.216.34", "8.8.8.8", "2606:2800:220:1:248:1893:25c8:1946"]
)
def test_public_addresses_are_public(address):
    assert addresses.address_is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "localhost",
        "2130706433",  # 127.0.0.1 as one number
        "0x7f.1",  # and in hex, short form
        "0177.0.0.1",  # and in octal
        "[::1]",
        "[::ffff:127.0.0.1]",
        "0.0.0.0",  # noqa: S104 - reaches loopback on Linux; nothing binds to it
    ],
)
def test_loopback_in_any_spelling_is_refused_before_connecting(feed_server, settings, host):
    settings.MUHABIR_FETCH_ALLOWED_PRIVATE_HOSTS = []
    feed_server.serve("/admin", "secret")
    port = feed_server.httpd.server_address[1]

    error = _refusal(lambda: fetch(f"http://{host}:{port}/admin"))

    assert error.reason == FailureReason.FORBIDDEN_ADDRESS
    assert feed_server.requests == []


def test_https_to_a_private_address_is_refused(settings):
    settings.MUHABIR_FETCH_ALLOWED_PRIVATE_HOSTS = []

    error = _refusal(lambda: fetch("https://192.168.0.1:8443/feed.xml"))

    assert error.reason == FailureReason.FORBIDDEN_ADDRESS


@pytest.mark.parametrize("host", ["localhost", "2130706433", "[::ffff:127.0.0.1]"])
def test_redirect_to_a_private_address_is_not_followed(feed_server, host):
    # The feed's own host is allowed (the test server); where it redirects to is not.
    port = feed_server.httpd.server_address[1]
    feed_server.serve("/internal", "secret")
    url = feed_server.serve(
        "/moved.xml", "", status=302, headers={"Location": f"http://{host}:{port}/internal"}
    )

    error = _refusal(lambda: fetch(url))

    assert error.reason == FailureReason.FORBIDDEN_ADDRESS
    assert feed_server.requests_to("/internal") == []


def test_allowed_host_is_fetched_from_the_address_checked_with_its_own_host_header(
    feed_server, settings, monkeypatch
):
    settings.MUHABIR_FETCH_ALLOWED_PRIVATE_HOSTS = ["Press.Intranet.example"]
    port = feed_server.httpd.server_address[1]
    feed_server.serve("/feed.xml", "<rss/>")
    lookups = []
    real_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        lookups.append(host)
        if host == "press.intranet.example":
            return real_getaddrinfo("127.0.0.1", *args, **kwargs)
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)

    response = fetch(f"http://press.intranet.example:{port}/feed.xml")

    assert response.body == b"<rss/>"
    assert lookups == ["press.intranet.example"]
    assert feed_server.requests_to("/feed.xml")[0]["Host"] == f"press.intranet.example:{port}"


def test_connection_goes_to_the_checked_address_without_a_second_lookup(monkeypatch):
    # DNS rebinding: a name that first answers a public address, then a private one.
    answers = iter(["93.184.216.34", "127.0.0.1", "127.0.0.1"])
    lookups, connected = [], []

    def getaddrinfo(host, port, *args, **kwargs):
        lookups.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

    class FakeSocket:
        def __init__(self, *args):
            pass

        def settimeout(self, timeout):
            pass

        def connect(self, sockaddr):
            connected.append(sockaddr)
            raise ConnectionRefusedError("refused")

        def close(self):
            pass

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(addresses.socket, "socket", FakeSocket)

    with pytest.raises(ConnectionRefusedError):
        addresses.create_connection(("rebind.example", 80), 1.0)

    assert lookups == ["rebind.example"]
    assert connected == [("93.184.216.34", 80)]


def test_name_with_one_private_answer_among_public_ones_is_refused(monkeypatch):
    def getaddrinfo(host, port, *args, **kwargs):
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", port)),
        ]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)

    with pytest.raises(addresses.AddressNotAllowed):
        addresses.resolve("mixed.example", 80)


def test_source_on_a_private_address_fails_with_a_reason_that_names_no_detail(
    feed_server, make_source, sections, settings, caplog
):
    settings.MUHABIR_FETCH_ALLOWED_PRIVATE_HOSTS = []
    port = feed_server.httpd.server_address[1]
    source = make_source(f"http://localhost:{port}/feed.xml")

    report = feed_source_ingest(source=source)

    assert report.error.reason == FailureReason.FORBIDDEN_ADDRESS
    source.refresh_from_db()
    assert (source.last_status, source.last_error) == (FetchStatus.FAILED, "")
    with translation.override("en"):
        assert source.status_display() == "The address is not allowed"
    assert "127.0.0.1" in caplog.text
    assert feed_server.requests == []


def test_closed_port_and_error_status_look_the_same_to_editors_apart_from_the_reason(
    feed_server, make_source, sections
):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    refused = make_source(f"http://127.0.0.1:{closed}/feed.xml")
    missing = make_source(feed_server.url("/nothing.xml"))

    feed_source_ingest(source=refused)
    feed_source_ingest(source=missing)

    refused.refresh_from_db()
    missing.refresh_from_db()
    with translation.override("en"):
        assert refused.status_display() == "The server could not be reached"
        assert missing.status_display() == "The server answered with an error"
    assert refused.last_error == missing.last_error == ""


def test_enclosure_on_an_internal_address_is_neither_fetched_nor_published(
    feed_server, make_source, sections
):
    port = feed_server.httpd.server_address[1]
    feed_server.serve("/internal.png", png_bytes(), content_type="image/png")
    enclosure = f'<enclosure url="http://localhost:{port}/internal.png" type="image/png"/>'
    item = rss_item("İç ağ resmi", guid="1", extra=enclosure)
    source = make_source(feed_server.serve("/feed.xml", rss(item)))

    report = feed_source_ingest(source=source)

    assert report.created == 1
    assert "not public" in report.warnings[0]
    assert feed_server.requests_to("/internal.png") == []
    assert ArticlePage.objects.get().hero_image is None
    assert not CustomImage.objects.exists()
