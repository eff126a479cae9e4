"""Articles: a news story in one language, in one primary section and maybe more."""

from __future__ import annotations

import html

from anyascii import anyascii
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    TitleFieldPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from muhabir.core import text
from muhabir.core.page_permissions import EditorialPermissionsMixin
from muhabir.newsroom.blocks import ArticleBodyBlock
from muhabir.newsroom.models.listing import ArticlePageManager
from muhabir.newsroom.models.placements import ArticlePlacement
from muhabir.pagecache.restrictions import KnownRestrictionsMixin, restricted_paths

READING_WORDS_PER_MINUTE = 200
# The fields ``published_date`` is made from.
PUBLISHED_DATE_SOURCES = frozenset({"editorial_date", "first_published_at", "go_live_at"})


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "newsroom.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePageAuthor(Orderable):
    page = ParentalKey("newsroom.ArticlePage", on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(
        "newsroom.Author", verbose_name=_("author"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        verbose_name = _("byline")
        verbose_name_plural = _("bylines")


class ArticlePageForm(WagtailAdminPageForm):
    """Offers only the sections of the article's own language as further sections."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parent = self.parent_page
        if parent is not None and "sections" in self.fields:
            field = self.fields["sections"]
            # The field's own model: the section module imports this one.
            sections = field.queryset.model
            home = parent.get_parent() if isinstance(parent.specific, sections) else parent
            field.queryset = sections.objects.child_of(home).exclude(pk=parent.pk).order_by("path")

    def clean(self):
        cleaned_data = super().clean()
        self._use_language_aware_slug(cleaned_data)
        return cleaned_data

    def _use_language_aware_slug(self, cleaned_data) -> None:
        """Replace the admin's letter-dropping slug ("fur") with the language's ("fuer").

        Only while the article has never been published, so no public URL changes.
        """
        title, slug = cleaned_data.get("title"), cleaned_data.get("slug")
        parent = self.parent_page
        if not title or not slug or parent is None or self.instance.first_published_at:
            return
        naive = slugify(anyascii(title))
        better = text.slug(title, parent.locale.language_code)
        if slug != naive or not better or better == naive:
            return
        if Page._slug_is_available(better, parent, self.instance if self.instance.pk else None):
            cleaned_data["slug"] = better


class ArticlePage(KnownRestrictionsMixin, EditorialPermissionsMixin, Page):
    kicker = models.CharField(
        _("kicker"),
        max_length=120,
        blank=True,
        help_text=_("A short line above the title naming the topic."),
    )
    subtitle = models.CharField(_("subtitle"), max_length=255, blank=True)
    teaser = models.TextField(
        _("teaser"),
        blank=True,
        help_text=_(
            "Shown in listings. Leave empty to use the start of the text, cut at a word boundary."
        ),
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)
    # The start of the body as listings show it, kept with each save so that listings need
    # not read (and decode) every article's whole body.
    body_teaser = models.TextField(editable=False, blank=True, default="")
    hero_image = models.ForeignKey(
        "images.CustomImage",
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_caption = models.CharField(
        _("lead image caption"),
        max_length=400,
        blank=True,
        help_text=_("Empty: the image's default caption."),
    )
    hero_credit = models.CharField(
        _("lead image credit"),
        max_length=255,
        blank=True,
        help_text=_("Empty: the credit stored with the image."),
    )
    sections = ParentalManyToManyField(
        "newsroom.SectionPage",
        verbose_name=_("further sections"),
        blank=True,
        related_name="further_articles",
        help_text=_("The article's own section is the one it is filed under."),
    )
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True, verbose_name=_("tags"))
    places = ParentalManyToManyField(
        "directory.Place",
        verbose_name=_("places"),
        blank=True,
        related_name="articles",
        help_text=_("Places of the directory the article is about; their pages list it."),
    )
    associations = ParentalManyToManyField(
        "directory.Association",
        verbose_name=_("associations"),
        blank=True,
        related_name="articles",
    )
    integration_centres = ParentalManyToManyField(
        "directory.IntegrationCentre",
        verbose_name=_("integration centres"),
        blank=True,
        related_name="articles",
    )
    events = ParentalManyToManyField(
        "directory.Event",
        verbose_name=_("events"),
        blank=True,
        related_name="articles",
    )
    editorial_date = models.DateTimeField(
        _("date shown"),
        null=True,
        blank=True,
        help_text=_("Empty: the date of first publication."),
    )
    # Kept in step by save(): listings sort on one indexed column, not on
    # COALESCE(editorial_date, first_published_at) over every row.
    published_date = models.DateTimeField(_("date"), null=True, editable=False, db_index=True)
    featured = models.BooleanField(
        _("featured"),
        default=False,
        help_text=_("The newest featured article leads the front page."),
    )
    show_in_other_languages = models.BooleanField(
        _("show in other languages"),
        default=True,
        help_text=_(
            "While the article has no translation, list it on the other languages' front "
            "pages and sections too, marked with its language."
        ),
    )

    objects = ArticlePageManager()

    base_form_class = ArticlePageForm
    parent_page_types = ["newsroom.SectionPage"]
    subpage_types = []

    content_panels = [
        FieldPanel("kicker"),
        # TitleFieldPanel, not FieldPanel: it fills in the slug as the editor types the title.
        TitleFieldPanel("title"),
        FieldPanel("subtitle"),
        FieldPanel("teaser"),
        MultiFieldPanel(
            [
                FieldPanel("hero_image"),
                FieldRowPanel([FieldPanel("hero_caption"), FieldPanel("hero_credit")]),
            ],
            heading=_("Lead image"),
        ),
        FieldPanel("body"),
        InlinePanel("bylines", label=_("Authors")),
    ]
    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("sections", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
                FieldPanel("editorial_date"),
                FieldPanel("featured"),
                FieldPanel("show_in_other_languages"),
            ],
            heading=_("Placement"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("places"),
                FieldPanel("associations"),
                FieldPanel("integration_centres"),
                FieldPanel("events"),
            ],
            heading=_("Named in the directory"),
        ),
        *Page.promote_panels,
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("kicker"),
        index.SearchField("subtitle"),
        index.SearchField("teaser"),
        index.SearchField("body"),
        index.FilterField("published_date"),
    ]

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [
            # The front page's lead is the newest featured article: few rows, one index.
            models.Index(
                fields=["-published_date"],
                condition=models.Q(featured=True),
                name="article_featured_date",
            )
        ]

    def clean(self) -> None:
        super().clean()
        parent = self.get_parent() if self.pk else None
        foreign = [
            section
            for section in self.sections.all()
            if self.locale_id and section.locale_id != self.locale_id
        ]
        if foreign:
            raise ValidationError(
                {"sections": _("Further sections must be in the article's own language.")}
            )
        if parent is not None:
            self.sections.set([s for s in self.sections.all() if s.pk != parent.pk])

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        # "Save draft" on a live article saves the unsaved draft values with update_fields
        # naming only Wagtail's bookkeeping (latest_revision, ...): the date readers sort by
        # must not follow the draft's editorial date until it is published (a full save).
        if update_fields is None or "body" in update_fields:
            self.body_teaser = text.teaser(self.body_text)
            if update_fields is not None and "body_teaser" not in update_fields:
                kwargs["update_fields"] = update_fields = [*update_fields, "body_teaser"]
        if update_fields is None or PUBLISHED_DATE_SOURCES.intersection(update_fields):
            self.published_date = self.editorial_date or self.first_published_at
            if self.published_date is None and self.go_live_at is not None:
                self.published_date = self.go_live_at
            if update_fields is not None and "published_date" not in update_fields:
                kwargs["update_fields"] = [*update_fields, "published_date"]
        result = super().save(*args, **kwargs)
        if update_fields is None and self.depth:
            self.placements_sync()
        return result

    def placements_sync(self) -> None:
        """Write one ArticlePlacement per section this article is listed in."""
        parent_path = self.path[: -self.steplen]
        primary_id = Page.objects.filter(path=parent_path).values_list("pk", flat=True).first()
        wanted = {section.pk for section in self.sections.all()}
        wanted.discard(primary_id)
        placements = {primary_id: True, **dict.fromkeys(wanted, False)}
        placements.pop(None, None)
        ArticlePlacement.objects.filter(article=self).exclude(section_id__in=placements).delete()
        existing = {p.section_id: p for p in ArticlePlacement.objects.filter(article=self)}
        for section_id, is_primary in placements.items():
            placement = existing.get(section_id)
            if placement is None:
                ArticlePlacement.objects.create(
                    article=self,
                    section_id=section_id,
                    is_primary=is_primary,
                    published_date=self.published_date,
                )
            elif (placement.is_primary, placement.published_date) != (
                is_primary,
                self.published_date,
            ):
                placement.is_primary = is_primary
                placement.published_date = self.published_date
                placement.save(update_fields=["is_primary", "published_date"])

    @property
    def reading_minutes(self) -> int:
        """Minutes to read the text at an unhurried 200 words a minute."""
        return max(1, round(len(self.body_text.split()) / READING_WORDS_PER_MINUTE))

    @property
    def date(self):
        """The date readers see: the editorial date, else the first publication."""
        return self.editorial_date or self.first_published_at or self.published_date

    @cached_property
    def display_teaser(self) -> str:
        """The editor's teaser, or the start of the body cut at a word boundary."""
        if self.teaser:
            return self.teaser
        # Listings defer the body; a preview or an unsaved draft has only the body.
        if "body" in self.get_deferred_fields():
            return self.body_teaser
        return text.teaser(self.body_text)

    @property
    def body_text(self) -> str:
        """The running text of the body (paragraphs and subheadings), without markup."""
        parts = []
        # The raw data, not the blocks: converting them would load every inline image
        # (a query per article in listings) only to skip them.
        for block in self.body.raw_data:
            value = block.get("value")
            if block.get("type") == "paragraph" and isinstance(value, str):
                # Rich text is stored as HTML: "&amp;" must read "&" once the tags are gone.
                parts.append(html.unescape(strip_tags(value.replace("</p>", "</p> "))))
            elif block.get("type") == "subheading" and isinstance(value, str):
                parts.append(value)
        return text.squash_whitespace(" ".join(parts))

    @property
    def hero_display_caption(self) -> str:
        if self.hero_caption:
            return self.hero_caption
        return self.hero_image.default_caption if self.hero_image else ""

    @property
    def hero_display_credit(self) -> str:
        if self.hero_credit:
            return self.hero_credit
        return self.hero_image.credit if self.hero_image else ""

    @cached_property
    def primary_section(self):
        return self.get_parent().specific

    def all_sections(self) -> list:
        """The primary section first, then the further ones readers may see, in tree order.

        An unpublished or restricted further section is left out: its name is not public
        (the article page, its JSON-LD and its breadcrumbs name these sections).
        """
        # Asked whether or not there are further sections, so a page costs the same queries.
        restricted = self._restricted_paths
        further = [
            s
            for s in self.sections.all()
            if s.pk != self.primary_section.pk and s.live and not s.path.startswith(restricted)
        ]
        return [self.primary_section, *sorted(further, key=lambda s: s.path)]

    @cached_property
    def _restricted_paths(self) -> tuple[str, ...]:
        # The page and its metadata both ask for the sections: one read for both.
        return restricted_paths()

    def is_scheduled(self) -> bool:
        return self.go_live_at is not None and self.go_live_at > timezone.now()
