"""Absolute URLs for many pages at once, without a reverse() or a query per page."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Page, Site


def public_base(request: HttpRequest | None) -> str:
    """Scheme and host readers reached us on; the configured public address without a request."""
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute(request: HttpRequest | None, url: str) -> str:
    """``url`` made absolute against the public base; absolute URLs pass unchanged."""
    if url.startswith(("http://", "https://")):
        return url
    return public_base(request) + url


def local_iso(value: dt.datetime, tz: dt.tzinfo | None = None) -> str:
    """W3C/RFC 3339 date-time in the site's time zone, e.g. ``2019-11-19T10:00:00+01:00``.

    Sitemaps pass ``tz`` once for thousands of dates; looking it up costs more than the
    conversion.
    """
    return (
        value.astimezone(tz or timezone.get_current_timezone()).replace(microsecond=0).isoformat()
    )


class PageLinks:
    """Builds page URLs the way ``Page.get_full_url`` does, from the cached site root paths.

    ``get_full_url`` reverses the serve view once per page; a sitemap page of thousands of
    URLs would spend most of its time there. The result is the same: the language prefix of
    the page's root, then its path below that root.
    """

    def __init__(self, request: HttpRequest | None = None):
        self.base = public_base(request)
        site = Site.find_for_request(request) if request is not None else None
        self._site_id = site.pk if site is not None else None
        self._roots = Site.get_site_root_paths()
        self._prefixes: dict[str, str] = {}

    def _prefix(self, language: str) -> str:
        if language not in self._prefixes:
            with translation.override(language):
                self._prefixes[language] = reverse("wagtail_serve", args=("",))
        return self._prefixes[language]

    def url(self, url_path: str) -> str | None:
        """The absolute URL of the page with ``url_path``; ``None`` if no site serves it."""
        root = next((r for r in self._roots if url_path.startswith(r.root_path)), None)
        if root is None:
            return None
        site_id, root_path, root_url, language = root
        # Pages of this site use the address the reader came by; other sites their own.
        base = self.base if self._site_id in (None, site_id) else root_url.rstrip("/")
        return base + self._prefix(language) + url_path[len(root_path) :]

    def page_url(self, page: Page) -> str | None:
        return self.url(page.url_path)


def hreflang_alternates(versions: dict[str, str]) -> list[tuple[str, str]]:
    """The ``hreflang`` links of a page whose versions are ``versions`` (language → URL).

    x-default is the version in the site's fallback language, for front pages too. The
    bare ``/`` would suit a front page in principle (it redirects by the browser's
    language), but as a redirect it is in no sitemap, and Google wants every URL of an
    hreflang cluster listed and linking back.
    """
    if len(versions) < 2:
        return []
    pairs = sorted(versions.items())
    if settings.LANGUAGE_CODE in versions:
        pairs.append(("x-default", versions[settings.LANGUAGE_CODE]))
    return pairs
