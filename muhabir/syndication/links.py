"""Absolute URLs for many pages at once, without a reverse() or a query per page."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, Site

from muhabir.core.metadata import public_base


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
