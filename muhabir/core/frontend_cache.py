"""Purge pages from the front proxy's cache (deploy/nginx.conf) after they changed.

With ``MUHABIR_FRONTEND_CACHE_URL`` set, Wagtail's frontend cache invalidation sends one
``PURGE`` per URL to the proxy's purge listener; without it there is no front cache to
purge and nothing is sent. Call it after the change is committed (``on_commit``): a
reader who asks between the purge and the commit would put the old page back.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from django.conf import settings
from wagtail import __version__ as wagtail_version
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend, PurgeRequest
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

logger = logging.getLogger(__name__)

# The encodings the shipped nginx keeps a page in (deploy/nginx/muhabir-cache-maps.conf).
ENCODINGS = ("", "gzip", "br")


class NginxBackend(HTTPBackend):
    """Wagtail's HTTP purge, once for each encoding nginx keeps a page in.

    nginx stores a page once per encoding readers asked for, under a key that ends in it; the
    purge listener (deploy/nginx/muhabir-purge.conf) deletes the copy named by
    ``X-Muhabir-Encoding``. Errors are logged as Wagtail's backend logs them.
    """

    def purge(self, url: str) -> None:
        parts = urlsplit(url)
        host = parts.hostname or ""
        if parts.port:
            host += f":{parts.port}"
        address = urlunsplit(
            [self.cache_scheme, self.cache_netloc, parts.path, parts.query, parts.fragment]
        )
        for encoding in ENCODINGS:
            request = PurgeRequest(
                url=address,
                headers={
                    "Host": host,
                    "User-Agent": f"Wagtail-frontendcache/{wagtail_version}",
                    "X-Muhabir-Encoding": encoding,
                },
            )
            try:
                urlopen(request)  # noqa: S310 - the configured purge listener's address
            except HTTPError as error:
                logger.error(
                    "Couldn't purge '%s' (%s) from HTTP cache. HTTPError: %d %s",
                    url,
                    encoding or "identity",
                    error.code,
                    error.reason,
                )
            except URLError as error:
                logger.error("Couldn't purge '%s' from HTTP cache. URLError: %s", url, error.reason)
                return


def purge_front_cache(urls: Iterable[str]) -> None:
    """Drop these absolute URLs (``https://host/tr/...``) from the front proxy's cache.

    Never raises: a proxy that cannot be reached must not undo an editor's publish. Each
    failure is logged (Wagtail logs each URL it could not purge as well).
    """
    urls = list(dict.fromkeys(urls))
    if not urls or not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    try:
        purge_urls_from_cache(urls)
    except Exception:
        logger.exception("Front cache: could not purge %d URLs (first: %s)", len(urls), urls[0])
