"""Conditional GET for feeds and sitemaps: ETag and Last-Modified, 304 when unchanged."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date


def conditional_response(
    request: HttpRequest, response: HttpResponse, *, last_modified: dt.datetime | None
) -> HttpResponse:
    """Tag ``response`` with a strong ETag of its body and ``last_modified``; 304 if unchanged."""
    etag = f'"{hashlib.sha256(response.content).hexdigest()[:40]}"'
    response.headers["ETag"] = etag
    timestamp = int(last_modified.timestamp()) if last_modified is not None else None
    if timestamp is not None:
        response.headers["Last-Modified"] = http_date(timestamp)
    # The shipped nginx may keep it as long as a page (X-Accel-Expires, which nginx does not
    # pass on): every publish purges the feeds, and feed readers polling every few minutes
    # are what a front cache is for. nginx 1.22 reads the headers in order, and a
    # "no-cache" before X-Accel-Expires would keep it from storing the feed at all.
    response.headers.pop("Cache-Control", None)
    response.headers["X-Accel-Expires"] = str(settings.MUHABIR_HTTP_MAX_AGE)
    # Readers' own caches revalidate every time: an unpublished article must vanish at
    # once, and without this they may keep a copy for a tenth of its age (RFC 9111, 4.2.2).
    response.headers["Cache-Control"] = "no-cache"
    return get_conditional_response(request, etag=etag, last_modified=timestamp, response=response)


def newest(*dates: dt.datetime | None) -> dt.datetime | None:
    """The latest of ``dates`` that are set."""
    present = [date for date in dates if date is not None]
    return max(present) if present else None
