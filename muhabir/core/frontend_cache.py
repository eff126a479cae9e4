"""Purge pages from the front proxy's cache (deploy/nginx.conf) after they changed.

With ``MUHABIR_FRONTEND_CACHE_URL`` set, Wagtail's frontend cache invalidation sends one
``PURGE`` per URL to the proxy's purge listener; without it there is no front cache to
purge and nothing is sent. Call it after the change is committed (``on_commit``): a
reader who asks between the purge and the commit would put the old page back.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

logger = logging.getLogger(__name__)


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
