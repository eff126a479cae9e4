"""Whole pages for anonymous readers from the cache, never older than what they show.

An anonymous page is the same HTML for every reader (text size and contrast live in the
browser), so it is stored per host, path, query and language after its first render,
with the tags of everything it was made of (``recording``). It is served while none of
those tags changed since the render began (``versions``); any publish, edit or deletion
that touches what it shows makes the next request render it again. Signed-in users,
previews, the admin, the per-reader stylesheet and any response that sets a cookie (a
form's CSRF token, a session) go past the cache.

The same responses carry ``Cache-Control`` for browsers and the front proxy, an ETag and
Last-Modified, and are answered with 304 when the reader already has them.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils.cache import (
    cc_delim_re,
    get_conditional_response,
    patch_cache_control,
)
from django.utils.http import http_date
from django.utils.translation import get_language_from_request

from muhabir.pagecache import versions
from muhabir.pagecache.expiry import next_expiry
from muhabir.pagecache.fragments import fragment_cache_enabled
from muhabir.pagecache.invalidation import STRUCTURE_TAGS
from muhabir.pagecache.recording import essential, recording
from muhabir.pagecache.worker_copies import copies

KEY = "pagecache:page:{}"
# Never cached: the admin and its previews, documents (their privacy is checked per
# request), the per-reader stylesheet and health checks.
BYPASS_PREFIXES = ("/admin/", "/documents/", "/a11y/", "/healthz", "/static/", "/media/")
# Response headers that are the reader's own, not the page's.
UNSTORED_HEADERS = frozenset({"set-cookie", "date", "x-request-id"})
SHAREABLE_VARY = frozenset({"accept-language", "accept-encoding"})
# Set in the WSGI environ by pagecache.wsgi when it looked the page up and found none: the
# middleware then renders without asking the cache a second time.
LOOKED_UP = "muhabir.pagecache.looked_up"


@dataclass
class Entry:
    status: int
    headers: list[tuple[str, str]]
    content: bytes
    tags: frozenset[str]
    started_at: float
    valid_until: float
    # When the page changes with the clock alone (recording.note_change_at); None: never.
    changes_at: float | None = None


def page_cache_enabled() -> bool:
    return getattr(settings, "MUHABIR_PAGE_CACHE", False)


def _anonymous_get(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
        return False
    return not request.path.startswith(BYPASS_PREFIXES)


def cache_key(request: HttpRequest) -> str:
    """Host, path, sorted query and the reader's language (for the few paths without a
    language prefix, which follow the language cookie or Accept-Language)."""
    query = "&".join(sorted(request.META.get("QUERY_STRING", "").split("&")))
    language = get_language_from_request(request, check_path=True)
    raw = f"{request.get_host()}\n{request.path}\n{query}\n{language}"
    return KEY.format(hashlib.sha256(raw.encode()).hexdigest())


def _storable(response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = {
        part.split("=", 1)[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if control & {"private", "no-store"}:
        return False
    vary = {part.strip().lower() for part in cc_delim_re.split(response.get("Vary", "")) if part}
    return vary <= SHAREABLE_VARY


def _add_http_caching(response: HttpResponse, entry: Entry) -> None:
    if "Cache-Control" not in response:
        patch_cache_control(
            response,
            public=True,
            max_age=settings.MUHABIR_HTTP_MAX_AGE,
            stale_while_revalidate=settings.MUHABIR_HTTP_STALE_WHILE_REVALIDATE,
        )
    if not response.has_header("ETag"):
        response["ETag"] = '"' + hashlib.sha256(entry.content).hexdigest()[:32] + '"'
    if not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date(entry.started_at)


def _fresh_until(response: HttpResponse, changes_at: float | None) -> None:
    """No browser or proxy may keep the page past the moment it changes with the clock."""
    if changes_at is not None and "Cache-Control" in response:
        # patch_cache_control keeps the smaller of this and the max-age already there.
        patch_cache_control(response, max_age=max(0, int(changes_at - time.time())))


def _conditional(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=None,
        response=response,
    )


def _valid(entry: Entry) -> bool:
    if not isinstance(entry, Entry) or time.time() >= entry.valid_until:
        return False
    return versions.is_current(entry.tags, entry.started_at)


def stored_entry(key: str) -> Entry | None:
    """The page stored under ``key`` if nothing it shows changed since; from the worker's
    copies when it has one, else from the shared cache."""
    entry = copies.get(key)
    if entry is not None:
        if _valid(entry):
            return entry
        copies.discard(key)
    entry = caches["default"].get(key)
    if entry is not None and _valid(entry):
        copies.put(key, entry)
        return entry
    return None


def response_from_entry(request: HttpRequest, entry: Entry) -> HttpResponse:
    response = HttpResponse(b"" if request.method == "HEAD" else entry.content, status=entry.status)
    for name, value in entry.headers:
        response[name] = value
    _fresh_until(response, entry.changes_at)
    response["X-Page-Cache"] = "hit"
    return _conditional(request, response)


def stored_response(request: HttpRequest) -> HttpResponse | None:
    """The stored page for an anonymous reader's GET or HEAD, or None to render it."""
    if not page_cache_enabled() or not _anonymous_get(request):
        return None
    entry = stored_entry(cache_key(request))
    return None if entry is None else response_from_entry(request, entry)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not page_cache_enabled() or not _anonymous_get(request):
            if fragment_cache_enabled():
                # Cached fragments count what the request read before them as theirs.
                with recording():
                    response = self.get_response(request)
            else:
                response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES:
                # A signed-in reader's page is theirs: no shared cache may keep it.
                patch_cache_control(response, private=True)
            return response

        key = cache_key(request)
        entry = None if request.META.get(LOOKED_UP) else stored_entry(key)
        if entry is not None:
            return response_from_entry(request, entry)

        cache = caches["default"]
        started_at = time.time()
        with recording() as recorder:
            response = self.get_response(request)
        if request.method != "GET" or not _storable(response):
            return response

        entry = Entry(
            status=response.status_code,
            headers=[],
            content=response.content,
            tags=essential(recorder.tags | STRUCTURE_TAGS),
            started_at=started_at,
            valid_until=started_at + settings.MUHABIR_PAGE_CACHE_SECONDS,
            changes_at=recorder.changes_at,
        )
        _add_http_caching(response, entry)
        _fresh_until(response, entry.changes_at)
        response["X-Page-Cache"] = "miss"
        entry.headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in UNSTORED_HEADERS and name != "X-Page-Cache"
        ]
        expiry = next_expiry()
        if expiry is not None:
            entry.valid_until = min(entry.valid_until, expiry)
        if entry.changes_at is not None:
            entry.valid_until = min(entry.valid_until, entry.changes_at)
        timeout = int(entry.valid_until - time.time())
        # A render that overlapped an edit is not kept (see versions.is_current).
        if timeout > 0 and versions.is_current(entry.tags, started_at):
            cache.set(key, entry, timeout)
            copies.put(key, entry)
        return _conditional(request, response)
