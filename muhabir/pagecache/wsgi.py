"""Stored pages answered before Django's request handling begins.

A page-cache hit needs the reader's address, the stored page and Redis's word that nothing
on it changed; Django's handler would first send its request signals (which look after
database connections a hit never opens) and run the whole middleware chain, and that cost
more than the hit itself. ``PageCacheApplication`` looks the page up first. On a hit it
runs only the middleware listed above ``PageCacheMiddleware`` in ``MIDDLEWARE`` (request
id and its log line, HTTPS redirect, security headers), as the full chain would around a
hit, so the answer is the one Django would have given. Anything else, a miss included,
goes to Django unchanged, where ``PageCacheMiddleware`` renders and stores the page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.handlers.exception import convert_exception_to_response
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.module_loading import import_string

from muhabir.pagecache.middleware import LOOKED_UP, stored_response

PAGE_CACHE_MIDDLEWARE = "muhabir.pagecache.middleware.PageCacheMiddleware"


def outer_middleware() -> list[str] | None:
    """The middleware that wraps the page cache, outermost first; None without it."""
    if PAGE_CACHE_MIDDLEWARE not in settings.MIDDLEWARE:
        return None
    return list(settings.MIDDLEWARE[: settings.MIDDLEWARE.index(PAGE_CACHE_MIDDLEWARE)])


class PageCacheApplication:
    def __init__(self, django: Callable) -> None:
        self.django = django
        outer = outer_middleware()
        self.around_hit = None if outer is None else self._chain(outer)

    @staticmethod
    def _chain(paths: list[str]) -> Callable[[HttpRequest], Any]:
        # As Django's BaseHandler.load_middleware builds it, each layer turning exceptions
        # into error pages; the innermost answers with the hit found before.
        def the_hit(request: HttpRequest) -> HttpResponse:
            return request.page_cache_hit  # type: ignore[attr-defined]

        handler = convert_exception_to_response(the_hit)
        for path in reversed(paths):
            handler = convert_exception_to_response(import_string(path)(handler))
        return handler

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if self.around_hit is None:
            return self.django(environ, start_response)
        # A copy: WSGIRequest rewrites PATH_INFO in the dict it gets, and Django reads the
        # original again on a miss.
        request = WSGIRequest(dict(environ))
        try:
            hit = stored_response(request)
        except DisallowedHost:
            return self.django(environ, start_response)  # Django answers it with its 400.
        if hit is None:
            environ[LOOKED_UP] = True
            return self.django(environ, start_response)
        request.page_cache_hit = hit  # type: ignore[attr-defined]
        response: HttpResponseBase = self.around_hit(request)
        headers = [*response.items()]
        headers += [
            ("Set-Cookie", cookie.output(header="")) for cookie in response.cookies.values()
        ]
        start_response(f"{response.status_code} {response.reason_phrase}", headers)
        if not isinstance(response, HttpResponse):
            return response  # streamed by an outer middleware
        # Bytes, not the response: the server would call its close(), which sends Django's
        # request_finished signal for a request that never started.
        return [response.content]
