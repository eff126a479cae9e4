"""Make the image crops structured data points to when an article is published or a
default share image chosen, and forget the cached default when it may have changed."""

from django.db.models.signals import post_delete, post_save
from wagtail.images import get_image_model
from wagtail.signals import page_published

from muhabir.home.models import SiteSettings
from muhabir.images.renditions import renditions_prepare
from muhabir.newsroom.models import ArticlePage
from muhabir.syndication.renditions import STRUCTURED_DATA_FILTERS
from muhabir.syndication.share_images import default_share_image_clear


def prepare_structured_data_renditions(sender, instance, **kwargs) -> None:
    if instance.hero_image is not None:
        renditions_prepare([instance.hero_image], STRUCTURED_DATA_FILTERS)


def site_settings_saved(sender, instance, **kwargs) -> None:
    default_share_image_clear()
    renditions_prepare([instance.default_share_image], STRUCTURED_DATA_FILTERS)


page_published.connect(prepare_structured_data_renditions, sender=ArticlePage)
post_save.connect(site_settings_saved, sender=SiteSettings, dispatch_uid="share-image-settings")
# A replaced file or a deleted image (the setting's SET_NULL sends no signal of its own).
post_save.connect(
    default_share_image_clear, sender=get_image_model(), dispatch_uid="share-image-saved"
)
post_delete.connect(
    default_share_image_clear, sender=get_image_model(), dispatch_uid="share-image-deleted"
)
