"""What readers may see of the directory, found by words and by distance."""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.db.models import F, FloatField, Q, QuerySet, Value
from django.db.models.functions import ASin, Cos, Least, Power, Radians, Sin, Sqrt

from muhabir.core.text_analysis import prefixes, surface, words
from muhabir.directory.models.base import DIRECTORY_LANGUAGES

EARTH_RADIUS_KM = 6371.0088
MAX_QUERY_WORDS = 8
MAX_RADIUS_KM = 500.0


def entries_public(model) -> QuerySet:
    """The entries of ``model`` readers may see (``model.objects.public()``)."""
    return model.objects.public()


def text_filter(queryset: QuerySet, query: str) -> QuerySet:
    """Entries whose names and texts hold every word of ``query`` (in any inflection).

    The words are analysed like the site search does: case, Turkish İ/ı, marks and the
    apostrophe before a suffix never matter, and a word matches the start of a word
    ("kultur" finds "Kulturzentrum").
    """
    terms = [match.group() for match in words(query or "")][:MAX_QUERY_WORDS]
    for word in terms:
        alternatives = set()
        for language in DIRECTORY_LANGUAGES:
            exact = surface(word, language)
            if exact:
                alternatives.add(exact)
            alternatives.update(prefixes(word, language))
        if not alternatives:
            continue
        condition = Q()
        for term in alternatives:
            condition |= Q(search_text__contains=f" {term}")
        queryset = queryset.filter(condition)
    return queryset


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float

    @classmethod
    def parse(cls, latitude, longitude) -> Point | None:
        """A point from untrusted input, or None when it is not one."""
        try:
            lat, lng = float(latitude), float(longitude)
        except (TypeError, ValueError):
            return None
        if not (math.isfinite(lat) and math.isfinite(lng)):
            return None
        if not (-90 <= lat <= 90 and -180 <= lng <= 180):
            return None
        return cls(lat, lng)


def distance_km(a: Point, b: Point) -> float:
    """The great-circle distance between two points (haversine, mean Earth radius)."""
    phi1, phi2 = math.radians(a.latitude), math.radians(b.latitude)
    dphi = phi2 - phi1
    dlambda = math.radians(b.longitude - a.longitude)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _bounding_spans(point: Point, radius_km: float) -> tuple[float, float]:
    """Half the height and width in degrees of the smallest box around the circle.

    On the same sphere the haversine measures on: a box a little too small would lose
    entries near its edge ("r / 111.32 km" is about 0.1 % short at these latitudes).
    """
    angle = radius_km / EARTH_RADIUS_KM
    lat_span = math.degrees(angle)
    cos_lat = math.cos(math.radians(point.latitude))
    if cos_lat <= math.sin(angle):  # the circle reaches over a pole
        return lat_span, 180.0
    return lat_span, min(math.degrees(math.asin(math.sin(angle) / cos_lat)), 180.0)


def near(queryset: QuerySet, point: Point, radius_km: float) -> QuerySet:
    """Entries within ``radius_km`` of ``point``, nearest first, annotated ``distance_km``.

    Plain SQL on SQLite and PostgreSQL alike (no PostGIS): a bounding box on the indexed
    coordinates picks the candidates, the haversine formula measures them.
    """
    radius_km = max(0.0, min(float(radius_km), MAX_RADIUS_KM))
    lat_span, lng_span = _bounding_spans(point, radius_km)
    lat0 = math.radians(point.latitude)
    haversine = Power(Sin((Radians(F("latitude")) - Value(lat0)) / 2), 2) + Cos(Value(lat0)) * Cos(
        Radians(F("latitude"))
    ) * Power(Sin((Radians(F("longitude")) - Value(math.radians(point.longitude))) / 2), 2)
    return (
        queryset.filter(
            latitude__isnull=False,
            longitude__isnull=False,
            latitude__range=(point.latitude - lat_span, point.latitude + lat_span),
            longitude__range=(point.longitude - lng_span, point.longitude + lng_span),
        )
        .annotate(
            distance_km=Value(2 * EARTH_RADIUS_KM)
            * ASin(Sqrt(Least(haversine, Value(1.0), output_field=FloatField())))
        )
        .filter(distance_km__lte=radius_km)
        .order_by("distance_km", "pk")
    )
