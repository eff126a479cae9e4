"""The path segment of each kind of directory page, per language.

Readers see their own language in the address (``/tr/rehber/mekanlar/``,
``/de/verzeichnis/orte/``); ``DirectoryPage``'s routes accept the segments below it.
"""

from __future__ import annotations

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


def kind_for_segment(segment: str) -> str | None:
    for kind, segments in SEGMENTS.items():
        if segment in segments.values():
            return kind
    return None


def segment_for_kind(kind: str, language: str) -> str:
    segments = SEGMENTS[kind]
    return segments.get(language) or segments["de"]


def segments_pattern(kind: str) -> str:
    """Every language's segment of ``kind`` as one regular expression group, ``segment``."""
    return "(?P<segment>" + "|".join(SEGMENTS[kind].values()) + ")"
