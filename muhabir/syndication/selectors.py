"""Reads for feeds and sitemaps.

Articles start from ``newsroom.selectors.public_articles`` and other pages from
``live().public()``, so drafts, scheduled and private pages cannot leak. Each read
costs a fixed number of queries however many rows it returns.
"""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.db.models import CharField, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Window
from django.db.models.functions import Cast, RowNumber
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from taggit.models import Tag
from wagtail.models import Page, PageLogEntry, Site
from wagtail.query import PageQuerySet

from muhabir.home.models import HomePage
from muhabir.images.models import CustomRendition
from muhabir.newsroom.models import (
    ArticlePage,
    ArticlePageAuthor,
    ArticlePageTag,
    ArticlePlacement,
    SectionPage,
)
from muhabir.newsroom.selectors import (
    not_expired_q,
    public_articles,
    public_articles_for,
    section_articles,
    section_family,
)
from muhabir.syndication.renditions import FEED_IMAGE_FILTER

FEED_LENGTH = 50
# Newest placements read per section feed item before falling back to the full listing.
SECTION_FEED_OVERFETCH = 3
NEWS_SITEMAP_WINDOW = dt.timedelta(days=2)
# Google reads at most 1,000 URLs from a news sitemap.
NEWS_SITEMAP_LENGTH = 1000
# Log actions after which a page may have appeared in or vanished from public listings.
VISIBILITY_ACTIONS = (
    "wagtail.publish",
    "wagtail.publish.scheduled",
    "wagtail.unpublish",
    "wagtail.unpublish.scheduled",
    "wagtail.delete",
    "wagtail.move",
    "wagtail.view_restriction.create",
    "wagtail.view_restriction.edit",
    "wagtail.view_restriction.delete",
)


def language_home(*, site: Site, language: str) -> HomePage | None:
    """The live, public front page of ``site`` in ``language``."""
    root = site.root_page
    return (
        HomePage.objects.live()
        .public()
        .filter(translation_key=root.translation_key, locale__language_code=language)
        .select_related("locale")
        .first()
    )


def home_section(*, home: Page, slug: str) -> SectionPage | None:
    """The live, public section with ``slug`` under ``home``."""
    return SectionPage.objects.child_of(home).live().public().filter(slug=slug).first()


def public_tag(*, site: Site, slug: str) -> Tag | None:
    """The tag with ``slug`` if a public article of ``site`` carries it.

    A tag found only on drafts or private articles answers as an unknown one does, so
    its feed does not confirm that it exists.
    """
    tagged = ArticlePageTag.objects.filter(
        tag=OuterRef("pk"), content_object__in=public_articles().filter(_site_q(site))
    )
    return Tag.objects.filter(Exists(tagged), slug=slug).first()


def _with_feed_details(articles: QuerySet[ArticlePage]) -> QuerySet[ArticlePage]:
    # One query per relation for the whole feed, none per item.
    return articles.prefetch_related(
        Prefetch(
            "bylines",
            queryset=ArticlePageAuthor.objects.select_related("author").order_by("sort_order"),
        ),
        Prefetch(
            "tagged_items",
            queryset=ArticlePageTag.objects.select_related("tag").order_by("pk"),
        ),
        Prefetch(
            "placements",
            # An unpublished or restricted further section must not lend the article its name.
            queryset=ArticlePlacement.objects.filter(
                section__in=SectionPage.objects.live().public().values("pk")
            )
            .select_related("section")
            .order_by("-is_primary", "section__path"),
            to_attr="listed_placements",
        ),
        Prefetch(
            "hero_image__renditions",
            queryset=CustomRendition.objects.filter(filter_spec=FEED_IMAGE_FILTER),
        ),
    )


def feed_articles(
    *,
    site: Site,
    home: HomePage,
    section: SectionPage | None = None,
    tag_slug: str | None = None,
    limit: int = FEED_LENGTH,
) -> list[ArticlePage]:
    """The newest articles a reader of ``home``'s language sees listed, of a section or a tag.

    As on the site, that includes untranslated articles of other languages that their
    editors show to every reader.
    """
    if section is not None:
        return _section_feed_articles(section=section, limit=limit)
    articles = public_articles_for(home.locale).filter(_site_q(site))
    if tag_slug is not None:
        articles = articles.filter(
            pk__in=ArticlePageTag.objects.filter(tag__slug=tag_slug).values("content_object_id")
        )
    return list(_with_feed_details(articles)[:limit])


def _section_feed_articles(*, section: SectionPage, limit: int) -> list[ArticlePage]:
    """``section_articles``, newest ``limit``, without sorting all of the section's articles.

    ``section_articles`` joins, de-duplicates and sorts every article of the section (and
    its translations) before the limit: 0.4 s at 100,000 articles. The newest placements
    come from the (section, date) index instead, a few times more than needed, and the
    selector picks the visible ones among them. Only when too few of those are visible
    does the full query run.
    """
    visible = section_articles(section=section)
    recent = (
        ArticlePlacement.objects.filter(
            section_id__in=section_family(section), published_date__isnull=False
        )
        .order_by("-published_date", "-article_id")
        .values("article_id")
    )
    window = limit * SECTION_FEED_OVERFETCH
    articles = list(_with_feed_details(visible.filter(pk__in=Subquery(recent[:window])))[:limit])
    if len(articles) < limit and recent[window : window + 1].exists():
        articles = list(_with_feed_details(visible)[:limit])
    return articles


