"""What a page tells machines about itself, in the parts every app writes alike.

Absolute addresses, RFC 3339 dates, ``hreflang`` alternates, schema.org breadcrumbs and the
head's data. ``syndication`` writes the head of every page from them; a view routed below a
page (the directory's) describes itself as a ``RouteHead`` with them, and ``syndication``
adds the page's own head around it, so that the directory never imports ``syndication``.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

SCHEMA_CONTEXT = "https://schema.org"
# Escapes that keep a JSON document from closing its <script> element early.
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


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


def breadcrumbs(crumbs: list[tuple[str, str]]) -> dict:
    """A schema.org BreadcrumbList of ``(name, absolute URL)`` pairs, the front page first."""
    return {
        "@context": SCHEMA_CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(crumbs, start=1)
        ],
    }


@dataclass(frozen=True)
class FeedLink:
    type: str
    title: str
    href: str


@dataclass
class HeadMetadata:
    canonical: str = ""
    alternates: list[tuple[str, str]] = field(default_factory=list)
    opengraph: list[tuple[str, str]] = field(default_factory=list)
    twitter: list[tuple[str, str]] = field(default_factory=list)
    json_ld: list[dict] = field(default_factory=list)
    feeds: list[FeedLink] = field(default_factory=list)

    @property
    def json_ld_scripts(self) -> list[SafeString]:
        return [
            mark_safe(  # noqa: S308 - escaped above for a <script> element
                json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
                    _JSON_SCRIPT_ESCAPES
                )
            )
            for data in self.json_ld
        ]


@dataclass
class RouteHead:
    """What a view routed below a page says about itself in the page's head.

    Its address, language alternates, title, description and crumbs replace the page's own;
    its JSON-LD documents and feeds come after the page's. ``crumbs`` are the ``(name,
    absolute URL)`` pairs below the front page, whose crumb the page's head provides.
    """

    canonical: str
    title: str
    description: str = ""
    alternates: list[tuple[str, str]] = field(default_factory=list)
    crumbs: list[tuple[str, str]] = field(default_factory=list)
    json_ld: list[dict] = field(default_factory=list)
    feeds: list[FeedLink] = field(default_factory=list)
