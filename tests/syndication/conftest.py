"""Articles as feeds and sitemaps list them, and the schemas their output must satisfy."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import pytest
from django.core.cache import cache
from lxml import etree
from wagtail.models import Site
from wagtail.rich_text import RichText

from muhabir.home.models import SiteSettings
from muhabir.images.models import CustomImage
from muhabir.newsroom.models import ArticlePage, ArticlePageAuthor
from tests.factories import ArticlePageFactory, AuthorFactory, CustomImageFactory, png_file

SCHEMAS = Path(__file__).parent / "schemas"
BERLIN = ZoneInfo("Europe/Berlin")
# Dates on both sides of the change to summer time: +01:00 in November, +02:00 in June.
WINTER_DATE = dt.datetime(2019, 11, 19, 10, 30, tzinfo=BERLIN)
SUMMER_DATE = dt.datetime(2016, 6, 29, 12, 0, tzinfo=BERLIN)

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
NS = {"sm": SITEMAP_NS, "news": NEWS_NS, "xhtml": XHTML_NS}


@pytest.fixture(autouse=True)
def empty_cache():
    """Navigation and site root paths are cached; each test builds its own site."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_settings(db) -> SiteSettings:
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


@pytest.fixture
def full_text(site_settings) -> SiteSettings:
    site_settings.feed_full_text = True
    site_settings.save()
    return site_settings


def article_publish(
    section,
    *,
    title: str | None = None,
    hero: bool | CustomImage = False,
    authors: tuple[str, ...] = (),
    tags: tuple[str, ...] = (),
    date: dt.datetime | None = None,
    body: list | None = None,
    publish: bool = True,
    **kwargs,
) -> ArticlePage:
    """An article under ``section`` with bylines, tags and a lead image, as an editor makes it."""
    extra = {"title": title} if title else {}
    if body is not None:
        extra["body"] = body
    article = ArticlePageFactory(parent=section, publish=False, **extra, **kwargs)
    if isinstance(hero, CustomImage):
        article.hero_image = hero
    elif hero:
        article.hero_image = CustomImageFactory(
            file=png_file(width=1600, height=1000, color="darkred")
        )
    if date is not None:
        article.editorial_date = date
    article.bylines = [ArticlePageAuthor(author=AuthorFactory(name=name)) for name in authors]
    if tags:
        article.tags.add(*tags)
    revision = article.save_revision()
    if publish:
        revision.publish()
    article.refresh_from_db()
    return article


@pytest.fixture
def publish_article(db):
    return article_publish


def feed_parse(response) -> feedparser.FeedParserDict:
    """Parse a feed response as a reader would, with its content type; fail on any error."""
    assert response.status_code == 200, response.status_code
    parsed = feedparser.parse(
        response.content, response_headers={"content-type": response["Content-Type"]}
    )
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def json_feed(response) -> dict:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/feed+json; charset=utf-8"
    return json.loads(response.content)


def _schema(*imports: tuple[str, str]) -> etree.XMLSchema:
    # One schema importing each namespace's file: the sitemap schema validates extension
    # elements strictly, so their schemas must be known at the same time.
    statements = "".join(
        f'<xsd:import namespace="{namespace}" schemaLocation="{(SCHEMAS / name).as_uri()}"/>'
        for namespace, name in imports
    )
    document = f'<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">{statements}</xsd:schema>'
    return etree.XMLSchema(etree.fromstring(document.encode()))


@pytest.fixture(scope="session")
def urlset_schema() -> etree.XMLSchema:
    return _schema(
        (SITEMAP_NS, "sitemap.xsd"),
        (NEWS_NS, "sitemap-news.xsd"),
        (XHTML_NS, "xhtml-link.xsd"),
    )


@pytest.fixture(scope="session")
def siteindex_schema() -> etree.XMLSchema:
    return _schema((SITEMAP_NS, "siteindex.xsd"))


@pytest.fixture(scope="session")
def jsonfeed_schema() -> dict:
    return json.loads((SCHEMAS / "jsonfeed-1.1.schema.json").read_text())


def xml_valid(schema: etree.XMLSchema, response) -> etree._Element:
    """The parsed document, after checking it against ``schema``."""
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    document = etree.fromstring(response.content)
    assert schema.validate(document), schema.error_log
    return document


def paragraph(html: str) -> tuple:
    return ("paragraph", RichText(html))
