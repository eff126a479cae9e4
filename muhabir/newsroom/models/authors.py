from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Author(index.Indexed, models.Model):
    """A reporter, editor or contributor named under articles."""

    name = models.CharField(_("name"), max_length=255)
    role = models.CharField(
        _("role"),
        max_length=255,
        blank=True,
        help_text=_('E.g. "Reporter, Duisburg" or "Editor".'),
    )
    photo = models.ForeignKey(
        "images.CustomImage",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("photo")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
