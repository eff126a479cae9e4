"""Who sent a request, behind as many proxies as the operator says there are."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _ip(value: str) -> str | None:
    """``value`` as a normalised IP address, or None when it is not one."""
    value = value.strip().strip("[]")
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str | None:
    """The reader's IP address, for rate limits and lock-outs; None when unknown.

    Each proxy appends the address it saw to ``X-Forwarded-For``; whatever a client
    writes there itself stands to the left. With ``MUHABIR_TRUSTED_PROXY_HOPS`` proxies
    of our own in front, the client is the entry that many places from the right: the
    left part cannot be trusted, and taking the first entry would let anyone pose as
    anyone. A request with fewer entries did not come through all proxies, and an entry
    that is no IP address was not written by one: then the connection's own address
    counts. Only valid addresses come out, since lock-outs store them in an IP column.
    """
    hops = getattr(settings, "MUHABIR_TRUSTED_PROXY_HOPS", 0)
    remote = _ip(request.META.get("REMOTE_ADDR", "") or "")
    if hops <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < hops:
        return remote
    return _ip(forwarded[-hops]) or remote
