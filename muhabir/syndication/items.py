"""What a feed says about each article, gathered once for RSS, Atom and JSON Feed."""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import mimetypes
import uuid
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.http import HttpRequest
from django.utils.html import strip_tags

from muhabir.core import text
from muhabir.core.metadata import absolute
from muhabir.newsroom.models import ArticlePage
from muhabir.syndication.bodies import bodies_html, figure_html
from muhabir.syndication.links import PageLinks
from muhabir.syndication.renditions import FEED_IMAGE_FILTER, existing_rendition
from muhabir.syndication.xml import xml_safe

# Never change this: every GUID ever published derives from it, and feed readers
# would show each article again as new.
GUID_NAMESPACE = uuid.UUID("6f1c2b7e-3a55-4c1e-9d0e-7b7f4c2a9e11")
FILE_SIZE_CACHE_KEY = "muhabir:syndication:file-size:{digest}"
FILE_SIZE_CACHE_TIMEOUT = 60 * 60 * 24 * 30


@dataclass(frozen=True)
class FeedImage:
    url: str
    width: int
    height: int
    mime_type: str
    length: int
    alt: str
    caption: str
    credit: str


@dataclass
class FeedItem:
    guid: str
    title: str
    link: str
    language: str
    published: dt.datetime
    updated: dt.datetime
    teaser: str
    authors: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    content_html: str | None = None
    image: FeedImage | None = None

    @property
    def categories(self) -> list[str]:
        return [*self.sections, *self.tags]


def article_guid(article: ArticlePage) -> str:
    """An id that survives edits, renames and moves, and differs between translations."""
    name = f"{article.translation_key}/{article.locale.language_code}"
    return f"urn:uuid:{uuid.uuid5(GUID_NAMESPACE, name)}"


def raw_teaser(article: ArticlePage) -> str:
    """``display_teaser`` read from the stored stream, so inline images cost no query."""
    if article.teaser:
        return article.teaser
    parts = []
    for block in article.body.raw_data:
        if block["type"] == "paragraph" and isinstance(block["value"], str):
            parts.append(html.unescape(strip_tags(block["value"].replace("</p>", "</p> "))))
        elif block["type"] == "subheading" and isinstance(block["value"], str):
            parts.append(block["value"])
    return text.teaser(text.squash_whitespace(" ".join(parts)))


def file_sizes(names: list[str]) -> dict[str, int]:
    """The size in bytes of each stored file, remembered: with object storage each is a request."""
    keys = {
        name: FILE_SIZE_CACHE_KEY.format(digest=hashlib.sha256(name.encode()).hexdigest())
        for name in names
    }
    cached = cache.get_many(list(keys.values()))
    sizes, missing = {}, {}
    for name, key in keys.items():
        if key in cached:
            sizes[name] = cached[key]
            continue
        try:
            sizes[name] = default_storage.size(name)
        except OSError:
            sizes[name] = 0
        missing[key] = sizes[name]
    if missing:
        # Rendition files are written once under their name and never change.
        cache.set_many(missing, FILE_SIZE_CACHE_TIMEOUT)
    return sizes


def _hero_images(articles: list[ArticlePage], request: HttpRequest | None) -> dict[int, FeedImage]:
    renditions = {
        article.pk: existing_rendition(article.hero_image, FEED_IMAGE_FILTER)
        for article in articles
        if article.hero_image is not None
    }
    sizes = file_sizes([rendition.file.name for rendition in renditions.values()])
    by_article = {}
    for article in articles:
        rendition = renditions.get(article.pk)
        if rendition is None:
            continue
        by_article[article.pk] = FeedImage(
            url=absolute(request, rendition.url),
            width=rendition.width,
            height=rendition.height,
            mime_type=mimetypes.guess_type(rendition.file.name)[0] or "application/octet-stream",
            length=sizes.get(rendition.file.name, 0),
            alt=xml_safe(article.hero_image.description),
            caption=xml_safe(article.hero_display_caption),
            credit=xml_safe(article.hero_display_credit),
        )
    return by_article


def feed_items(
    articles: list[ArticlePage],
    *,
    request: HttpRequest | None,
    full_text: bool,
    fallback_author: str,
) -> list[FeedItem]:
    """One FeedItem per article of ``feed_articles``; no query per article."""
    links = PageLinks(request)
    images = _hero_images(articles, request)
    bodies = bodies_html(articles, links=links) if full_text else {}
    items = []
    for article in articles:
        published = article.date
        updated = max(filter(None, [article.last_published_at, published]))
        image = images.get(article.pk)
        content_html = None
        if full_text:
            hero = ""
            if image is not None:
                hero = figure_html(
                    url=image.url,
                    width=image.width,
                    height=image.height,
                    alt=image.alt,
                    caption=image.caption,
                    credit=image.credit,
                )
            content_html = hero + bodies.get(article.pk, "")
        items.append(
            FeedItem(
                guid=article_guid(article),
                title=xml_safe(article.title),
                link=links.url(article.url_path) or "",
                language=article.locale.language_code,
                published=published,
                updated=updated,
                teaser=xml_safe(raw_teaser(article)),
                authors=[xml_safe(byline.author.name) for byline in article.bylines.all()]
                or [fallback_author],
                sections=[xml_safe(p.section.title) for p in article.listed_placements],
                tags=[xml_safe(tagged.tag.name) for tagged in article.tagged_items.all()],
                content_html=xml_safe(content_html) if content_html is not None else None,
                image=image,
            )
        )
    return items
