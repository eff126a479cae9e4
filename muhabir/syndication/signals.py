"""Make the image crops structured data points to when an article is published."""

from wagtail.signals import page_published

from muhabir.images.renditions import renditions_prepare
from muhabir.newsroom.models import ArticlePage
from muhabir.syndication.renditions import STRUCTURED_DATA_FILTERS


def prepare_structured_data_renditions(sender, instance, **kwargs) -> None:
    if instance.hero_image is not None:
        renditions_prepare([instance.hero_image], STRUCTURED_DATA_FILTERS)


page_published.connect(prepare_structured_data_renditions, sender=ArticlePage)
