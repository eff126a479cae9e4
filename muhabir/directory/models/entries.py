"""Places, associations and integration centres: who and where readers can go."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from muhabir.core.links import validate_web_link
from muhabir.directory.models.base import Contact, DirectoryEntry, Located


def address_panel() -> MultiFieldPanel:
    return MultiFieldPanel(
        [
            FieldPanel("street"),
            FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
            FieldPanel("district"),
            FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        ],
        heading=_("Address"),
    )


def contact_panel() -> MultiFieldPanel:
    return MultiFieldPanel(
        [
            FieldPanel("contact_person"),
            FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
            FieldPanel("website"),
        ],
        heading=_("Contact"),
    )


def bilingual_panel(field: str) -> FieldRowPanel:
    return FieldRowPanel([FieldPanel(f"{field}_tr"), FieldPanel(f"{field}_de")])


def submission_panel() -> MultiFieldPanel:
    return MultiFieldPanel(
        [FieldRowPanel([FieldPanel("submitter_name"), FieldPanel("submitter_email")])],
        heading=_("Proposed by"),
        classname="collapsed",
    )


class Place(DirectoryEntry, Located, index.Indexed):
    """A venue: a tea garden, a restaurant, a cultural centre, a mosque, a sports ground."""

    class Category(models.TextChoices):
        TEA_GARDEN = "tea-garden", _("tea garden")
        CAFE = "cafe", _("café")
        RESTAURANT = "restaurant", _("restaurant")
        CULTURAL_CENTRE = "cultural-centre", _("cultural centre")
        MOSQUE = "mosque", _("mosque")
        CHURCH = "church", _("church")
        SPORTS = "sports", _("sports")
        EVENT_HALL = "event-hall", _("event hall")
        SHOP = "shop", _("shop")
        PARK = "park", _("park")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, db_index=True
    )
    opening_hours_tr = models.TextField(_("opening hours (Turkish)"), blank=True)
    opening_hours_de = models.TextField(_("opening hours (German)"), blank=True)
    description_tr = models.TextField(_("description (Turkish)"), blank=True)
    description_de = models.TextField(_("description (German)"), blank=True)
    photo = models.ForeignKey(
        "images.CustomImage",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The photo's credit is stored with the image."),
    )
    website = models.URLField(_("website"), blank=True, validators=[validate_web_link])
    phone = models.CharField(_("phone"), max_length=50, blank=True)

    search_source_fields = ("name", "description", "city", "street")
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("category")]),
        FieldPanel("slug"),
        bilingual_panel("description"),
        bilingual_panel("opening_hours"),
        address_panel(),
        FieldPanel("photo"),
        FieldRowPanel([FieldPanel("website"), FieldPanel("phone")]),
        submission_panel(),
    ]

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["name"]
        indexes = [models.Index(fields=["latitude", "longitude"], name="place_coordinates")]

    def __str__(self) -> str:
        return self.name

    @property
    def description(self) -> str:
        return self.text("description")

    @property
    def opening_hours(self) -> str:
        return self.text("opening_hours")


class Association(DirectoryEntry, Located, Contact, index.Indexed):
    """A club or association: a Dernek, a Verein."""

    name = models.CharField(_("name"), max_length=200)
    founded = models.PositiveSmallIntegerField(
        _("founded in"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
        help_text=_("The year."),
    )
    description_tr = models.TextField(_("description (Turkish)"), blank=True)
    description_de = models.TextField(_("description (German)"), blank=True)
    logo = models.ForeignKey(
        "images.CustomImage",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    places = models.ManyToManyField(
        Place,
        verbose_name=_("places"),
        blank=True,
        related_name="associations",
        help_text=_("Where the association meets or runs its activities."),
    )

    search_source_fields = ("name", "description", "city")
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("founded")]),
        FieldPanel("slug"),
        bilingual_panel("description"),
        address_panel(),
        contact_panel(),
        FieldPanel("logo"),
        FieldPanel("places"),
        submission_panel(),
    ]

    class Meta:
        verbose_name = _("association")
        verbose_name_plural = _("associations")
        ordering = ["name"]
        indexes = [models.Index(fields=["latitude", "longitude"], name="association_coordinates")]

    def __str__(self) -> str:
        return self.name

    @property
    def description(self) -> str:
        return self.text("description")


class IntegrationCentre(DirectoryEntry, Located, Contact, index.Indexed):
    """A Kommunales Integrationszentrum: one per Kreis or kreisfreie Stadt of NRW."""

    name = models.CharField(_("name"), max_length=200)
    for_district = models.OneToOneField(
        "directory.District",
        verbose_name=_("serves"),
        on_delete=models.PROTECT,
        related_name="integration_centre",
    )
    opened_on = models.DateField(_("opened on"), null=True, blank=True)
    ordinal = models.PositiveSmallIntegerField(
        _("ordinal"),
        null=True,
        blank=True,
        unique=True,
        validators=[MinValueValidator(1), MaxValueValidator(53)],
        help_text=_("The how-many-th centre of NRW it was when it opened, e.g. 51."),
    )
    description_tr = models.TextField(_("description (Turkish)"), blank=True)
    description_de = models.TextField(_("description (German)"), blank=True)
    staff_posts = models.DecimalField(
        _("staff posts"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Full-time posts funded by the state, e.g. 3.5."),
    )
    teacher_posts = models.DecimalField(
        _("teacher posts"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    funding_eur = models.DecimalField(
        _("state funding per year in euros"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
    )
    teacher_funding_eur = models.DecimalField(
        _("value of the teacher posts per year in euros"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
    )

    slug_source = "name"
    search_source_fields = ("name", "description", "city")
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("for_district"),
        FieldRowPanel([FieldPanel("opened_on"), FieldPanel("ordinal")]),
        bilingual_panel("description"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("staff_posts"), FieldPanel("funding_eur")]),
                FieldRowPanel([FieldPanel("teacher_posts"), FieldPanel("teacher_funding_eur")]),
            ],
            heading=_("Staff and funding"),
        ),
        address_panel(),
        contact_panel(),
    ]

    class Meta:
        verbose_name = _("integration centre")
        verbose_name_plural = _("integration centres")
        ordering = ["name"]
        indexes = [models.Index(fields=["latitude", "longitude"], name="centre_coordinates")]

    def __str__(self) -> str:
        return self.name

    @property
    def description(self) -> str:
        return self.text("description")
