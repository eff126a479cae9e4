"""Reads for public pages. Each starts from ``live().public()`` so drafts cannot leak."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from wagtail.models import Page

from muhabir.newsroom.models import ArticlePage, SectionPage

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
        .filter(Q(path__startswith=section.path, depth=section.depth + 1) | Q(sections=section))
        .distinct()
    )


def public_sections(*, home: Page) -> QuerySet[SectionPage]:
    """The sections under a front page, in the editors' order."""
    return SectionPage.objects.child_of(home).live().public().order_by("path")


def front_page_sections(*, home: Page, per_section: int = FRONT_PAGE_ARTICLES_PER_SECTION):
    """Each section of ``home`` with its newest articles, as (section, articles) pairs."""
    blocks = []
    for section in public_sections(home=home):
        articles = list(section_articles(section=section)[:per_section])
        blocks.append((section, articles))
    return blocks


def article_translations(*, page: Page) -> QuerySet[Page]:
    """Live, public translations of ``page`` in the other languages."""
    return page.get_translations().live().public().select_related("locale")


def lead_article(*, home: Page) -> ArticlePage | None:
    """The front page's lead: the newest featured article in any language, else the newest."""
    featured = public_articles().filter(featured=True).first()
    if featured is not None:
        return featured
    return public_articles().filter(locale_id=home.locale_id).first()
