"""Images that carry who made them (credit) and what they show (caption)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image, ImageQuerySet

from muhabir.images.metadata import image_file_clean


class CustomImageQuerySet(ImageQuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        # bulk_create skips save(); imports that write many images at once come through here.
        objs = list(objs)
        for image in objs:
            image_file_clean(image)
        return super().bulk_create(objs, *args, **kwargs)


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

    objects = CustomImageQuerySet.as_manager()

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        permissions = [("choose_image", "Can choose image")]

    def save(self, *args, **kwargs):
        # Every way a file comes in (admin, ingest, imports, the demo) ends here: no photo
        # is stored with where, with what or by whom it was taken.
        image_file_clean(self)
        super().save(*args, **kwargs)


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
