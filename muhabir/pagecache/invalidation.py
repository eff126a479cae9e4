"""Changes that make cached pages invalid, and the front proxy's share of them.

Every saved or deleted row changes its own tag and its table's tag (see
``muhabir.pagecache.recording``), so a page that showed the row, or queried the table it
now appears in, is rendered again on its next request. Two kinds of saves change nothing
a reader sees and are left alone: an editor's draft of a page or snippet (Wagtail writes
only the draft bookkeeping columns of the row) and a new draft that was never live.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from muhabir.core.frontend_cache import purge_front_cache
from muhabir.pagecache.recording import row_tag, table_tag
from muhabir.pagecache.versions import tags_changed

logger = logging.getLogger(__name__)

# The columns Wagtail writes when an editor saves a draft, submits it or locks the item.
DRAFT_COLUMNS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "wagtail_admin_comments",
        "locked",
        "locked_at",
        "locked_by",
    }
)
# Every page shows the navigation, which is built from the page tree.
STRUCTURE_TAGS = frozenset({"table:wagtailcore_page", "table:wagtailcore_site"})


def model_tags(model: type[Model], pk) -> set[str]:
    """The row's tag and the tags of its table and its parents' tables."""
    tags = {row_tag(model, pk)}
    for each in (model, *model._meta.get_parent_list()):
        tags.add(table_tag(each._meta.db_table))
    tags.discard(None)
    return tags


def _reader_visible(instance: Model, created: bool, update_fields) -> bool:
    if update_fields and set(update_fields) <= DRAFT_COLUMNS:
        return False
    # A new page or snippet that is not live yet is a draft readers cannot reach.
    return not (created and getattr(instance, "live", True) is False)


def _historical(model: type[Model]) -> bool:
    # Migrations save through models rebuilt from their state, maybe before our table exists;
    # a database being migrated has no cached pages to drop.
    return model.__module__ == "__fake__"


def _saved(sender, instance, created=False, update_fields=None, raw=False, **kwargs) -> None:
    if raw or _historical(sender) or not _reader_visible(instance, created, update_fields):
        return
    tags = model_tags(sender, instance.pk)
    if created:
        # No cached page can show a row that did not exist; only its table is news.
        tags.discard(row_tag(sender, instance.pk))
    tags_changed(tags)


def _deleted(sender, instance, **kwargs) -> None:
    if not _historical(sender):
        tags_changed(model_tags(sender, instance.pk))


def _many_to_many_changed(sender, instance, action, **kwargs) -> None:
    if action in {"post_add", "post_remove", "post_clear"} and not _historical(sender):
        tags = model_tags(sender, None) | model_tags(type(instance), instance.pk)
        tags_changed(tags)


def _page_moved(sender, instance, **kwargs) -> None:
    # A move rewrites paths with bulk updates, which send no save signals.
    tags_changed(STRUCTURE_TAGS | model_tags(type(instance), instance.pk))
    _purge_front(instance)


def _page_published(sender, instance, **kwargs) -> None:
    _purge_front(instance)


def front_urls(page: Page) -> list[str]:
    """The absolute URLs a change to ``page`` may alter beyond the page itself: the pages
    above it, its translations, the sections it is placed in, the feeds and the sitemap."""
    pages = [page, *page.get_ancestors().filter(depth__gt=1)]
    pages += list(page.get_translations())
    placements = getattr(page, "placements", None)
    if placements is not None:
        pages += [placement.section for placement in placements.select_related("section")]
    urls = [each.get_full_url() for each in pages]
    root = next((url for url in urls if url), None)
    if root:
        origin = "/".join(root.split("/", 3)[:3])
        urls.append(f"{origin}/sitemap.xml")
        for language in {page.locale.language_code, *(p.locale.language_code for p in pages)}:
            with translation.override(language):
                for kind in ("rss", "atom", "json"):
                    try:
                        urls.append(origin + reverse(f"feeds:{kind}"))
                    except NoReverseMatch:
                        break
    return [url for url in dict.fromkeys(urls) if url]


def _purge_front(page: Page) -> None:
    def purge() -> None:
        try:
            purge_front_cache(front_urls(page.specific))
        except Exception:
            # A publish has happened; a proxy that cannot be told must not undo it.
            logger.exception("Front cache: could not work out what to purge for %s", page.pk)

    transaction.on_commit(purge)


def connect() -> None:
    post_save.connect(_saved, dispatch_uid="pagecache-saved")
    post_delete.connect(_deleted, dispatch_uid="pagecache-deleted")
    m2m_changed.connect(_many_to_many_changed, dispatch_uid="pagecache-m2m")
    post_page_move.connect(_page_moved, dispatch_uid="pagecache-moved")
    page_published.connect(_page_published, dispatch_uid="pagecache-published")
    page_unpublished.connect(_page_published, dispatch_uid="pagecache-unpublished")
