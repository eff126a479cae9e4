"""Keeping the search index in step with what readers may see.

Only articles that ``public_articles()`` returns (live, public, dated) get a row; the
signal handlers call ``search_document_update`` on publish, unpublish, move and privacy
changes, and deleting an article deletes its row by cascade. Bulk-created articles
(``load_demo_site --synthetic``) are indexed by a rebuild at the end of that command.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils.html import strip_tags
from wagtail.models import Page

from muhabir.core import text
from muhabir.core.text_analysis import document_terms
from muhabir.newsroom.models import ArticlePage, ArticlePlacement, SectionPage
from muhabir.newsroom.models.articles import ArticlePageTag
from muhabir.newsroom.selectors import public_articles
from muhabir.search.models import SearchDocument

REBUILD_BATCH = 500


def _rich_text(value) -> str:
    # Rich text is stored as HTML: "&amp;" must read "&" once the tags are gone.
    source = getattr(value, "source", value) or ""
    return html.unescape(strip_tags(str(source).replace("</p>", "</p> ")))


def body_search_text(raw_blocks: Iterable[dict]) -> str:
    """The words of a body that readers can find: paragraphs, subheadings, quotes, captions.

    Works on the stored JSON, so indexing 100,000 articles need not build their blocks.
    """
    parts = []
    for block in raw_blocks or ():
        kind, value = block.get("type"), block.get("value")
        if kind == "paragraph":
            parts.append(_rich_text(value))
        elif kind == "subheading" and isinstance(value, str):
            parts.append(value)
        elif kind == "quote" and isinstance(value, dict):
            parts += [value.get("text") or "", value.get("speaker") or "", value.get("role") or ""]
        elif kind == "image" and isinstance(value, dict):
            parts += [value.get("caption") or "", value.get("credit") or ""]
    return " ".join(part for part in parts if part)


def _raw_body(body) -> list[dict]:
    raw = getattr(body, "raw_data", body)
    return list(raw or [])


@dataclass(frozen=True)
class SectionIndex:
    """Each live section's id and the names of its family (the section in every language)."""

    names: dict[int, tuple[str, ...]]

    @classmethod
    def load(cls) -> SectionIndex:
        # A restricted section's name is not public, so it finds nothing.
        rows = SectionPage.objects.live().public().values_list("pk", "translation_key", "title")
        families = defaultdict(list)
        for _pk, key, title in rows:
            families[key].append(title)
        return cls(names={pk: tuple(dict.fromkeys(families[key])) for pk, key, _t in rows})

    def placements(self, article_ids: list[int]) -> dict[int, list[int]]:
        found = defaultdict(list)
        for article_id, section_id in (
            ArticlePlacement.objects.filter(article_id__in=article_ids)
            .order_by("-is_primary", "section_id")
            .values_list("article_id", "section_id")
        ):
            found[article_id].append(section_id)
        return found


def document_for(
    *,
    article_id,
    title,
    kicker,
    subtitle,
    teaser,
    body,
    published_date,
    language,
    tags,
    section_ids=(),
    sections: SectionIndex | None = None,
) -> SearchDocument:
    """An unsaved index row for one article's live content.

    The names of the article's sections are searchable too (after the text, so phrases
    in the text are unaffected): "kultur" finds the articles of "Magazin & Kültür".
    """
    title = text.squash_whitespace(title)
    body_text = text.squash_whitespace(body_search_text(_raw_body(body)))
    # An editor's teaser is often the body's first sentences cut with "...": once is enough.
    teaser = text.squash_whitespace(teaser or "")
    if teaser.removesuffix("...").removesuffix("…").strip() in body_text:
        teaser = ""
    readable = text.squash_whitespace(
        " ".join(part for part in (kicker, subtitle, teaser, body_text, *tags) if part)
    )
    section_names: list[str] = []
    if sections is not None:
        for section_id in section_ids:
            section_names.extend(sections.names.get(section_id, ()))
    body_terms = document_terms(readable, language)
    section_terms = document_terms(" ".join(section_names), language)
    body_terms += [term for term in dict.fromkeys(section_terms) if term not in body_terms]
    return SearchDocument(
        article_id=article_id,
        language=language,
        published_date=published_date,
        title=title[:255],
        text=readable,
        title_terms=" ".join(document_terms(title, language)),
        body_terms=" ".join(body_terms),
        section_ids=",".join(str(pk) for pk in section_ids)[:255],
    )


