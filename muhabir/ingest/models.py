"""Feeds of press releases the newsroom reads, and the items already taken from them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel

from muhabir.core.links import validate_web_link


class FetchStatus(models.TextChoices):
    NEVER = "never", _("Not fetched yet")
    OK = "ok", _("OK")
    NOT_MODIFIED = "not_modified", _("Not modified")
    FAILED = "failed", _("Failed")


class FailureReason(models.TextChoices):
    """Why a fetch failed, as editors see it; the details (status code, ...) go to the log."""

    TIMEOUT = "timeout", _("The server did not answer in time")
    HTTP_ERROR = "http_error", _("The server answered with an error")
    NETWORK = "network", _("The server could not be reached")
    CONTENT_TYPE = "content_type", _("The server did not send a feed")
    TOO_LARGE = "too_large", _("The feed is too large")
    INVALID_FEED = "invalid_feed", _("The feed is not valid RSS or Atom")
    BAD_URL = "bad_url", _("The address cannot be fetched")
    FORBIDDEN_ADDRESS = "forbidden_address", _("The address is not allowed")
    NO_SECTION = "no_section", _("The source has no section")
    ITEMS_FAILED = "items_failed", _("Some items could not be imported")
    UNEXPECTED = "unexpected", _("Something unexpected went wrong")


class FeedSource(models.Model):
    """An RSS or Atom feed of press releases, read into drafts in one section."""

    name = models.CharField(
        _("name"),
        max_length=255,
        help_text=_('Named under each article as its source, e.g. "Stadt Duisburg".'),
    )
    url = models.URLField(_("feed address"), max_length=1000, validators=[validate_web_link])
    language = models.ForeignKey(
        "wagtailcore.Locale",
        verbose_name=_("language"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The language the feed is written in."),
    )
    section = models.ForeignKey(
        "newsroom.SectionPage",
        verbose_name=_("section"),
        # SET_NULL: deleting a section must not delete the source silently; the next
        # fetch reports the missing section instead.
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("New articles are filed here, as drafts. It must be in the feed's language."),
    )
    needs_review = models.BooleanField(
        _("needs review"),
        default=True,
        help_text=_("On: new items wait as drafts for an editor. Off: they are published at once."),
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Only active sources are fetched.")
    )

    # Written by the fetch, shown read-only in the admin.
    etag = models.CharField(_("ETag"), max_length=500, blank=True, editable=False)
    last_modified = models.CharField(_("Last-Modified"), max_length=100, blank=True, editable=False)
    last_fetched_at = models.DateTimeField(_("last fetched"), null=True, editable=False)
    last_success_at = models.DateTimeField(_("last successful fetch"), null=True, editable=False)
    last_status = models.CharField(
        _("status"),
        max_length=20,
        choices=FetchStatus.choices,
        default=FetchStatus.NEVER,
        editable=False,
    )
    last_error_reason = models.CharField(
        _("reason"), max_length=20, choices=FailureReason.choices, blank=True, editable=False
    )
    last_error = models.TextField(_("last error"), blank=True, editable=False)
    items_created_total = models.PositiveIntegerField(
        _("articles created"), default=0, editable=False
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("url"),
        FieldPanel("language"),
        PageChooserPanel("section", page_type="newsroom.SectionPage"),
        FieldPanel("needs_review"),
        FieldPanel("active"),
        MultiFieldPanel(
            [
                FieldPanel("last_status", read_only=True),
                FieldPanel("last_error_reason", read_only=True),
                FieldPanel("last_error", read_only=True),
                FieldPanel("last_fetched_at", read_only=True),
                FieldPanel("last_success_at", read_only=True),
                FieldPanel("items_created_total", read_only=True),
            ],
            heading=_("Last fetch"),
        ),
    ]

    class Meta:
        verbose_name = _("feed source")
        verbose_name_plural = _("feed sources")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if (
            self.section_id is not None
            and self.language_id is not None
            and self.section.locale_id != self.language_id
        ):
            raise ValidationError(
                {"section": _("The section must be in the language of the feed.")}
            )

    def status_display(self) -> str:
        """The status as the source list shows it, with the reason of a failure.

        Only failed items are named; a fetch failure shows its reason alone, also for
        details stored before they were kept to the log (a refused connection or an
        error status told which ports were open on the servers around ours).
        """
        if self.last_status != FetchStatus.FAILED:
            return str(self.get_last_status_display())
        reason = self.get_last_error_reason_display() or self.get_last_status_display()
        if self.last_error and self.last_error_reason == FailureReason.ITEMS_FAILED:
            return f"{reason}: {self.last_error}"
        return str(reason)

    status_display.short_description = _("status")


class IngestedItem(models.Model):
    """One feed item taken in; its key (GUID, else link) keeps it from being taken twice."""

    source = models.ForeignKey(
        FeedSource, verbose_name=_("source"), on_delete=models.CASCADE, related_name="items"
    )
    key = models.CharField(_("key"), max_length=500)
    guid = models.TextField(_("GUID"), blank=True)
    link = models.URLField(_("link"), max_length=2000, blank=True)
    # SET_NULL: an editor who deletes a press release must not get it back on the next run.
    article = models.ForeignKey(
        "newsroom.ArticlePage",
        verbose_name=_("article"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("imported"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("imported item")
        verbose_name_plural = _("imported items")
        constraints = [
            models.UniqueConstraint(fields=["source", "key"], name="ingest_item_unique_key")
        ]

    def __str__(self) -> str:
        return self.key
