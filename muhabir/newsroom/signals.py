"""Side effects of publishing: renditions are made now, not by the first reader."""

from wagtail.signals import page_published

from muhabir.images.renditions import renditions_prepare
from muhabir.newsroom.models import ArticlePage


def article_images(article: ArticlePage) -> list:
    images = [article.hero_image]
    images.extend(block.value["image"] for block in article.body if block.block_type == "image")
    return [image for image in images if image is not None]


def prepare_article_renditions(sender, instance, **kwargs) -> None:
    renditions_prepare(article_images(instance))


page_published.connect(prepare_article_renditions, sender=ArticlePage)
