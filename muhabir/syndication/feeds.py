"""RSS 2.0, Atom 1.0 and JSON Feed 1.1 of a language, a section or a tag.

RSS and Atom come from Django's feed generators, extended with Media RSS (the lead image
with its credit), ``content:encoded``/Atom content for the full text, and one author
element per byline. JSON Feed has no generator in Django and is written here.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.models import Site

from muhabir.core.metadata import absolute, local_iso
from muhabir.home.models import SiteSettings
from muhabir.pagecache.fragments import remembered
from muhabir.syndication import selectors
from muhabir.syndication.http import conditional_response, newest
from muhabir.syndication.items import FeedItem, feed_items
from muhabir.syndication.links import PageLinks

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
MEDIA_NS = "http://search.yahoo.com/mrss/"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
JSON_FEED_CONTENT_TYPE = "application/feed+json; charset=utf-8"
LOGO_PATH = "muhabir/img/logo.png"
LOGO_SIZE = 512
FORMATS = ("rss", "atom", "json")
# Only when there is nothing else to date an empty feed by: it must not change on reload.
EPOCH = dt.datetime(2019, 1, 1, tzinfo=dt.UTC)


@dataclass
class FeedSource:
    """A feed's own description: what it lists and where it lives."""

    title: str
    description: str
    link: str
    language: str
    author: str
    logo: str
    urls: dict[str, str]
    updated: dt.datetime


def _local(value: dt.datetime) -> dt.datetime:
    return timezone.localtime(value).replace(microsecond=0)


def _media_content(handler, item: FeedItem) -> None:
    image = item.image
    if image is None:
        return
    handler.startElement(
        "media:content",
        {
            "url": image.url,
            "type": image.mime_type,
            "medium": "image",
            "width": str(image.width),
            "height": str(image.height),
            "fileSize": str(image.length),
        },
    )
    if image.caption:
        handler.addQuickElement("media:description", image.caption, {"type": "plain"})
    if image.credit:
        handler.addQuickElement("media:credit", image.credit)
    handler.endElement("media:content")


class MuhabirRssFeed(Rss201rev2Feed):
    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": CONTENT_NS,
            "xmlns:dc": DC_NS,
            "xmlns:media": MEDIA_NS,
        }

    def latest_post_date(self):
        return self.feed["updated"]

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        handler.startElement("image", {})
        handler.addQuickElement("url", self.feed["logo"])
        handler.addQuickElement("title", self.feed["title"])
        handler.addQuickElement("link", self.feed["link"])
        handler.endElement("image")

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        feed_item: FeedItem = item["feed_item"]
        for author in feed_item.authors:
            handler.addQuickElement("dc:creator", author)
        if feed_item.content_html is not None:
            handler.addQuickElement("content:encoded", feed_item.content_html)
        _media_content(handler, feed_item)


class MuhabirAtomFeed(Atom1Feed):
    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_NS}

    def item_attributes(self, item):
        # An untranslated article listed for readers of another language.
        language = item["feed_item"].language
        return {"xml:lang": language} if language != self.feed["language"] else {}

    def latest_post_date(self):
        return self.feed["updated"]

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        handler.addQuickElement("icon", self.feed["logo"])

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        feed_item: FeedItem = item["feed_item"]
        for author in feed_item.authors:
            handler.startElement("author", {})
            handler.addQuickElement("name", author)
            handler.endElement("author")
        if feed_item.content_html is not None:
            handler.addQuickElement("content", feed_item.content_html, {"type": "html"})
        _media_content(handler, feed_item)


def render_xml(source: FeedSource, items: list[FeedItem], generator_class) -> str:
    """The feed as RSS or Atom, depending on ``generator_class``."""
    kind = "rss" if generator_class is MuhabirRssFeed else "atom"
    feed = generator_class(
        title=source.title,
        link=source.link,
        description=source.description,
        language=source.language,
        author_name=source.author,
        feed_url=source.urls[kind],
        feed_guid=source.urls[kind],
        updated=_local(source.updated),
        logo=source.logo,
    )
    for item in items:
        feed.add_item(
            title=item.title,
            link=item.link,
            # Both formats declare the description as HTML; the teaser is plain text.
            description=html.escape(item.teaser, quote=False),
            pubdate=_local(item.published),
            updateddate=_local(item.updated),
            unique_id=item.guid,
            unique_id_is_permalink=False,
            categories=item.categories,
            enclosures=[Enclosure(item.image.url, str(item.image.length), item.image.mime_type)]
            if item.image is not None
            else None,
            feed_item=item,
        )
    return feed.writeString("utf-8")


def render_json(source: FeedSource, items: list[FeedItem]) -> str:
    """The feed as JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/)."""
    feed = {
        "version": JSON_FEED_VERSION,
        "title": source.title,
        "home_page_url": source.link,
        "feed_url": source.urls["json"],
        "description": source.description,
        "icon": source.logo,
        "language": source.language,
        "authors": [{"name": source.author, "url": source.link}],
        "items": [_json_item(item) for item in items],
    }
    return json.dumps(feed, ensure_ascii=False, separators=(",", ":"))


