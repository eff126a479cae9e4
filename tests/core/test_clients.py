"""The client address behind our own proxies cannot be chosen by the client."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from muhabir.core.clients import client_address


def _request(remote: str, forwarded: str | None = None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def test_without_proxies_the_connection_is_the_client(settings):
    settings.MUHABIR_TRUSTED_PROXY_HOPS = 0

    assert client_address(_request("203.0.113.5", "198.51.100.1")) == "203.0.113.5"


@pytest.mark.parametrize("spoofed", ["", "198.51.100.1, ", "10.0.0.1, 1.2.3.4, "])
def test_behind_one_proxy_what_the_client_wrote_is_ignored(settings, spoofed):
    settings.MUHABIR_TRUSTED_PROXY_HOPS = 1

    request = _request("127.0.0.1", f"{spoofed}203.0.113.5")

    assert client_address(request) == "203.0.113.5"


def test_behind_two_proxies_the_second_entry_from_the_right(settings):
    settings.MUHABIR_TRUSTED_PROXY_HOPS = 2

    request = _request("10.0.0.2", "6.6.6.6, 203.0.113.5, 10.0.0.1")

    assert client_address(request) == "203.0.113.5"


def test_a_request_that_skipped_the_proxies_counts_as_its_connection(settings):
    settings.MUHABIR_TRUSTED_PROXY_HOPS = 2

    assert client_address(_request("203.0.113.5", "6.6.6.6")) == "203.0.113.5"
    assert client_address(_request("203.0.113.5")) == "203.0.113.5"


@pytest.mark.parametrize("forwarded", ["unknown", "203.0.113.5:4711", "<script>", ""])
def test_only_ip_addresses_come_out(settings, forwarded):
    settings.MUHABIR_TRUSTED_PROXY_HOPS = 1

    assert client_address(_request("127.0.0.1", forwarded)) == "127.0.0.1"
    assert client_address(_request("")) is None


def test_ipv6_in_brackets_is_read(settings):
    settings.MUHABIR_TRUSTED_PROXY_HOPS = 1

    assert client_address(_request("::1", "[2001:db8::1]")) == "2001:db8::1"
