"""Images that carry who made them (credit) and what they show (caption)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class CustomImage(AbstractImage):
    """An image with a photo credit and a default caption, as a newsroom needs."""

    credit = models.CharField(
        _("credit"),
        max_length=255,
        blank=True,
        help_text=_('Who made the photo, as printed under it, e.g. "Foto: Wilfried Meyer".'),
    )
    default_caption = models.TextField(
        _("default caption"),
        blank=True,
        help_text=_("What the photo shows; articles can replace it."),
    )
    # Wagtail uses ``description`` as the default alt text; here it is required.
    description = models.CharField(
        _("alternative text"),
        max_length=255,
        blank=False,
        default="",
        help_text=_("Describes the image for people who cannot see it."),
    )

    admin_form_fields = (
        *Image.admin_form_fields,
        "credit",
        "default_caption",
    )

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        permissions = [("choose_image", "Can choose image")]


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
