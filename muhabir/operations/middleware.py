"""A request id for every request, in its log lines and on its response."""

from __future__ import annotations

import logging
import re
import time
import uuid

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from muhabir.operations.logging import request_id_var

logger = logging.getLogger("muhabir.requests")

# What a proxy or load balancer sends (a UUID, a hex string, an AWS trace id); anything
# else (too long, spaces, quotes, control characters) is replaced rather than logged.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:=+-]{7,127}")
HEADER = "X-Request-ID"


def request_id_choose(incoming: str | None) -> str:
    """The proxy's id when it is a sane token, else a new one."""
    if incoming and SANE_REQUEST_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """First in MIDDLEWARE, so every later middleware and view logs with the id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_choose(request.headers.get(HEADER))
        request.request_id = request_id  # type: ignore[attr-defined]
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[HEADER] = request_id
            if logger.isEnabledFor(logging.INFO):
                self._log(request, response, started)
            return response
        finally:
            request_id_var.reset(token)

    @staticmethod
    def _log(request: HttpRequest, response: HttpResponse, started: float) -> None:
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        # The path without its query: search words are the reader's business.
        logger.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": duration_ms,
                "user_id": _user_id(request),
                "language": getattr(request, "LANGUAGE_CODE", None),
            },
        )


def _user_id(request: HttpRequest) -> int | None:
    # Looking up the user costs a query; without a session cookie there is nobody to find.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return None
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    return user.pk
