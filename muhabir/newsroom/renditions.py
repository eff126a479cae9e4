"""The renditions of the articles' images, made ahead of the first reader."""

from __future__ import annotations

from muhabir.images.renditions import renditions_prepare
from muhabir.newsroom.selectors import public_articles
from muhabir.newsroom.signals import article_images


def renditions_for_articles(*, limit: int | None = None, progress=None) -> tuple[int, int]:
    """Make the renditions of the images of live, public articles, newest first.

    Returns (articles, images) looked at. Existing renditions are not made again.
    """
    articles = public_articles().select_related("hero_image").order_by("-published_date", "-pk")
    if limit is not None:
        articles = articles[:limit]
    article_count = image_count = 0
    for article in articles.iterator(chunk_size=200):
        image_count += renditions_prepare(article_images(article))
        article_count += 1
        if progress is not None and article_count % 500 == 0:
            progress(article_count)
    return article_count, image_count
