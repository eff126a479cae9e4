"""Offers: what the integration centres and associations do for people."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from muhabir.directory.models.base import Contact, DirectoryEntry, EntryQuerySet
from muhabir.directory.models.entries import (
    Association,
    IntegrationCentre,
    bilingual_panel,
    contact_panel,
)


class OfferQuerySet(EntryQuerySet):
    def public(self):
        """Published offers of a published provider: an offer never names one readers cannot see."""
        return (
            super()
            .public()
            .filter(
                models.Q(provider_centre__in=IntegrationCentre.objects.public())
                | models.Q(provider_association__in=Association.objects.public())
            )
        )


class Offer(DirectoryEntry, Contact, index.Indexed):
    """An integration offer of a centre or an association."""

    class Kind(models.TextChoices):
        COUNSELLING = "counselling", _("counselling and orientation")
        LANGUAGE_COURSE = "language-course", _("language course")
        EDUCATION = "education", _("education")
        PARENT_SUPPORT = "parent-support", _("parent support")
        VOLUNTEER_QUALIFICATION = "volunteer-qualification", _("volunteer qualification")
        TEACHER_TRAINING = "teacher-training", _("teacher training")
        YOUTH = "youth", _("youth work")
        CULTURE = "culture", _("culture and leisure")
        OTHER = "other", _("other")

    title_tr = models.CharField(_("title (Turkish)"), max_length=200, blank=True)
    title_de = models.CharField(_("title (German)"), max_length=200, blank=True)
    description_tr = models.TextField(_("description (Turkish)"), blank=True)
    description_de = models.TextField(_("description (German)"), blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, db_index=True)
    provider_centre = models.ForeignKey(
        "directory.IntegrationCentre",
        verbose_name=_("integration centre"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="offers",
    )
    provider_association = models.ForeignKey(
        "directory.Association",
        verbose_name=_("association"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="offers",
    )
    target_groups = models.ManyToManyField(
        "directory.TargetGroup", verbose_name=_("target groups"), blank=True, related_name="+"
    )
    languages = models.ManyToManyField(
        "directory.SpokenLanguage",
        verbose_name=_("given in"),
        blank=True,
        related_name="+",
        help_text=_("The languages the offer is given in."),
    )
    place = models.ForeignKey(
        "directory.Place",
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="offers",
    )
    district = models.ForeignKey(
        "directory.District",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Where the offer is open to people from; empty: the provider's."),
    )
    schedule_tr = models.CharField(_("schedule (Turkish)"), max_length=300, blank=True)
    schedule_de = models.CharField(_("schedule (German)"), max_length=300, blank=True)
    cost_tr = models.CharField(_("cost (Turkish)"), max_length=200, blank=True)
    cost_de = models.CharField(_("cost (German)"), max_length=200, blank=True)
    free_of_charge = models.BooleanField(_("free of charge"), default=False)
    programme = models.ForeignKey(
        "directory.Programme",
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="offers",
    )

    objects = OfferQuerySet.as_manager()

    slug_source = "title"
    search_source_fields = ("title", "description")
    search_fields = [
        index.SearchField("title_tr"),
        index.SearchField("title_de"),
        index.AutocompleteField("title_tr"),
        index.AutocompleteField("title_de"),
    ]

    panels = [
        bilingual_panel("title"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("provider_centre"), FieldPanel("provider_association")]),
        bilingual_panel("description"),
        FieldPanel("target_groups"),
        FieldPanel("languages"),
        FieldRowPanel([FieldPanel("place"), FieldPanel("district")]),
        bilingual_panel("schedule"),
        MultiFieldPanel([bilingual_panel("cost"), FieldPanel("free_of_charge")], heading=_("Cost")),
        FieldPanel("programme"),
        contact_panel(),
    ]

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["title_de", "title_tr"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(provider_centre__isnull=True)
                | models.Q(provider_association__isnull=True),
                name="offer_one_provider",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.text("title")

    @property
    def description(self) -> str:
        return self.text("description")

    @property
    def place_shown(self):
        """The offer's place if readers may see it; an unpublished place is not named."""
        place = self.place
        return place if place is not None and place.is_public else None

    @property
    def provider(self):
        return self.provider_centre or self.provider_association

    def clean(self) -> None:
        super().clean()
        errors = {}
        if not (self.title_tr or self.title_de):
            errors["title_tr"] = _("Give the title in at least one language.")
        if (self.provider_centre_id is None) == (self.provider_association_id is None):
            errors["provider_centre"] = _(
                "Choose either an integration centre or an association as the provider."
            )
        if errors:
            raise ValidationError(errors)
