"""Indexing what an import created in bulk, once at the end instead of once per page."""

from __future__ import annotations

from collections import defaultdict

from wagtail.search.backends import get_search_backend

from muhabir.images.models import CustomImage
from muhabir.newsroom.models import ArticlePage
from muhabir.newsroom.models.articles import ArticlePageTag
from muhabir.newsroom.selectors import public_articles
from muhabir.search.indexing import document_for
from muhabir.search.models import SearchDocument

BATCH = 500


def articles_index(article_ids: list[int]) -> int:
    """Give the readers' search index a row for each of these articles readers may see."""
    count = 0
    for start in range(0, len(article_ids), BATCH):
        chunk = article_ids[start : start + BATCH]
        rows = list(
            public_articles()
            .filter(pk__in=chunk)
            .order_by("published_date", "pk")
            .values_list(
                "pk", "title", "kicker", "subtitle", "teaser", "body", "published_date",
                "locale__language_code",
            )
        )  # fmt: skip
        tags = defaultdict(list)
        for article_id, name in ArticlePageTag.objects.filter(
            content_object_id__in=chunk
        ).values_list("content_object_id", "tag__name"):
            tags[article_id].append(name)
        SearchDocument.objects.filter(article_id__in=chunk).delete()
        SearchDocument.objects.bulk_create(
            document_for(
                article_id=pk,
                title=title,
                kicker=kicker,
                subtitle=subtitle,
                teaser=teaser,
                body=body,
                published_date=published_date,
                language=language,
                tags=tags[pk],
            )
            for pk, title, kicker, subtitle, teaser, body, published_date, language in rows
        )
        count += len(rows)
    return count


def admin_index(*, page_ids: list[int], image_ids: list[int]) -> None:
    """Make new articles and images findable in the admin's search, as a save would."""
    backend = get_search_backend()
    for model, ids in ((ArticlePage, page_ids), (CustomImage, image_ids)):
        # The index reads the images' tags; one query per batch, not one per image.
        queryset = model.objects.prefetch_related("tags") if model is CustomImage else model.objects
        for start in range(0, len(ids), BATCH):
            backend.add_bulk(model, list(queryset.filter(pk__in=ids[start : start + BATCH])))
