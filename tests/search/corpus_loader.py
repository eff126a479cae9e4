"""Publishing the fixed search corpus into the demo site, the way editors publish."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from wagtail.models import Page
from wagtail.rich_text import RichText

from muhabir.demo import content as demo_content
from muhabir.newsroom.models import ArticlePage, SectionPage
from tests.search.data.corpus import ARTICLES

BERLIN = ZoneInfo("Europe/Berlin")


def demo_sections() -> dict[tuple[str, str], SectionPage]:
    result = {}
    for seed in demo_content.SECTIONS:
        for language in ("tr", "de"):
            result[(seed.key, language)] = SectionPage.objects.get(
                slug=seed.slugs[language], locale__language_code=language
            )
    return result


def publish_article(
    section: SectionPage, *, title: str, body: str, date: dt.datetime, translation_key=None
) -> ArticlePage:
    """Add and publish an article through a revision, as the editorial workflow does."""
    article = ArticlePage(
        title=title,
        slug=f"corpus-{Page.objects.count()}",
        locale=section.locale,
        body=[("paragraph", RichText(f"<p>{paragraph}</p>")) for paragraph in body.split("\n\n")],
        editorial_date=date,
    )
    if translation_key is not None:
        article.translation_key = translation_key
    section.add_child(instance=article)
    article.save_revision().publish()
    article.refresh_from_db()
    return article


def corpus_load(keys: set[str] | None = None) -> dict[str, ArticlePage]:
    """Publish the corpus articles (all, or those in ``keys``) into the demo site's sections.

    Returns every loaded article by key; the seed's stories as ``seed:<slug>``.
    """
    sections = demo_sections()
    articles = {
        f"seed:{seed.slug}": ArticlePage.objects.get(slug=seed.slug)
        for seed in demo_content.ARTICLES
    }
    for item in ARTICLES:
        if keys is not None and item.key not in keys:
            continue
        original = articles.get(item.translation_of) if item.translation_of else None
        year, month, day = (int(part) for part in item.date.split("-"))
        articles[item.key] = publish_article(
            sections[(item.section, item.language)],
            title=item.title,
            body=item.body,
            date=dt.datetime(year, month, day, 10, 0, tzinfo=BERLIN),
            translation_key=original.translation_key if original else None,
        )
    return articles
