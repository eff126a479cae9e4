"""Reference lists the entries point at: districts of NRW, target groups, languages, programmes."""

from __future__ import annotations

from babel import Locale, UnknownLocaleError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from muhabir.core.links import validate_web_link
from muhabir.directory.models.base import Bilingual, language_current


class District(models.Model):
    """A Kreis or a kreisfreie Stadt of North Rhine-Westphalia (53 in all)."""

    class Kind(models.TextChoices):
        KREIS = "kreis", _("Kreis")
        CITY = "city", _("kreisfreie Stadt")

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    seat = models.CharField(
        _("seat"), max_length=100, help_text=_("The town the district is run from.")
    )
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("seat")]),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
    ]

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TargetGroup(Bilingual, models.Model):
    """Who an offer is for: young immigrants, parents, volunteers, teachers, ..."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name_tr = models.CharField(_("name (Turkish)"), max_length=100)
    name_de = models.CharField(_("name (German)"), max_length=100)

    panels = [FieldPanel("slug"), FieldRowPanel([FieldPanel("name_tr"), FieldPanel("name_de")])]

    class Meta:
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.text("name")


class SpokenLanguage(models.Model):
    """A language an offer is given in, named by its ISO 639-1 code ("tr", "ar", "ku")."""

    code = models.CharField(_("code"), max_length=8, unique=True)

    panels = [FieldPanel("code")]

    class Meta:
        verbose_name = _("language offered")
        verbose_name_plural = _("languages offered")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The language's name in the reader's language, from the Unicode CLDR."""
        try:
            return Locale(language_current()).languages.get(self.code, self.code)
        except UnknownLocaleError:  # pragma: no cover - tr and de are always known
            return self.code


class Programme(Bilingual, models.Model):
    """A funding programme offers belong to, such as KOMM-AN NRW."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description_tr = models.TextField(_("description (Turkish)"), blank=True)
    description_de = models.TextField(_("description (German)"), blank=True)
    budget_eur = models.DecimalField(
        _("budget in euros"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    budget_period = models.CharField(
        _("budget period"), max_length=100, blank=True, help_text=_('E.g. "2016" or "per year".')
    )
    funder = models.CharField(
        _("funded by"), max_length=200, blank=True, help_text=_("E.g. the state ministry.")
    )
    website = models.URLField(_("website"), blank=True, validators=[validate_web_link])

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("description_tr"), FieldPanel("description_de")]),
        FieldRowPanel([FieldPanel("budget_eur"), FieldPanel("budget_period")]),
        FieldPanel("funder"),
        FieldPanel("website"),
    ]

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def description(self) -> str:
        return self.text("description")
