"""schema.org JSON-LD of directory entries: places, associations, centres and events."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from muhabir.core import text
from muhabir.core.metadata import local_iso
from muhabir.directory.models import EVENT_TIME_ZONE, Association, Event, IntegrationCentre, Place

# The closest schema.org type of each place category; the rest are plain Places.
PLACE_TYPES: dict[str, str] = {
    Place.Category.TEA_GARDEN: "CafeOrCoffeeShop",
    Place.Category.CAFE: "CafeOrCoffeeShop",
    Place.Category.RESTAURANT: "Restaurant",
    Place.Category.SHOP: "Store",
    Place.Category.MOSQUE: "Mosque",
    Place.Category.CHURCH: "Church",
    Place.Category.PARK: "Park",
    Place.Category.SPORTS: "SportsActivityLocation",
    Place.Category.EVENT_HALL: "EventVenue",
}


def postal_address(entry) -> dict | None:
    if not (entry.street or entry.city or entry.postcode):
        return None
    address = {"@type": "PostalAddress", "addressCountry": "DE"}
    if entry.street:
        address["streetAddress"] = entry.street
    if entry.postcode:
        address["postalCode"] = entry.postcode
    if entry.city:
        address["addressLocality"] = entry.city
    district = getattr(entry, "district", None)
    if district is not None:
        address["addressRegion"] = district.name
    return address


def _located(data: dict, entry) -> dict:
    address = postal_address(entry)
    if address:
        data["address"] = address
    if entry.has_coordinates:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": entry.latitude,
            "longitude": entry.longitude,
        }
    return data


def _contact(data: dict, entry) -> dict:
    if entry.email:
        data["email"] = entry.email
    if entry.phone:
        data["telephone"] = entry.phone
    if entry.website:
        data["sameAs"] = [entry.website]
    return data


def place_json_ld(request: HttpRequest, place: Place, url: str, description: str) -> dict:
    data: dict[str, Any] = {
        "@type": PLACE_TYPES.get(place.category, "Place"),
        "@id": f"{url}#place",
        "name": place.name,
        "url": url,
    }
    if description:
        data["description"] = description
    if place.phone:
        data["telephone"] = place.phone
    if place.website:
        data["sameAs"] = [place.website]
    if place.photo is not None:
        data["image"] = request.build_absolute_uri(place.photo.file.url)
    return _located(data, place)


def association_json_ld(
    request: HttpRequest, association: Association, url: str, description: str
) -> dict:
    data: dict[str, Any] = {
        "@type": "Organization",
        "@id": f"{url}#organization",
        "name": association.name,
    }
    data["url"] = url
    if description:
        data["description"] = description
    if association.founded:
        data["foundingDate"] = str(association.founded)
    if association.logo is not None:
        data["logo"] = request.build_absolute_uri(association.logo.file.url)
    return _contact(_located(data, association), association)


def centre_json_ld(
    request: HttpRequest, centre: IntegrationCentre, url: str, description: str
) -> dict:
    data: dict[str, Any] = {
        "@type": "GovernmentOrganization",
        "@id": f"{url}#organization",
        "name": centre.name,
        "url": url,
        "areaServed": {"@type": "AdministrativeArea", "name": centre.for_district.name},
    }
    if description:
        data["description"] = description
    if centre.opened_on:
        data["foundingDate"] = centre.opened_on.isoformat()
    return _contact(_located(data, centre), centre)


def event_json_ld(event: Event, occurrence, *, language: str, url: str, organiser_url: str) -> dict:
    """An Event at its next occurrence (or its first, once over), in the reader's language."""
    status = "EventCancelled" if event.cancelled else "EventScheduled"
    description = event.text("description", language)
    data: dict[str, Any] = {
        "@type": "Event",
        "name": event.text("title", language),
        "url": url,
        "inLanguage": language,
        "eventStatus": f"https://schema.org/{status}",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
    }
    if event.all_day:
        data["startDate"] = occurrence.first_day.isoformat()
        data["endDate"] = occurrence.last_day.isoformat()
    else:
        data["startDate"] = local_iso(occurrence.start, EVENT_TIME_ZONE)
        if occurrence.end > occurrence.start:
            data["endDate"] = local_iso(occurrence.end, EVENT_TIME_ZONE)
    if description:
        data["description"] = text.teaser(description)
    venue = event.venue
    lines = event.location_lines
    if venue or lines:
        location: dict[str, Any] = {"@type": "Place", "name": venue or ", ".join(lines)}
        place = event.place_shown
        source = event if (event.street or event.city) or place is None else place
        address = {
            "@type": "PostalAddress",
            "streetAddress": source.street,
            "postalCode": source.postcode,
            "addressLocality": source.city,
            "addressCountry": "DE",
        }
        location["address"] = {key: value for key, value in address.items() if value}
        point = event.location_point
        if point is not None:
            location["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": point[0],
                "longitude": point[1],
            }
        data["location"] = location
    name = event.organiser
    if name:
        data["organizer"] = {"@type": "Organization", "name": name}
        if organiser_url:
            data["organizer"]["url"] = organiser_url
    return data
