"""Who sent a request, behind as many proxies as the operator says there are."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The reader's address, for rate limits and lock-outs.

    Each proxy appends the address it saw to ``X-Forwarded-For``; whatever a client
    writes there itself stands to the left. With ``MUHABIR_TRUSTED_PROXY_HOPS`` proxies
    of our own in front, the client is the entry that many places from the right: the
    left part cannot be trusted, and taking the first entry would let anyone pose as
    anyone. A request with fewer entries did not come through all proxies; its own
    connection's address is used.
    """
    hops = getattr(settings, "MUHABIR_TRUSTED_PROXY_HOPS", 0)
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    if hops <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < hops:
        return remote
    return forwarded[-hops]
