"""Distances between NRW cities, and "near me" on the database (SQLite and PostgreSQL)."""

import math

import pytest

from muhabir.directory.models import District, IntegrationCentre, Place
from muhabir.directory.selectors import Point, distance_km, near
from tests.factories.directory import PlaceFactory

# Landmarks (WGS 84), independent of the districts' data.
KOELN_DOM = Point(50.9413, 6.9583)
DUESSELDORF_MARKTPLATZ = Point(51.2262, 6.7717)
DORTMUND_ALTER_MARKT = Point(51.5138, 7.4654)
ESSEN_KENNEDYPLATZ = Point(51.4566, 7.0124)
DUISBURG_RATHAUS = Point(51.4355, 6.7626)
MUENSTER_PRINZIPALMARKT = Point(51.9616, 7.6282)
BONN_MARKT = Point(50.7353, 7.1022)


def vincenty_km(a: Point, b: Point) -> float:
    """Distance on the WGS 84 ellipsoid (Vincenty's inverse formula): a second opinion."""
    major, flattening = 6378137.0, 1 / 298.257223563
    minor = (1 - flattening) * major
    u1 = math.atan((1 - flattening) * math.tan(math.radians(a.latitude)))
    u2 = math.atan((1 - flattening) * math.tan(math.radians(b.latitude)))
    difference = math.radians(b.longitude - a.longitude)
    lam = difference
    for _ in range(200):
        sin_lam, cos_lam = math.sin(lam), math.cos(lam)
        sin_sigma = math.hypot(
            math.cos(u2) * sin_lam,
            math.cos(u1) * math.sin(u2) - math.sin(u1) * math.cos(u2) * cos_lam,
        )
        if sin_sigma == 0:
            return 0.0
        cos_sigma = math.sin(u1) * math.sin(u2) + math.cos(u1) * math.cos(u2) * cos_lam
        sigma = math.atan2(sin_sigma, cos_sigma)
        sin_alpha = math.cos(u1) * math.cos(u2) * sin_lam / sin_sigma
        cos2_alpha = 1 - sin_alpha**2
        cos_2sm = cos_sigma - 2 * math.sin(u1) * math.sin(u2) / cos2_alpha
        c = flattening / 16 * cos2_alpha * (4 + flattening * (4 - 3 * cos2_alpha))
        previous = lam
        lam = difference + (1 - c) * flattening * sin_alpha * (
            sigma + c * sin_sigma * (cos_2sm + c * cos_sigma * (-1 + 2 * cos_2sm**2))
        )
        if abs(lam - previous) < 1e-12:
            break
    u_sq = cos2_alpha * (major**2 - minor**2) / minor**2
    big_a = 1 + u_sq / 16384 * (4096 + u_sq * (-768 + u_sq * (320 - 175 * u_sq)))
    big_b = u_sq / 1024 * (256 + u_sq * (-128 + u_sq * (74 - 47 * u_sq)))
    delta_sigma = (
        big_b
        * sin_sigma
        * (
            cos_2sm
            + big_b
            / 4
            * (
                cos_sigma * (-1 + 2 * cos_2sm**2)
                - big_b / 6 * cos_2sm * (-3 + 4 * sin_sigma**2) * (-3 + 4 * cos_2sm**2)
            )
        )
    )
    return minor * big_a * (sigma - delta_sigma) / 1000


@pytest.mark.parametrize(
    ("a", "b", "published_km"),
    [
        (KOELN_DOM, DUESSELDORF_MARKTPLATZ, 34),
        (DORTMUND_ALTER_MARKT, ESSEN_KENNEDYPLATZ, 31),
        (DUISBURG_RATHAUS, MUENSTER_PRINZIPALMARKT, 83),
        (BONN_MARKT, KOELN_DOM, 25),
    ],
)
def test_distance_between_nrw_cities(a, b, published_km):
    measured = distance_km(a, b)
    assert measured == pytest.approx(vincenty_km(a, b), rel=0.01)
    # What atlases print for these city pairs, to the kilometre.
    assert measured == pytest.approx(published_km, abs=1.5)