def visibility_changed_at() -> dt.datetime | None:
    """When a page last appeared in or vanished from public view, as far as the log knows.

    An unpublished article leaves no date in the feed itself, yet readers holding the
    old copy must see that it changed. A page whose expiry time has passed vanishes
    before the periodic job logs its unpublishing, so that time counts too.
    """
    logged = (
        PageLogEntry.objects.filter(action__in=VISIBILITY_ACTIONS)
        .order_by("-timestamp")
        .values_list("timestamp", flat=True)
        .first()
    )
    expired = (
        Page.objects.filter(live=True, expire_at__lte=timezone.now())
        .order_by("-expire_at")
        .values_list("expire_at", flat=True)
        .first()
    )
    return max(filter(None, [logged, expired]), default=None)


def _site_roots(site: Site) -> list[str]:
    return [root.root_path for root in Site.get_site_root_paths() if root.site_id == site.pk]


def _site_q(site: Site) -> Q:
    """Pages below any language's front page of ``site``; matches nothing without one."""
    roots = Q(pk__in=[])
    for root_path in _site_roots(site):
        roots |= Q(url_path__startswith=root_path)
    return roots


def site_pages(*, site: Site) -> PageQuerySet:
    """Live, public, unexpired pages of ``site`` in every language, its front pages included."""
    return Page.objects.live().public().filter(_site_q(site), not_expired_q())


SITEMAP_FIELDS = (
    "pk",
    "url_path",
    "key",
    "locale__language_code",
    "last_published_at",
    "content_type_id",
)


def _key() -> Cast:
    # Compared, never used as a UUID: the text saves converting tens of thousands of them.
    return Cast("translation_key", output_field=CharField())


def sitemap_rows(*, site: Site, offset: int, limit: int) -> list[dict]:
    """One page of ``site_pages`` as plain rows, in a stable order (by id)."""
    return list(
        site_pages(site=site)
        .order_by("pk")
        .annotate(key=_key())
        .values(*SITEMAP_FIELDS)[offset : offset + limit]
    )


def sitemap_translations(*, site: Site, offset: int, limit: int) -> list[dict]:
    """Every public page sharing a translation key with a page of that sitemap page."""
    keys = site_pages(site=site).order_by("pk").values("translation_key")[offset : offset + limit]
    return list(
        Page.objects.live()
        .public()
        .filter(not_expired_q(), translation_key__in=Subquery(keys))
        .annotate(key=_key())
        .values("url_path", "key", "locale__language_code")
    )


def listing_updated(*, page_ids: list[int]) -> dict[int, dt.datetime]:
    """The newest article date below each listing page (front page or section)."""
    if not page_ids:
        return {}
    newest = (
        public_articles()
        .filter(path__startswith=OuterRef("path"))
        .order_by("-published_date")
        .values("published_date")[:1]
    )
    rows = Page.objects.filter(pk__in=page_ids).annotate(newest=Subquery(newest))
    return {pk: date for pk, date in rows.values_list("pk", "newest") if date is not None}


def sitemap_chunks(*, site: Site, size: int) -> list[dt.datetime | None]:
    """The newest ``last_published_at`` of each sitemap page of ``size`` URLs, in order.

    One grouped query over numbered rows; reading every date into Python would cost
    a second per 100,000 pages.
    """
    if not _site_roots(site):
        return []
    numbered = (
        site_pages(site=site)
        .annotate(position=Window(RowNumber(), order_by=F("pk").asc()))
        .values("last_published_at", "position")
    )
    inner, params = numbered.query.sql_with_params()
    sql = (
        "SELECT (numbered.position - 1) / %s AS chunk, MAX(numbered.last_published_at) "  # noqa: S608 - the inner query is the ORM's, with parameters
        f"FROM ({inner}) numbered GROUP BY chunk ORDER BY chunk"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [size, *params])
        rows = cursor.fetchall()
    return [_as_datetime(newest) for _chunk, newest in rows]


def _as_datetime(value) -> dt.datetime | None:
    # SQLite hands back the stored text (UTC) for an aggregate over a raw query.
    if value is None or isinstance(value, dt.datetime):
        return value
    parsed = parse_datetime(str(value))
    if parsed is not None and timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, dt.UTC)
    return parsed


NEWS_FIELDS = ("title", "url_path", "published_date", "locale__language_code")


def news_articles(*, site: Site, now: dt.datetime | None = None) -> list[dict]:
    """Public articles of ``site`` from the last two days, newest first (Google News)."""
    since = (now or timezone.now()) - NEWS_SITEMAP_WINDOW
    return list(
        public_articles()
        .filter(_site_q(site), published_date__gte=since)
        .values(*NEWS_FIELDS)[:NEWS_SITEMAP_LENGTH]
    )


def newest_articles(*, site: Site, limit: int) -> list[dict]:
    """The ``limit`` newest public articles of ``site``, however old, as ``news_articles``."""
    return list(public_articles().filter(_site_q(site)).values(*NEWS_FIELDS)[:limit])


def has_articles(*, site: Site) -> bool:
    """Whether ``site`` has published any article readers may see."""
    return public_articles().filter(_site_q(site)).exists()
