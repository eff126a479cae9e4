"""HTTP GET with a deadline, a size cap and conditional requests, for feeds and their images.

Only public servers are contacted, on the first request and on every redirect (see
``muhabir.ingest.addresses``). What went wrong in detail goes to the log; editors see the
reason only, so the source's status cannot be used to explore the servers around ours.
"""

from __future__ import annotations

import http.client
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from muhabir.ingest import addresses
from muhabir.ingest.models import FailureReason

USER_AGENT = "Muhabir feed ingest"
DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
CHUNK_SIZE = 64 * 1024
ALLOWED_SCHEMES = {"http", "https"}

FEED_CONTENT_TYPES = {
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "application/x-rss+xml",
}


class FetchError(Exception):
    """A fetch that failed, with the reason as a code and the details for the log."""

    def __init__(self, reason: FailureReason, detail: str):
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


@dataclass
class Response:
    status: int
    body: bytes = b""
    content_type: str = ""
    etag: str = ""
    last_modified: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def media_type(self) -> str:
        return self.content_type.split(";")[0].strip().lower()


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) only: a feed must not send us to ftp:// or file://."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urllib.parse.urlsplit(newurl).scheme.lower() not in ALLOWED_SCHEMES:
            raise FetchError(FailureReason.BAD_URL, f"redirect to unsupported address {newurl}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class _CheckedHTTPConnection(http.client.HTTPConnection):
    """Connects to an address of the URL's host that ``addresses.resolve`` accepted."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # http.client opens its socket through this attribute; the Host header and, for
        # HTTPS, SNI and the certificate check still use the host name of the URL.
        self._create_connection = addresses.create_connection


class _CheckedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = addresses.create_connection


class _CheckedHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_CheckedHTTPConnection, req)


class _CheckedHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_CheckedHTTPSConnection, req, context=self._context)


# Only the handlers a web fetch needs: no file://, ftp:// or data: handler at all. No proxy
# handler either: through a proxy, the address check would see the proxy, not the server.
_opener = urllib.request.OpenerDirector()
for _handler in (
    _CheckedHTTPHandler(),
    _CheckedHTTPSHandler(context=ssl.create_default_context()),
    urllib.request.HTTPDefaultErrorHandler(),
    _HttpOnlyRedirects(),
    urllib.request.HTTPErrorProcessor(),
):
    _opener.add_handler(_handler)


def fetch(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    etag: str = "",
    last_modified: str = "",
    accept: str = "*/*",
) -> Response:
    """GET ``url``, at most ``max_bytes`` of it, all within ``timeout`` seconds.

    A 304 (when ``etag`` or ``last_modified`` are given) is a response, not an error.

    Raises:
        FetchError: on a bad address, a timeout, an error status, a network error or
            a body larger than ``max_bytes``.
    """
    if urllib.parse.urlsplit(url).scheme.lower() not in ALLOWED_SCHEMES:
        raise FetchError(FailureReason.BAD_URL, f"unsupported address {url!r}")
    headers = {"User-Agent": USER_AGENT, "Accept": accept}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - scheme checked above
    # The socket timeout bounds each read; the deadline bounds the whole transfer, which
    # a server sending one byte at a time would otherwise stretch without end.
    deadline = time.monotonic() + timeout
    try:
        with _opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise FetchError(
                    FailureReason.TOO_LARGE,
                    f"Content-Length {length} is more than the limit of {max_bytes} bytes",
                )
            body = _read(response, max_bytes=max_bytes, deadline=deadline, timeout=timeout)
            return Response(
                status=response.status,
                body=body,
                content_type=response.headers.get("Content-Type", ""),
                etag=response.headers.get("ETag", ""),
                last_modified=response.headers.get("Last-Modified", ""),
            )
    except FetchError:
        raise
    except addresses.AddressNotAllowed as error:
        raise FetchError(FailureReason.FORBIDDEN_ADDRESS, f"{url}: {error}") from None
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return Response(status=304, etag=etag, last_modified=last_modified)
        raise FetchError(FailureReason.HTTP_ERROR, f"HTTP {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise _timeout(timeout) from None
        raise FetchError(FailureReason.NETWORK, str(error.reason)) from None
    except TimeoutError:
        raise _timeout(timeout) from None
    except (OSError, ValueError, http.client.HTTPException) as error:
        # A reset connection, a bad status line, a truncated body, a malformed URL.
        raise FetchError(FailureReason.NETWORK, f"{type(error).__name__}: {error}") from None


def _read(response, *, max_bytes: int, deadline: float, timeout: float) -> bytes:
    chunks, size = [], 0
    while size <= max_bytes:
        if time.monotonic() > deadline:
            raise _timeout(timeout)
        chunk = response.read(min(CHUNK_SIZE, max_bytes + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > max_bytes:
        raise FetchError(
            FailureReason.TOO_LARGE, f"the body is more than the limit of {max_bytes} bytes"
        )
    return b"".join(chunks)


def _timeout(timeout: float) -> FetchError:
    return FetchError(FailureReason.TIMEOUT, f"no complete answer within {timeout:g} seconds")
