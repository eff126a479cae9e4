"""Reads for public pages. Each starts from ``live().public()`` so drafts cannot leak."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from wagtail.models import Page, PageViewRestriction

from muhabir.newsroom.models import ArticlePage, ArticlePlacement, SectionPage

FRONT_PAGE_ARTICLES_PER_SECTION = 1


def public_articles() -> QuerySet[ArticlePage]:
    """Live, public articles with what listings show, newest first."""
    return (
        ArticlePage.objects.live()
        .public()
        .filter(published_date__isnull=False)
        .select_related("hero_image", "locale")
        .order_by("-published_date", "-pk")
    )


def section_articles(*, section: SectionPage) -> QuerySet[ArticlePage]:
    """Articles filed under ``section`` or placed in it as a further section."""
    return (
        public_articles()
        .filter(placements__section=section)
        .order_by("-placements__published_date", "-pk")
    )


def public_sections(*, home: Page) -> QuerySet[SectionPage]:
    """The sections under a front page, in the editors' order."""
    return SectionPage.objects.child_of(home).live().public().order_by("path")


def _public_placements() -> QuerySet[ArticlePlacement]:
    """Placements of live, dated articles outside any view restriction."""
    placements = ArticlePlacement.objects.filter(article__live=True, published_date__isnull=False)
    for path in PageViewRestriction.objects.values_list("page__path", flat=True):
        placements = placements.exclude(article__path__startswith=path)
    return placements


def front_page_sections(
    *, home: Page, per_section: int = FRONT_PAGE_ARTICLES_PER_SECTION
) -> list[tuple[SectionPage, list[ArticlePage]]]:
    """Each section of ``home`` with its newest articles, in a fixed number of queries.

    One subquery per section walks the (section, date) index and stops after
    ``per_section`` rows; a window over every placement would rank them all.
    """
    sections = list(public_sections(home=home))
    if not sections:
        return []
    visible = _public_placements()
    newest = Q()
    for section in sections:
        newest |= Q(
            pk__in=visible.filter(section_id=section.pk)
            .order_by("-published_date", "-article_id")
            .values("pk")[:per_section]
        )
    placements = (
        ArticlePlacement.objects.filter(newest)
        .select_related("article", "article__hero_image", "article__locale")
        .order_by("section_id", "-published_date", "-article_id")
    )
    by_section: dict[int, list[ArticlePage]] = {section.pk: [] for section in sections}
    for placement in placements:
        by_section[placement.section_id].append(placement.article)
    return [(section, by_section[section.pk]) for section in sections]


def lead_article(*, home: Page) -> ArticlePage | None:
    """The front page's lead: the newest featured article in any language, else the newest."""
    featured = public_articles().filter(featured=True).first()
    if featured is not None:
        return featured
    return public_articles().filter(locale_id=home.locale_id).first()


def article_translations(*, page: Page) -> QuerySet[Page]:
    """Live, public translations of ``page`` in the other languages."""
    return page.get_translations().live().public().select_related("locale")
