"""Localised path segments of the directory and the URL patterns behind each.

A kind of page (``places``, ``events``, ...) has one path segment per language and a
module in ``muhabir.directory.views`` whose ``urlpatterns`` resolve the rest of the path.
Each view is called as ``view(request, page, **kwargs)`` with the DirectoryPage.
"""

from __future__ import annotations

import functools
from importlib import import_module

from django.urls import URLResolver
from django.urls.resolvers import RegexPattern

# kind -> {language: path segment}; "start" is the directory page itself.
SEGMENTS: dict[str, dict[str, str]] = {
    "places": {"tr": "mekanlar", "de": "orte"},
    "associations": {"tr": "dernekler", "de": "vereine"},
    "centres": {"tr": "entegrasyon-merkezleri", "de": "integrationszentren"},
    "offers": {"tr": "hizmetler", "de": "angebote"},
    "events": {"tr": "etkinlikler", "de": "veranstaltungen"},
    "near": {"tr": "yakinimda", "de": "in-der-naehe"},
    "map": {"tr": "harita", "de": "karte"},
    "propose": {"tr": "oner", "de": "vorschlagen"},
}

# kind -> module whose ``urlpatterns`` serve it.
MODULES: dict[str, str] = {
    "start": "muhabir.directory.views.start",
    "places": "muhabir.directory.views.places",
    "associations": "muhabir.directory.views.associations",
    "centres": "muhabir.directory.views.centres",
    "offers": "muhabir.directory.views.offers",
    "events": "muhabir.directory.views.events",
    "near": "muhabir.directory.views.near",
    "map": "muhabir.directory.views.map",
    "propose": "muhabir.directory.views.propose",
}


def kind_for_segment(segment: str, language: str) -> str | None:
    for kind, segments in SEGMENTS.items():
        if segments.get(language) == segment:
            return kind
    return None


def segment_for_kind(kind: str, language: str) -> str:
    segments = SEGMENTS[kind]
    return segments.get(language) or segments["de"]


@functools.cache
def resolver_for(kind: str) -> URLResolver:
    module = import_module(MODULES[kind])
    return URLResolver(RegexPattern(r"^"), module.urlpatterns)


def dispatch(request, page, kind: str, rest: str):
    """Serve ``rest`` (the path after the kind's segment) with the kind's URL patterns."""
    match = resolver_for(kind).resolve(rest)
    return match.func(request, page, *match.args, **match.kwargs)


def url_for(page, kind: str, rest: str = "") -> str:
    base = page.url or ""
    if kind == "start":
        return base + rest
    return f"{base}{segment_for_kind(kind, page.language)}/{rest}"
