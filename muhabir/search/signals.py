"""Keep the search index in step with publishing, unpublishing, moves and privacy.

Deleting an article needs no handler: its SearchDocument goes by cascade (and on SQLite
the FTS5 rows by trigger). Saving a draft changes nothing readers see, so it does not
touch the index either.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from muhabir.newsroom.models import ArticlePage, ArticlePlacement, SectionPage
from muhabir.search.indexing import (
    search_document_delete,
    search_document_update,
    search_index_update_articles,
    search_index_update_under,
)
from muhabir.search.selectors import SECTIONS_CACHE_KEY


def index_published_article(sender, instance, **kwargs) -> None:
    search_document_update(article=instance)


def drop_unpublished_article(sender, instance, **kwargs) -> None:
    search_document_delete(article_id=instance.pk)


def reindex_moved_page(sender, instance, parent_page_before, parent_page_after, **kwargs) -> None:
    # A move can put an article (or a whole section) under a private page, or out of one;
    # reordering among siblings (the same parent) cannot.
    if parent_page_before.pk == parent_page_after.pk:
        return
    if isinstance(instance.specific, ArticlePage):
        search_document_update(article=instance)
    else:
        search_index_update_under(page=instance)


def reindex_restricted_pages(sender, instance, **kwargs) -> None:
    search_index_update_under(page=instance.page)


def remember_section_title(sender, instance, **kwargs) -> None:
    if instance.pk:
        instance._title_before = (
            SectionPage.objects.filter(pk=instance.pk).values_list("title", flat=True).first()
        )


def reindex_renamed_section(sender, instance, update_fields=None, **kwargs) -> None:
    # Section names are searchable words of their articles (and of their translations').
    if update_fields is not None and "title" not in update_fields:
        # "Save draft" on a live section: its title in memory is the draft's, not the
        # one readers see, and the row keeps the live one.
        return
    before = getattr(instance, "_title_before", None)
    if before is None or before == instance.title or not instance.live:
        return
    family = SectionPage.objects.filter(translation_key=instance.translation_key)
    article_ids = ArticlePlacement.objects.filter(section__in=family).values_list(
        "article_id", flat=True
    )
    transaction.on_commit(
        lambda: search_index_update_articles(article_ids=list(article_ids.distinct()))
    )


def forget_sections(sender, **kwargs) -> None:
    # The facets' section names are cached; a new, renamed or withdrawn section shows at once.
    cache.delete(SECTIONS_CACHE_KEY)


page_published.connect(index_published_article, sender=ArticlePage)
page_unpublished.connect(drop_unpublished_article, sender=ArticlePage)
post_page_move.connect(reindex_moved_page)
post_save.connect(reindex_restricted_pages, sender=PageViewRestriction)
post_delete.connect(reindex_restricted_pages, sender=PageViewRestriction)
page_published.connect(forget_sections, sender=SectionPage)
page_unpublished.connect(forget_sections, sender=SectionPage)
post_delete.connect(forget_sections, sender=SectionPage)
pre_save.connect(remember_section_title, sender=SectionPage)
post_save.connect(reindex_renamed_section, sender=SectionPage)