def test_distance_is_symmetric_and_zero_to_itself():
    assert distance_km(KOELN_DOM, KOELN_DOM) == 0
    assert distance_km(KOELN_DOM, BONN_MARKT) == distance_km(BONN_MARKT, KOELN_DOM)


def test_distance_on_the_other_side_of_the_earth_stays_finite():
    assert distance_km(Point(0, 0), Point(0, 180)) == pytest.approx(math.pi * 6371.0088)


@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [("x", "1"), ("91", "1"), ("1", "181"), ("nan", "1"), ("inf", "1"), (None, "1")],
)
def test_points_from_bad_input_are_refused(latitude, longitude):
    assert Point.parse(latitude, longitude) is None


def test_points_from_text():
    assert Point.parse("51.4935", " 6.7716") == Point(51.4935, 6.7716)


@pytest.mark.django_db
@pytest.mark.parametrize("radius", [10, 30, 60, 120])
def test_near_finds_exactly_the_centres_within_the_radius_nearest_first(radius):
    found = list(near(IntegrationCentre.objects.all(), KOELN_DOM, radius))
    expected = sorted(
        (
            (distance_km(KOELN_DOM, Point(c.latitude, c.longitude)), c.pk)
            for c in IntegrationCentre.objects.all()
        ),
    )
    expected = [pk for distance, pk in expected if distance <= radius]
    assert [centre.pk for centre in found] == expected
    for centre in found:
        assert centre.distance_km == pytest.approx(
            distance_km(KOELN_DOM, Point(centre.latitude, centre.longitude)), abs=0.01
        )


@pytest.mark.django_db
def test_near_koeln_starts_with_koeln_and_leaves_out_duesseldorf():
    names = [d.slug for d in near(District.objects.all(), KOELN_DOM, 30)]
    assert names[0] == "koeln"
    assert {"leverkusen", "rheinisch-bergischer-kreis", "bonn"} <= set(names)
    assert "duesseldorf" not in names  # about 34 km away
    names = [d.slug for d in near(District.objects.all(), KOELN_DOM, 36)]
    assert "duesseldorf" in names


@pytest.mark.django_db
def test_near_skips_entries_without_coordinates_and_keeps_the_queryset_filter():
    PlaceFactory(name="Without", category="other")
    inside = PlaceFactory(
        name="Dom", category="other", latitude=50.9413, longitude=6.9583, live=True
    )
    PlaceFactory(name="Draft", category="other", latitude=50.9414, longitude=6.9584, live=False)
    PlaceFactory(
        name="Bonn", category="other", latitude=BONN_MARKT.latitude, longitude=7.1022, live=True
    )
    found = list(near(Place.objects.filter(live=True), KOELN_DOM, 10))
    assert found == [inside]
    assert found[0].distance_km == pytest.approx(0, abs=0.001)


@pytest.mark.django_db
def test_near_with_a_radius_of_zero_finds_only_the_point_itself():
    exact = PlaceFactory(name="Here", category="other", latitude=51.0, longitude=7.0)
    PlaceFactory(name="Close", category="other", latitude=51.001, longitude=7.0)
    assert list(near(Place.objects.all(), Point(51.0, 7.0), 0)) == [exact]


@pytest.mark.django_db
def test_near_the_edge_of_the_bounding_box():
    # Due east of the point the box is widest in degrees; a place just inside 50 km is found.
    point = Point(51.5, 7.0)
    east = PlaceFactory(name="East", category="other", latitude=51.5, longitude=7.7)
    distance = distance_km(point, Point(51.5, 7.7))
    assert [p.pk for p in near(Place.objects.all(), point, distance + 0.01)] == [east.pk]
    assert list(near(Place.objects.all(), point, distance - 0.01)) == []
