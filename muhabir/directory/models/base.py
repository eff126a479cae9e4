"""What every directory entry shares: publishing, bilingual text, an address, a search key.

Readers see each entry in their own language, so the text they read is stored once per
language (``description_tr``, ``description_de``) and edited side by side; names of places
and associations are proper names and stored once.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import DraftStateMixin, RevisionMixin

from muhabir.core import text
from muhabir.core.links import validate_web_link
from muhabir.core.text_analysis import document_terms

DIRECTORY_LANGUAGES = ("tr", "de")


def language_current() -> str:
    language = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return language if language in DIRECTORY_LANGUAGES else DIRECTORY_LANGUAGES[0]


class EntryText(str):
    """An entry's text in one language; ``language`` says which, for ``lang`` attributes."""

    language: str

    def __new__(cls, value: str = "", language: str = "") -> EntryText:
        text = super().__new__(cls, value)
        text.language = language
        return text


class Bilingual:
    """Text stored once per language (``description_tr``, ``description_de``).

    ``text`` is the one way to read it, so how the languages are stored can change
    behind it.
    """

    def text(self, field: str, language: str | None = None) -> EntryText:
        """The field's text in ``language`` (default: the active one), else in another.

        A field stored once (a proper name) is returned as it is, in ``language``.
        """
        language = language or language_current()
        if not hasattr(self, f"{field}_{language}"):
            return EntryText(getattr(self, field, "") or "", language)
        for code in (language, *(code for code in DIRECTORY_LANGUAGES if code != language)):
            value = getattr(self, f"{field}_{code}", "")
            if value:
                return EntryText(value, code)
        return EntryText("", language)


class EntryQuerySet(models.QuerySet):
    def public(self):
        """The entries readers may see: published ones. Every reader's listing starts here;
        ``DirectoryEntry.is_public`` says the same of one loaded entry."""
        return self.filter(live=True)


class DirectoryEntry(Bilingual, DraftStateMixin, RevisionMixin, models.Model):
    """An entry readers can find; ``live`` says whether they may see it.

    Editors publish and unpublish entries like pages; entries proposed by readers arrive
    with ``live=False`` and ``submitted=True`` and wait for an editor.
    """

    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        allow_unicode=False,
        help_text=_("The last part of the entry's address. Filled in from the name if empty."),
        blank=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted = models.BooleanField(
        _("proposed by a reader"), default=False, editable=False, db_index=True
    )
    submitter_name = models.CharField(_("proposed by"), max_length=200, blank=True)
    submitter_email = models.EmailField(_("proposer's e-mail"), blank=True)
    # Folded words of every name and text readers can search, made on save; the same
    # analysis as the site search, so "kultur" finds "Kültür" and "ISTANBUL" "İstanbul".
    search_text = models.TextField(editable=False, blank=True, default="")

    objects = EntryQuerySet.as_manager()

    slug_source = "name"
    search_source_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.slug_unique(self.slug_base())
        update_fields = kwargs.get("update_fields")
        # "Save draft" on a live entry saves the unsaved draft values with update_fields
        # naming only Wagtail's bookkeeping (latest_revision, ...): the words readers find
        # the entry by must stay the live text's until the draft is published (a full save).
        if update_fields is None or self.search_source_columns().intersection(update_fields):
            self.search_text = self.search_text_build()
            if update_fields is not None and "search_text" not in update_fields:
                kwargs["update_fields"] = [*update_fields, "search_text"]
        super().save(*args, **kwargs)

    @classmethod
    def search_source_columns(cls) -> set[str]:
        """The columns ``search_text`` is made from (``description_tr``, ``city``, ...)."""
        return {
            f"{field}{suffix}"
            for field in cls.search_source_fields
            for suffix in ("", *(f"_{code}" for code in DIRECTORY_LANGUAGES))
        }

    def slug_base(self) -> str:
        value = getattr(self, self.slug_source, "")
        if not value and hasattr(self, f"{self.slug_source}_tr"):
            value = self.text(self.slug_source, "tr")
        return text.slug(value, "tr")[:100] or str(self._meta.model_name)

    def slug_unique(self, base: str) -> str:
        model = type(self)
        candidate, number = base, 1
        while model.objects.filter(slug=candidate).exclude(pk=self.pk).exists():
            number += 1
            candidate = f"{base}-{number}"
        return candidate

    def search_text_build(self) -> str:
        terms: list[str] = []
        for field in self.search_source_fields:
            for language in DIRECTORY_LANGUAGES:
                value = getattr(self, f"{field}_{language}", None)
                if value is None:
                    value = getattr(self, field, "")
                    terms.extend(document_terms(str(value or ""), language))
                else:
                    terms.extend(document_terms(value, language))
        # A space before each term lets a query match a word's start with one LIKE.
        return " " + " ".join(dict.fromkeys(terms)) + " "

    @property
    def is_public(self) -> bool:
        """Whether readers may see this entry: the row-level twin of ``objects.public()``."""
        return self.live

    def get_admin_display_title(self) -> str:
        return str(self)


class Located(models.Model):
    """An address with coordinates, which "near me" measures from."""

    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True, db_index=True)
    district = models.ForeignKey(
        "directory.District",
        verbose_name=_("Kreis or city"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The Kreis or kreisfreie Stadt the address lies in."),
    )
    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Decimal degrees, e.g. 51.4934"),
    )
    longitude = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("Decimal degrees, e.g. 6.7762"),
    )

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(
                _("Give both latitude and longitude, or neither."), code="coordinates"
            )

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def address_lines(self) -> list[str]:
        town = " ".join(part for part in (self.postcode, self.city) if part)
        return [line for line in (self.street, town) if line]


class Contact(models.Model):
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    website = models.URLField(_("website"), blank=True, validators=[validate_web_link])

    class Meta:
        abstract = True
