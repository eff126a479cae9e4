"""The columns of each kind of entry in the directory's CSV files.

Each kind has one fixed list of columns with stable English headers; an export writes
them all and an import reads any of them back, so export → edit → import changes only
what was edited. Relations are written as slugs (district, place, provider) or as
``;``-separated slugs and codes (target groups, languages).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from muhabir.directory.models import (
    Association,
    Event,
    IntegrationCentre,
    Offer,
    Place,
)

LOCATED = ("street", "postcode", "city", "district", "latitude", "longitude")
CONTACT = ("contact_person", "email", "phone", "website")


@dataclass(frozen=True)
class Spec:
    """One kind of entry: its model, its columns in file order, its name in the admin."""

    kind: str
    model: type[models.Model]
    columns: tuple[str, ...]
    label: str

    def field(self, column: str) -> models.Field:
        return self.model._meta.get_field(column)


SPECS: dict[str, Spec] = {
    spec.kind: spec
    for spec in (
        Spec(
            "places",
            Place,
            (
                "slug", "name", "category", *LOCATED,
                "description_tr", "description_de", "opening_hours_tr", "opening_hours_de",
                "website", "phone", "live",
            ),
            _("Places"),
        ),
        Spec(
            "associations",
            Association,
            (
                "slug", "name", "founded", *LOCATED, "description_tr", "description_de",
                *CONTACT, "places", "live",
            ),
            _("Associations"),
        ),
        Spec(
            "centres",
            IntegrationCentre,
            (
                "slug", "name", "for_district", "opened_on", "ordinal", *LOCATED,
                "description_tr", "description_de", "staff_posts", "teacher_posts",
                "funding_eur", "teacher_funding_eur", *CONTACT, "live",
            ),
            _("Integration centres"),
        ),
        Spec(
            "offers",
            Offer,
            (
                "slug", "title_tr", "title_de", "kind", "provider_centre",
                "provider_association", "description_tr", "description_de", "target_groups",
                "languages", "place", "district", "schedule_tr", "schedule_de", "cost_tr",
                "cost_de", "free_of_charge", "programme", *CONTACT, "live",
            ),
            _("Offers"),
        ),
        Spec(
            "events",
            Event,
            (
                "slug", "title_tr", "title_de", "start", "end", "all_day", "rrule",
                "cancelled", "description_tr", "description_de", "place", "venue_name",
                *LOCATED, "organiser_association", "organiser_centre", "organiser_name",
                "price_tr", "price_de", "live",
            ),
            _("Events"),
        ),
    )
}  # fmt: skip

KINDS = tuple(SPECS)
