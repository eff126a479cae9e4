"""Events: something on a date at a place, and what readers may see of them.

Times are Europe/Berlin wall-clock times. ``Event.objects.public().upcoming(now)`` is
what every listing, feed and map starts from; the occurrences themselves are expanded in
``muhabir.directory.calendar.occurrences``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from zoneinfo import ZoneInfo

import icalendar
from dateutil import rrule as dateutil_rrule
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from muhabir.directory.models.base import DirectoryEntry, EntryQuerySet, Located
from muhabir.directory.models.entries import (
    Association,
    IntegrationCentre,
    Place,
    address_panel,
    bilingual_panel,
    submission_panel,
)

EVENT_TIME_ZONE = ZoneInfo("Europe/Berlin")
# A rule with neither COUNT nor UNTIL repeats forever; listings look this far ahead.
RECURRENCE_HORIZON = dt.timedelta(days=2 * 366)

_UNTIL = re.compile(r"UNTIL=(\d{8})(?:T(\d{6}))?(Z?)", re.IGNORECASE)
# Enough for a daily event over ten years; a longer rule is cut off for listings.
MAX_OCCURRENCES = 4000
ALLOWED_FREQUENCIES = frozenset({"DAILY", "WEEKLY", "MONTHLY", "YEARLY"})
# The fields ``Event.last_end`` is made from.
LAST_END_SOURCES = frozenset({"start", "end", "all_day", "rrule"})


def _until_in_utc(match: re.Match) -> str:
    """RFC 5545 wants UNTIL in UTC when the start has a time zone; editors write local time."""
    day, time, utc = match.groups()
    if utc:
        return match.group(0).upper()
    local = dt.datetime.strptime(day + (time or "235959"), "%Y%m%d%H%M%S").replace(
        tzinfo=EVENT_TIME_ZONE
    )
    return "UNTIL=" + local.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def rrule_normalise(value: str) -> str:
    """The RRULE value without its ``RRULE:`` name and with UNTIL in UTC.

    Raises ValueError for text that is not one rule.
    """
    value = value.strip()
    if value.upper().startswith("RRULE:"):
        value = value[len("RRULE:") :]
    if not value or "\n" in value or ":" in value:
        raise ValueError("not a single RRULE")
    return _UNTIL.sub(_until_in_utc, value)


def rrule_parts(value: str) -> icalendar.vRecur:
    """The rule's parts as icalendar reads them: ``{"FREQ": ["WEEKLY"], "BYDAY": ["TU"]}``.

    UNTIL is an aware datetime in UTC. Raises ValueError for text that is not a rule.
    """
    parts = icalendar.vRecur.from_ical(rrule_normalise(value).upper())
    if not parts.get("FREQ"):
        raise ValueError("a rule needs FREQ")
    return parts


def rule_parts(rule: dateutil_rrule.rrule) -> icalendar.vRecur:
    """The parts of a parsed rule, read from its RFC 5545 text (dateutil's ``str``)."""
    line = next(line for line in str(rule).splitlines() if line.startswith("RRULE:"))
    return icalendar.vRecur.from_ical(line.removeprefix("RRULE:"))


def rrule_parse(value: str, start: dt.datetime) -> dateutil_rrule.rrule:
    """The recurrence rule ``value`` (an RFC 5545 RRULE) anchored at ``start``.

    Occurrences come out in Europe/Berlin wall-clock time: a weekly 19:00 stays at 19:00
    across the change to and from summer time. Raises ValueError for text that is not a rule.
    """
    normalised = rrule_normalise(value)
    rule = dateutil_rrule.rrulestr(normalised, dtstart=start.astimezone(EVENT_TIME_ZONE))
    if not isinstance(rule, dateutil_rrule.rrule):
        raise ValueError("not a single RRULE")
    parts = rrule_parts(normalised)
    # More than one a day (FREQ=HOURLY, or DAILY with several BYHOURs) makes every
    # listing expand thousands of occurrences; no event of the directory needs it.
    if parts["FREQ"][0] not in ALLOWED_FREQUENCIES or any(
        len(parts.get(part) or ()) > 1 for part in ("BYHOUR", "BYMINUTE", "BYSECOND")
    ):
        raise RecurrenceTooFrequent("more than once a day")
    return rule


class RecurrenceTooFrequent(ValueError):
    """A rule that repeats more often than once a day."""


def rrule_is_endless(rule: dateutil_rrule.rrule) -> bool:
    parts = rule_parts(rule)
    return not parts.get("COUNT") and not parts.get("UNTIL")


class EventQuerySet(EntryQuerySet):
    def public(self):
        """Published events, with the place and organisers their listings name."""
        return super().public().select_related("place", "organiser_association", "organiser_centre")

    def upcoming(self, since: dt.datetime):
        """Events with an occurrence not over at ``since`` (NULL ``last_end``: endless)."""
        return self.filter(Q(last_end__isnull=True) | Q(last_end__gte=since))


class Event(DirectoryEntry, Located, index.Indexed):
    """Something on a date at a place, organised by an association, a centre or someone else.

    Times are entered and shown in Europe/Berlin; an all-day event runs from the day of
    ``start`` to the day of ``end`` (inclusive; empty: one day). A recurring event repeats
    by its RRULE in local time, so a weekly 19:00 stays at 19:00 across the change to and
    from summer time.
    """

    title_tr = models.CharField(_("title (Turkish)"), max_length=200, blank=True)
    title_de = models.CharField(_("title (German)"), max_length=200, blank=True)
    description_tr = models.TextField(_("description (Turkish)"), blank=True)
    description_de = models.TextField(_("description (German)"), blank=True)
    start = models.DateTimeField(_("starts"), db_index=True)
    end = models.DateTimeField(_("ends"), null=True, blank=True)
    all_day = models.BooleanField(_("all day"), default=False)
    rrule = models.CharField(
        _("repeats"),
        max_length=500,
        blank=True,
        help_text=_(
            "Optional recurrence rule in iCalendar form, e.g. FREQ=WEEKLY;BYDAY=TU;COUNT=10"
        ),
    )
    place = models.ForeignKey(
        "directory.Place",
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    venue_name = models.CharField(
        _("venue"),
        max_length=200,
        blank=True,
        help_text=_("When the event is not at a place of the directory: its name and address."),
    )
    organiser_association = models.ForeignKey(
        "directory.Association",
        verbose_name=_("organised by association"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    organiser_centre = models.ForeignKey(
        "directory.IntegrationCentre",
        verbose_name=_("organised by integration centre"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    organiser_name = models.CharField(
        _("organiser"),
        max_length=200,
        blank=True,
        help_text=_("When the organiser is not in the directory."),
    )
    price_tr = models.CharField(_("price (Turkish)"), max_length=200, blank=True)
    price_de = models.CharField(_("price (German)"), max_length=200, blank=True)
    cancelled = models.BooleanField(_("cancelled"), default=False)
    # When the last occurrence ends; empty for a rule that repeats forever. Listings of
    # upcoming events filter on it with one index instead of expanding every rule.
    last_end = models.DateTimeField(null=True, blank=True, editable=False, db_index=True)

    objects = EventQuerySet.as_manager()

    slug_source = "title"
    search_source_fields = ("title", "description", "venue_name", "city", "organiser_name")
    search_fields = [
        index.SearchField("title_tr"),
        index.SearchField("title_de"),
        index.AutocompleteField("title_tr"),
        index.AutocompleteField("title_de"),
    ]

    panels = [
        bilingual_panel("title"),
        FieldPanel("slug"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldRowPanel([FieldPanel("all_day"), FieldPanel("cancelled")]),
                FieldPanel("rrule"),
            ],
            heading=_("When"),
        ),
        bilingual_panel("description"),
        MultiFieldPanel(
            [FieldPanel("place"), FieldPanel("venue_name"), address_panel()],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("organiser_association"), FieldPanel("organiser_centre")]
                ),
                FieldPanel("organiser_name"),
            ],
            heading=_("Organiser"),
        ),
        bilingual_panel("price"),
        submission_panel(),
    ]

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["start"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.text("title")

    @property
    def description(self) -> str:
        return self.text("description")

    @property
    def price(self) -> str:
        return self.text("price")

    # Where and who, as readers may see it: an unpublished place or organiser is not named.

    @property
    def place_shown(self) -> Place | None:
        place = self.place
        return place if place is not None and place.is_public else None

    @property
    def organiser_shown(self) -> Association | IntegrationCentre | None:
        """The published association or centre that organises the event, else None."""
        for organiser in (self.organiser_association, self.organiser_centre):
            if organiser is not None and organiser.is_public:
                return organiser
        return None

    @property
    def organiser(self) -> str:
        organiser = self.organiser_shown
        return str(organiser) if organiser is not None else self.organiser_name

    @property
    def venue(self) -> str:
        place = self.place_shown
        return place.name if place is not None else self.venue_name

    @property
    def location_lines(self) -> list[str]:
        """The event's own address, else its place's."""
        if self.street or self.city:
            return self.address_lines
        place = self.place_shown
        return place.address_lines if place is not None else []

    @property
    def location_city(self) -> str:
        if self.city:
            return self.city
        place = self.place_shown
        return place.city if place is not None else ""

    @property
    def location_point(self) -> tuple[float, float] | None:
        if self.has_coordinates:
            return (self.latitude, self.longitude)
        place = self.place_shown
        if place is not None and place.has_coordinates:
            return (place.latitude, place.longitude)
        return None

    @property
    def location_text(self) -> str:
        return ", ".join(part for part in [self.venue, *self.location_lines] if part)

    @property
    def duration(self) -> dt.timedelta:
        if self.all_day:
            last_day = (self.end or self.start).astimezone(EVENT_TIME_ZONE).date()
            first_day = self.start.astimezone(EVENT_TIME_ZONE).date()
            return dt.timedelta(days=(last_day - first_day).days + 1)
        return (self.end - self.start) if self.end else dt.timedelta(0)

    def clean(self) -> None:
        super().clean()
        errors = {}
        if not (self.title_tr or self.title_de):
            errors["title_tr"] = _("Give the title in at least one language.")
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The end lies before the start.")
        if self.rrule and self.start:
            try:
                rrule_parse(self.rrule, self.start)
            except RecurrenceTooFrequent:
                errors["rrule"] = _(
                    "An event can repeat daily, weekly, monthly or yearly, at most once a day."
                )
            except (ValueError, TypeError):
                errors["rrule"] = _(
                    "This is not a recurrence rule. Example: FREQ=WEEKLY;BYDAY=TU;COUNT=10"
                )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        # As with ``search_text``: a draft's dates must not move the live event in listings
        # (they filter on ``last_end``) before the draft is published.
        if update_fields is None or LAST_END_SOURCES.intersection(update_fields):
            self.last_end = self.last_end_compute()
            if update_fields is not None and "last_end" not in update_fields:
                kwargs["update_fields"] = [*update_fields, "last_end"]
        super().save(*args, **kwargs)

    def last_end_compute(self) -> dt.datetime | None:
        if not self.start:
            return None
        last_start = self.start
        if self.rrule:
            try:
                rule = rrule_parse(self.rrule, self.start)
            except (ValueError, TypeError):
                return None
            if rrule_is_endless(rule):
                return None
            occurrences = list(itertools.islice(rule, MAX_OCCURRENCES))
            if occurrences:
                last_start = occurrences[-1]
        if self.all_day:
            # Whole days count on the wall clock: a day of 23 or 25 hours still ends at midnight.
            return last_start.astimezone(EVENT_TIME_ZONE) + self.duration
        return last_start + self.duration