def is_searchable(article: ArticlePage) -> bool:
    return public_articles().filter(pk=article.pk).exists()


def search_document_update(*, article: ArticlePage) -> bool:
    """Index ``article``'s live content if readers may see it, else drop it; True if indexed."""
    if not is_searchable(article):
        SearchDocument.objects.filter(article_id=article.pk).delete()
        return False
    article = ArticlePage.objects.select_related("locale").get(pk=article.pk)
    sections = SectionIndex.load()
    fresh = document_for(
        article_id=article.pk,
        title=article.title,
        kicker=article.kicker,
        subtitle=article.subtitle,
        teaser=article.teaser,
        body=article.body,
        published_date=article.published_date,
        language=article.locale.language_code,
        tags=[tag.name for tag in article.tags.all()],
        section_ids=sections.placements([article.pk])[article.pk],
        sections=sections,
    )
    existing = SearchDocument.objects.filter(article_id=article.pk).first()
    if existing is None:
        fresh.save()
    else:
        fresh.pk = existing.pk
        fresh.save(force_update=True)
    return True


def search_document_delete(*, article_id: int) -> None:
    """Drop an article from the index."""
    SearchDocument.objects.filter(article_id=article_id).delete()


def search_index_update_under(*, page: Page) -> int:
    """Re-index the articles at or below ``page`` (after a move or a privacy change)."""
    count = 0
    for article in ArticlePage.objects.filter(path__startswith=page.path).only("pk"):
        search_document_update(article=article)
        count += 1
    return count


def search_index_rebuild(*, progress: Callable[[int], None] | None = None) -> int:
    """Index every article readers may see, oldest first, replacing the whole index."""
    articles = (
        public_articles()
        .order_by("published_date", "pk")
        .values_list(
            "pk", "title", "kicker", "subtitle", "teaser", "body", "published_date",
            "locale__language_code",
        )
    )  # fmt: skip
    count = 0
    sections = SectionIndex.load()
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        batch = []
        for row in articles.iterator(chunk_size=REBUILD_BATCH):
            batch.append(row)
            if len(batch) == REBUILD_BATCH:
                count += _index_batch(batch, sections)
                batch = []
                if progress is not None:
                    progress(count)
        count += _index_batch(batch, sections)
    if progress is not None:
        progress(count)
    return count


def search_index_update_articles(*, article_ids: Iterable[int]) -> int:
    """Re-index many articles in batches (after a section they are listed in is renamed)."""
    ids = list(article_ids)
    sections = SectionIndex.load()
    count = 0
    for start in range(0, len(ids), REBUILD_BATCH):
        chunk = ids[start : start + REBUILD_BATCH]
        rows = list(
            public_articles()
            .filter(pk__in=chunk)
            .values_list(
                "pk", "title", "kicker", "subtitle", "teaser", "body", "published_date",
                "locale__language_code",
            )
        )  # fmt: skip
        with transaction.atomic():
            SearchDocument.objects.filter(article_id__in=chunk).delete()
            # Oldest first: a higher id stays a newer article.
            rows.sort(key=lambda row: (row[6], row[0]))
            count += _index_batch(rows, sections)
    return count


def _index_batch(rows, sections: SectionIndex) -> int:
    if not rows:
        return 0
    placements = sections.placements([row[0] for row in rows])
    tags = defaultdict(list)
    for article_id, name in ArticlePageTag.objects.filter(
        content_object_id__in=[row[0] for row in rows]
    ).values_list("content_object_id", "tag__name"):
        tags[article_id].append(name)
    documents = [
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
            section_ids=placements[pk],
            sections=sections,
        )
        for pk, title, kicker, subtitle, teaser, body, published_date, language in rows
    ]
    SearchDocument.objects.bulk_create(documents)
    return len(documents)
