"""Writing many new articles at once, as Wagtail itself would leave them.

``add_child`` plus ``save_revision().publish()`` costs tens of milliseconds and a dozen
queries per page. Here a batch of articles gets its tree paths computed directly, its
rows inserted in bulk, and one revision each (what the admin opens), with the live ones
pointing at it as their live revision. Signals do not fire: the caller indexes the batch.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F
from django.utils import timezone
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from wagtail.models import Page, Revision

from muhabir.newsroom.models import (
    ArticlePage,
    ArticlePageAuthor,
    ArticlePageTag,
    ArticlePlacement,
    Author,
    SectionPage,
)

LIVE, DRAFT, SCHEDULED = "live", "draft", "scheduled"


@dataclass
class ArticlePlan:
    """Everything a new article needs; ``state`` is live, draft or scheduled."""

    parent: SectionPage
    title: str
    slug: str
    locale_id: int
    translation_key: object
    state: str
    date: dt.datetime | None
    teaser: str = ""
    body: list = field(default_factory=list)
    hero_image_id: int | None = None
    featured: bool = False
    further: list[SectionPage] = field(default_factory=list)
    tags: list = field(default_factory=list)
    authors: list[Author] = field(default_factory=list)
    language: str = ""
    # The featured image's file, found before the batch's images are created.
    hero_key: str = ""
    # The post's password on the old site; the page is created behind it.
    password: str = ""
    page: ArticlePage | None = None


class TreeSlots:
    """Hands out the next free tree path and a free slug under each parent."""

    def __init__(self):
        self._next: dict[int, int] = {}
        self._slugs: dict[int, set[str]] = {}

    def _load(self, parent: Page) -> None:
        if parent.pk in self._next:
            return
        children = Page.objects.filter(
            path__startswith=parent.path, depth=parent.depth + 1
        ).values_list("path", "slug")
        last, slugs = 0, set()
        for path, slug in children:
            last = max(last, Page._str2int(path[-Page.steplen :]))
            slugs.add(slug)
        self._next[parent.pk] = last + 1
        self._slugs[parent.pk] = slugs

    def path(self, parent: Page) -> str:
        self._load(parent)
        step = self._next[parent.pk]
        self._next[parent.pk] += 1
        return parent.path + Page._int2str(step).rjust(Page.steplen, "0")

    def slug(self, parent: Page, wanted: str) -> str:
        self._load(parent)
        taken = self._slugs[parent.pk]
        slug, number = wanted[:250] or "article", 1
        while slug in taken:
            number += 1
            slug = f"{wanted[:240]}-{number}"
        taken.add(slug)
        return slug

    def forget(self, parent: Page) -> None:
        """After another writer (the tree API) added children under ``parent``."""
        self._next.pop(parent.pk, None)
        self._slugs.pop(parent.pk, None)


def _article(plan: ArticlePlan, slots: TreeSlots, content_type_id: int, now) -> ArticlePage:
    parent = plan.parent
    slug = slots.slug(parent, plan.slug)
    live = plan.state == LIVE
    date = plan.date
    article = ArticlePage(
        title=plan.title,
        draft_title=plan.title,
        slug=slug,
        content_type_id=content_type_id,
        path=slots.path(parent),
        depth=parent.depth + 1,
        numchild=0,
        url_path=f"{parent.url_path}{slug}/",
        locale_id=plan.locale_id,
        translation_key=plan.translation_key,
        live=live,
        has_unpublished_changes=not live,
        first_published_at=date if live else None,
        last_published_at=date if live else None,
        go_live_at=date if plan.state == SCHEDULED else None,
        latest_revision_created_at=now,
        show_in_menus=False,
        teaser=plan.teaser,
        body=plan.body,
        hero_image_id=plan.hero_image_id,
        editorial_date=date,
        featured=plan.featured,
    )
    article.published_date = article.editorial_date or article.first_published_at
    if article.published_date is None:
        article.published_date = article.go_live_at
    return article


def _insert_article_rows(articles: list[ArticlePage]) -> None:
    """Insert the ArticlePage rows of pages whose Page rows exist (bulk_create refuses MTI)."""
    fields = [f for f in ArticlePage._meta.local_concrete_fields if f.name != "page_ptr"]
    quote = connection.ops.quote_name
    columns = ["page_ptr_id", *(f.column for f in fields)]
    sql = (
        f"INSERT INTO {quote(ArticlePage._meta.db_table)} "  # noqa: S608 - names from model metadata
        f"({', '.join(quote(c) for c in columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
    )
    params = [
        [
            article.pk,
            *(f.get_db_prep_save(f.pre_save(article, add=True), connection) for f in fields),
        ]
        for article in articles
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def articles_bulk_create(plans: list[ArticlePlan], slots: TreeSlots) -> list[ArticlePage]:
    """Create the articles of ``plans`` with their bylines, tags, placements and revisions."""
    if not plans:
        return []
    content_type = ContentType.objects.get_for_model(ArticlePage)
    page_type = ContentType.objects.get_for_model(Page)
    now = timezone.now()
    articles = [_article(plan, slots, content_type.pk, now) for plan in plans]
    page_fields = [f.attname for f in Page._meta.concrete_fields if f.attname != "id"]
    pages = [Page(**{name: getattr(a, name) for name in page_fields}) for a in articles]
    Page.objects.bulk_create(pages)
    if any(page.pk is None for page in pages):
        ids = dict(Page.objects.filter(path__in=[p.path for p in pages]).values_list("path", "pk"))
        for page in pages:
            page.pk = ids[page.path]
    for article, page in zip(articles, pages, strict=True):
        article.pk = article.id = article.page_ptr_id = page.pk
    _insert_article_rows(articles)

    bylines, tagged, further, placements, revisions = [], [], [], [], []
    for plan, article in zip(plans, articles, strict=True):
        plan.page = article
        article_bylines = [
            ArticlePageAuthor(page_id=article.pk, author=author, sort_order=index)
            for index, author in enumerate(plan.authors)
        ]
        article_tags = [ArticlePageTag(content_object_id=article.pk, tag=tag) for tag in plan.tags]
        bylines += article_bylines
        tagged += article_tags
        placements.append(
            ArticlePlacement(
                article_id=article.pk,
                section_id=plan.parent.pk,
                is_primary=True,
                published_date=article.published_date,
            )
        )
        for section in plan.further:
            further.append(
                ArticlePage.sections.through(articlepage_id=article.pk, sectionpage_id=section.pk)
            )
            placements.append(
                ArticlePlacement(
                    article_id=article.pk,
                    section_id=section.pk,
                    published_date=article.published_date,
                )
            )
        # The revision holds the article with its bylines, tags and sections, as the editor
        # will find it; the in-memory relations are what serializable_data() reads.
        # Every relation is set, even to nothing: an unset one would be read from the database.
        for relation in get_all_child_relations(ArticlePage):
            setattr(article, relation.get_accessor_name(), [])
        for m2m in get_all_child_m2m_relations(ArticlePage):
            setattr(article, m2m.name, [])
        article.bylines = article_bylines
        article.tagged_items = article_tags
        article.sections = plan.further
        revisions.append(
            Revision(
                content_type_id=content_type.pk,
                base_content_type_id=page_type.pk,
                object_id=str(article.pk),
                created_at=now,
                approved_go_live_at=article.go_live_at,
                content=article.serializable_data(),
                object_str=article.title[:255],
            )
        )
    ArticlePageAuthor.objects.bulk_create(bylines)
    ArticlePageTag.objects.bulk_create(tagged)
    ArticlePage.sections.through.objects.bulk_create(further)
    ArticlePlacement.objects.bulk_create(placements)
    Revision.objects.bulk_create(revisions)
    for page, article, revision in zip(pages, articles, revisions, strict=True):
        page.latest_revision_id = article.latest_revision_id = revision.pk
        if article.live:
            page.live_revision_id = article.live_revision_id = revision.pk
    Page.objects.bulk_update(pages, ["latest_revision", "live_revision"])
    added = defaultdict(int)
    for plan in plans:
        added[plan.parent.pk] += 1
    for parent_pk, count in added.items():
        Page.objects.filter(pk=parent_pk).update(numchild=F("numchild") + count)
    return articles