def _json_item(item: FeedItem) -> dict:
    result = {
        "id": item.guid,
        "url": item.link,
        "title": item.title,
        "summary": item.teaser,
        "date_published": local_iso(item.published),
        "date_modified": local_iso(item.updated),
        "authors": [{"name": author} for author in item.authors],
        "tags": item.categories,
        "language": item.language,
    }
    if item.content_html is not None:
        result["content_html"] = item.content_html
    else:
        result["content_text"] = item.teaser
    if item.image is not None:
        result["image"] = item.image.url
        result["attachments"] = [
            {
                "url": item.image.url,
                "mime_type": item.image.mime_type,
                "title": item.image.caption or item.image.alt,
                "size_in_bytes": item.image.length,
            }
        ]
        # JSON Feed has no field for a photo credit; extensions start with "_".
        result["_muhabir"] = {
            "image_caption": item.image.caption,
            "image_credit": item.image.credit,
        }
    return result


def feed_urls(request: HttpRequest | None, *, section: str = "", tag: str = "") -> dict[str, str]:
    """The absolute URLs of the RSS, Atom and JSON versions of one feed."""
    prefix, kwargs = "", {}
    if section:
        prefix, kwargs = "section_", {"slug": section}
    elif tag:
        prefix, kwargs = "tag_", {"slug": tag}
    return {
        kind: absolute(request, reverse(f"feeds:{prefix}{kind}", kwargs=kwargs)) for kind in FORMATS
    }


def logo_url(request: HttpRequest | None) -> str:
    return absolute(request, static(LOGO_PATH))


def _describe(request, *, site_name: str, home, section, tag) -> tuple[str, str, str]:
    """The title, description and home-page link of a feed."""
    links = PageLinks(request)
    link = links.page_url(home) or absolute(request, "/")
    if section is not None:
        return (
            # Translators: the title of a section's feed, e.g. "Muhabirce NRW – Toplum".
            _("%(site)s – %(section)s") % {"site": site_name, "section": section.title},
            section.intro
            or _("The newest articles of %(section)s on %(site)s")
            % {"section": section.title, "site": site_name},
            links.page_url(section) or link,
        )
    if tag is not None:
        return (
            # Translators: the title of a tag's feed.
            _("%(site)s – tagged “%(tag)s”") % {"site": site_name, "tag": tag.name},
            _("The newest articles tagged “%(tag)s” on %(site)s")
            % {"tag": tag.name, "site": site_name},
            link,
        )
    description = home.tagline or _("The newest articles of %(site)s") % {"site": site_name}
    return site_name, description, link


def _serve(request: HttpRequest, kind: str, *, section_slug: str = "", tag_slug: str = ""):
    # The same bytes for every reader: kept until an article, section or setting changes.
    body, content_type, last_modified = remembered(
        request,
        "feed",
        [kind, section_slug, tag_slug],
        lambda: _build(request, kind, section_slug=section_slug, tag_slug=tag_slug),
    )
    response = HttpResponse(body, content_type=content_type)
    return conditional_response(request, response, last_modified=last_modified)


def _build(request: HttpRequest, kind: str, *, section_slug: str, tag_slug: str):
    """The feed's body, its content type and when what it shows last changed."""
    site = Site.find_for_request(request)
    language = get_language()
    home = selectors.language_home(site=site, language=language) if site else None
    if home is None:
        raise Http404
    section = tag = None
    if section_slug:
        section = selectors.home_section(home=home, slug=section_slug)
        if section is None:
            raise Http404
    if tag_slug:
        tag = selectors.public_tag(site=site, slug=tag_slug)
        if tag is None:
            raise Http404
    site_settings = SiteSettings.for_request(request)
    site_name = site_settings.site_name
    title, description, link = _describe(
        request, site_name=site_name, home=home, section=section, tag=tag
    )

    articles = selectors.feed_articles(
        site=site, home=home, section=section, tag_slug=tag_slug or None
    )
    items = feed_items(
        articles,
        request=request,
        full_text=site_settings.feed_full_text,
        fallback_author=site_name,
    )
    items_updated = max((item.updated for item in items), default=None)
    last_modified = newest(items_updated, selectors.visibility_changed_at())
    source = FeedSource(
        title=title,
        description=description,
        link=link,
        language=language,
        author=site_name,
        logo=logo_url(request),
        urls=feed_urls(request, section=section_slug, tag=tag_slug),
        updated=items_updated or last_modified or EPOCH,
    )
    if kind == "json":
        return render_json(source, items), JSON_FEED_CONTENT_TYPE, last_modified
    generator = MuhabirRssFeed if kind == "rss" else MuhabirAtomFeed
    return render_xml(source, items, generator), generator.content_type, last_modified


@require_safe
def language_feed(request: HttpRequest, kind: str) -> HttpResponse:
    """The newest articles of the language in the URL prefix."""
    return _serve(request, kind)


@require_safe
def section_feed(request: HttpRequest, kind: str, slug: str) -> HttpResponse:
    """The newest articles filed under or placed in one section."""
    return _serve(request, kind, section_slug=slug)


@require_safe
def tag_feed(request: HttpRequest, kind: str, slug: str) -> HttpResponse:
    """The newest articles of the language with one tag."""
    return _serve(request, kind, tag_slug=slug)
