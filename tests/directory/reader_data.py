"""Entries for the reader pages' tests, built in each test: live unless told otherwise."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from muhabir.directory.models import (
    EVENT_TIME_ZONE,
    Association,
    District,
    Event,
    IntegrationCentre,
    Offer,
    Place,
    Programme,
    SpokenLanguage,
    TargetGroup,
)

# (name, slug, kind, seat, latitude, longitude): seats of kreisfreie Städte and Kreise.
DISTRICTS = {
    "duisburg": ("Duisburg", "city", "Duisburg", 51.4344, 6.7623),
    "essen": ("Essen", "city", "Essen", 51.4556, 7.0116),
    "duesseldorf": ("Düsseldorf", "city", "Düsseldorf", 51.2277, 6.7735),
    "koeln": ("Köln", "city", "Köln", 50.9375, 6.9603),
    "dortmund": ("Dortmund", "city", "Dortmund", 51.5136, 7.4653),
    "gelsenkirchen": ("Gelsenkirchen", "city", "Gelsenkirchen", 51.5177, 7.0857),
    "borken": ("Borken", "kreis", "Borken", 51.8439, 6.8574),
    "steinfurt": ("Steinfurt", "kreis", "Steinfurt", 52.1483, 7.338),
}
POINTS = {slug: (values[3], values[4]) for slug, values in DISTRICTS.items()}


def district(slug: str) -> District:
    """The district with ``slug``: the one the data migration made, or made here."""
    name, kind, seat, latitude, longitude = DISTRICTS[slug]
    found, _ = District.objects.get_or_create(
        slug=slug,
        defaults={
            "name": name,
            "kind": kind,
            "seat": seat,
            "latitude": latitude,
            "longitude": longitude,
        },
    )
    return found


def published(fields: dict) -> dict:
    fields.setdefault("live", True)
    if fields["live"]:
        fields.setdefault("first_published_at", timezone.now())
    return fields


def place_add(name: str, **fields) -> Place:
    fields.setdefault("category", Place.Category.TEA_GARDEN)
    place = Place(name=name, **published(fields))
    place.save()
    return place


def association_add(name: str, **fields) -> Association:
    places = fields.pop("places", [])
    association = Association(name=name, **published(fields))
    association.save()
    association.places.set(places)
    return association


def centre_add(district_slug: str, name: str, **fields) -> IntegrationCentre:
    """The centre of a district with these fields; the data migration may have made it."""
    served = district(district_slug)
    centre = IntegrationCentre.objects.filter(for_district=served).first()
    if centre is None:
        centre = IntegrationCentre(for_district=served)
    centre.name = name
    centre.slug = ""
    for key, value in published(fields).items():
        setattr(centre, key, value)
    centre.save()
    return centre


def offer_add(title_tr: str, title_de: str = "", **fields) -> Offer:
    groups = fields.pop("target_groups", [])
    languages = fields.pop("languages", [])
    fields.setdefault("kind", Offer.Kind.COUNSELLING)
    offer = Offer(title_tr=title_tr, title_de=title_de, **published(fields))
    offer.save()
    offer.target_groups.set(groups)
    offer.languages.set(languages)
    return offer


def target_group(slug: str, name_tr: str, name_de: str) -> TargetGroup:
    group, _ = TargetGroup.objects.get_or_create(
        slug=slug, defaults={"name_tr": name_tr, "name_de": name_de}
    )
    return group


def spoken(code: str) -> SpokenLanguage:
    return SpokenLanguage.objects.get_or_create(code=code)[0]


def programme(name: str = "KOMM-AN NRW", slug: str = "komm-an-nrw") -> Programme:
    return Programme.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def event_add(title: str, *, days_ahead: int = 7, **fields) -> Event:
    start = (timezone.now() + dt.timedelta(days=days_ahead)).astimezone(EVENT_TIME_ZONE)
    fields.setdefault("start", start.replace(hour=19, minute=0, second=0, microsecond=0))
    fields.setdefault("title_tr", title)
    event = Event(**published(fields))
    event.save()
    return event
