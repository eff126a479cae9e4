"""What an import from WordPress remembers: which old item became which page, and old URLs."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedItem(models.Model):
    """One WordPress post, page or uploaded file and what it became here.

    Keyed by the old site's URL and the item's ID, so a second run of the same (or a newer)
    export updates pages instead of duplicating them; ``content_hash`` tells whether the
    item changed since.
    """

    class Kind(models.TextChoices):
        POST = "post", _("post")
        PAGE = "page", _("page")
        FILE = "file", _("file")

    site_url = models.CharField(_("site URL"), max_length=255)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    # Uploaded files are keyed by their path under wp-content/uploads, posts by their ID.
    key = models.CharField(_("key"), max_length=255)
    guid = models.CharField(_("GUID"), max_length=500, blank=True, db_index=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image = models.ForeignKey(
        "images.CustomImage",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    content_hash = models.CharField(_("content hash"), max_length=64, blank=True)
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        verbose_name = _("imported WordPress item")
        verbose_name_plural = _("imported WordPress items")
        constraints = [
            models.UniqueConstraint(
                fields=["site_url", "kind", "key"], name="wordpress_item_unique_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.site_url} {self.kind} {self.key}"


class LegacyLink(models.Model):
    """An old WordPress URL and where it leads now.

    ``path`` is normalised (decoded, lower case, no trailing slash, plus the one query
    parameter that identifies the item, as in ``/?p=123``). The target is resolved on each
    request, so a link to a draft leads nowhere until the draft is published.
    """

    class Kind(models.TextChoices):
        PAGE = "page", _("page")
        FEED = "feed", _("feed")
        TAG = "tag", _("tag")
        TAG_FEED = "tag_feed", _("tag feed")
        AUTHOR = "author", _("author")

    path = models.CharField(_("old path"), max_length=500, unique=True)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=8, blank=True)
    # A tag's name or slug, for targets that are not pages.
    value = models.CharField(_("value"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("old WordPress link")
        verbose_name_plural = _("old WordPress links")

    def __str__(self) -> str:
        return self.path
