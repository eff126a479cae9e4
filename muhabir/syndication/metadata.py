"""What the head of a public page tells search engines, link previews and feed readers.

Canonical URL and language alternates, OpenGraph and Twitter cards, schema.org JSON-LD
(NewsArticle, BreadcrumbList; Organization and WebSite on the front page) and the feeds.
"""

from __future__ import annotations

import html

from babel.core import get_global
from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.html import strip_tags
from django.utils.translation import get_language, override
from wagtail.models import Page, Site

from muhabir.core import text
from muhabir.core.metadata import (
    SCHEMA_CONTEXT,
    FeedLink,
    HeadMetadata,
    RouteHead,
    absolute,
    breadcrumbs,
    hreflang_alternates,
    local_iso,
    public_base,
)
from muhabir.home.models import HomePage
from muhabir.home.navigation import SiteNavigation, site_navigation
from muhabir.newsroom.models import ArticlePage, ArticlePageAuthor, SectionPage
from muhabir.pagecache.fragments import remembered
from muhabir.syndication.feeds import LOGO_SIZE, feed_urls, logo_url
from muhabir.syndication.items import raw_teaser
from muhabir.syndication.links import PageLinks
from muhabir.syndication.renditions import FEED_IMAGE_FILTER, STRUCTURED_DATA_FILTERS
from muhabir.syndication.share_images import ShareImage, default_share_image

FEED_TYPES = {
    "rss": ("application/rss+xml", "RSS"),
    "atom": ("application/atom+xml", "Atom"),
    "json": ("application/feed+json", "JSON Feed"),
}


# OpenGraph's locale for each content language. Babel's table of likely territories would
# answer for any language, but reading it keeps 2 MB in every worker; it is read only for
# a language added to LANGUAGES later.
OPENGRAPH_LOCALES = {"tr": "tr_TR", "de": "de_DE"}


def opengraph_locale(language: str) -> str:
    """``tr`` → ``tr_TR``: OpenGraph wants a territory."""
    if language in OPENGRAPH_LOCALES:
        return OPENGRAPH_LOCALES[language]
    likely = get_global("likely_subtags").get(language, language)
    parts = likely.split("_")
    return f"{parts[0]}_{parts[-1]}" if len(parts) > 1 else language


def feed_links(
    request: HttpRequest | None, *, site_name: str, section: Page | None = None
) -> list[FeedLink]:
    """The feeds of the active language and, on a section or article, of that section."""
    links = [
        FeedLink(type=mime, title=f"{site_name} ({label})", href=href)
        for kind, href in feed_urls(request).items()
        for mime, label in [FEED_TYPES[kind]]
    ]
    if section is not None:
        links += [
            FeedLink(type=mime, title=f"{site_name} – {section.title} ({label})", href=href)
            for kind, href in feed_urls(request, section=section.slug).items()
            for mime, label in [FEED_TYPES[kind]]
        ]
    return links


def _navigation(request: HttpRequest) -> SiteNavigation:
    # The masthead asks for the same cached navigation; share it.
    if not hasattr(request, "_muhabir_navigation"):
        request._muhabir_navigation = site_navigation(Site.find_for_request(request))
    return request._muhabir_navigation


def organization(request: HttpRequest, site_name: str) -> dict:
    base = public_base(request)
    return {
        "@type": "NewsMediaOrganization",
        "@id": f"{base}/#organization",
        "name": site_name,
        "url": f"{base}/",
        "logo": {
            "@type": "ImageObject",
            "url": logo_url(request),
            "width": LOGO_SIZE,
            "height": LOGO_SIZE,
        },
    }


def search_url_template(request: HttpRequest, language: str) -> str | None:
    """Where a search in ``language`` takes its query (``/tr/ara/?q=…``), for a SearchAction."""
    with override(language):
        for name in (f"search:page_{language}", "search:page"):
            try:
                path = reverse(name)
            except NoReverseMatch:
                continue
            return f"{absolute(request, path)}?q={{search_term_string}}"
    return None


def _description(page: Page) -> str:
    if page.search_description:
        return page.search_description
    if isinstance(page, ArticlePage):
        return raw_teaser(page)
    if isinstance(page, SectionPage):
        return page.intro
    if isinstance(page, HomePage):
        return page.tagline
    body = getattr(page, "body", "")
    return text.teaser(html.unescape(strip_tags(body))) if isinstance(body, str) else ""


def page_metadata(request: HttpRequest, page: Page, *, page_number: int = 1) -> HeadMetadata:
    """Everything ``syndication/head.html`` writes for ``page``."""
    navigation = _navigation(request)
    site_name = navigation.site_name
    language = page.locale.language_code
    links = PageLinks(request)

    canonical = links.page_url(page) or request.build_absolute_uri(request.path)
    if page_number > 1:
        canonical = f"{canonical}?page={page_number}"

    versions = {
        translation.locale.language_code: links.page_url(translation)
        for translation in Page.objects.filter(translation_key=page.translation_key)
        .live()
        .public()
        .select_related("locale")
    }
    versions[language] = links.page_url(page)
    found = {code: url for code, url in versions.items() if url}
    # The same links as the page's entry in the sitemap.
    alternates = hreflang_alternates(found) if page_number == 1 else []

    title = page.seo_title or (site_name if isinstance(page, HomePage) else page.title)
    description = _description(page)
    metadata = HeadMetadata(canonical=canonical, alternates=alternates)
    og = metadata.opengraph
    og += [
        ("og:type", "article" if isinstance(page, ArticlePage) else "website"),
        ("og:title", title),
        ("og:url", canonical),
        ("og:site_name", site_name),
        ("og:locale", opengraph_locale(language)),
    ]
    og += [("og:locale:alternate", opengraph_locale(code)) for code in found if code != language]
    if description:
        og.append(("og:description", description))
    metadata.twitter += [("twitter:title", title)]
    if description:
        metadata.twitter.append(("twitter:description", description))

    crumbs = [] if isinstance(page, HomePage) else _home_crumb(request, navigation, language)

    section = None
    # Pages without a lead image of their own show the site's picture instead.
    share_image = (
        default_share_image(request, site_name)
        if getattr(page, "hero_image", None) is None
        else None
    )
    if isinstance(page, ArticlePage):
        section = page.primary_section
        _article_metadata(
            request, page, metadata, canonical, title, description, site_name, share_image
        )
        crumbs.append((section.title, links.page_url(section) or ""))
    elif isinstance(page, SectionPage):
        section = page
    if crumbs:
        crumbs.append((page.title, canonical))
        metadata.json_ld.append(breadcrumbs(crumbs))

    if isinstance(page, HomePage):
        metadata.json_ld += _home_json_ld(request, page, canonical, site_name, language)

    if share_image is not None:
        crop = share_image.crops[0]
        _preview_image(
            metadata, crop.url, share_image.mime_type, crop.width, crop.height, share_image.alt
        )
    metadata.feeds = feed_links(request, site_name=site_name, section=section)
    return metadata


def _home_crumb(
    request: HttpRequest, navigation: SiteNavigation, language: str
) -> list[tuple[str, str]]:
    """The front page of ``language`` as the first crumb; none if it is not live."""
    language_navigation = navigation.languages.get(language)
    if language_navigation is None:
        return []
    home = language_navigation.home
    return [(home.title, absolute(request, home.url))]


def route_metadata(request: HttpRequest, page: Page, route: RouteHead) -> HeadMetadata:
    """The head of a view routed below ``page``, such as the directory's.

    It is the page's own head, with the route's address, alternates, title, description and
    crumbs instead of the page's, and the route's JSON-LD documents and feeds after the page's.
    The page's own head is the same for all its routes and every reader: it is kept, and
    each call gets a copy of its own to change.
    """
    metadata = remembered(
        request, "syndication-route-head", [page], lambda: page_metadata(request, page)
    )
    metadata.canonical = route.canonical
    metadata.alternates = route.alternates
    replaced = {"og:url": route.canonical, "og:title": route.title, "twitter:title": route.title}
    if route.description:
        replaced |= {"og:description": route.description, "twitter:description": route.description}
    for name, prefix in (("opengraph", "og:"), ("twitter", "twitter:")):
        pairs = [(key, replaced.pop(key, value)) for key, value in getattr(metadata, name)]
        pairs += [(key, value) for key, value in replaced.items() if key.startswith(prefix)]
        setattr(metadata, name, pairs)
    crumbs = _home_crumb(request, _navigation(request), page.locale.language_code)
    metadata.json_ld = [breadcrumbs(crumbs + route.crumbs), *route.json_ld]
    metadata.feeds += route.feeds
    return metadata


def _home_json_ld(
    request: HttpRequest, page: Page, canonical: str, site_name: str, language: str
) -> list[dict]:
    org = {"@context": SCHEMA_CONTEXT, **organization(request, site_name)}
    website = {
        "@context": SCHEMA_CONTEXT,
        "@type": "WebSite",
        "@id": f"{canonical}#website",
        "url": canonical,
        "name": site_name,
        "inLanguage": language,
        "publisher": {"@id": org["@id"]},
    }
    search = search_url_template(request, language)
    if search is not None:
        website["potentialAction"] = {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": search},
            "query-input": "required name=search_term_string",
        }
    if getattr(page, "tagline", ""):
        website["description"] = page.tagline
    return [org, website]


def _article_metadata(
    request: HttpRequest,
    page: ArticlePage,
    metadata: HeadMetadata,
    canonical: str,
    title: str,
    description: str,
    site_name: str,
    share_image: ShareImage | None,
) -> None:
    if not getattr(request, "is_preview", False):
        # The article template reads the same relations; loaded once here, they are
        # shared. A preview's relations live on the unsaved page and must not be replaced.
        prefetch_related_objects(
            [page],
            Prefetch("bylines", queryset=ArticlePageAuthor.objects.select_related("author")),
            "sections",
            "tags",
        )
    sections = page.all_sections()
    tags = [tag.name for tag in page.tags.all()]
    authors = [byline.author.name for byline in page.bylines.all()]
    published = page.date
    modified = page.last_published_at or page.latest_revision_created_at or published
    if published and modified and modified < published:
        modified = published

    og = metadata.opengraph
    if published:
        og.append(("article:published_time", local_iso(published)))
    if modified:
        og.append(("article:modified_time", local_iso(modified)))
    og.append(("article:section", sections[0].title))
    og += [("article:tag", tag) for tag in tags]

    images_ld = []
    if share_image is not None:
        images_ld = [
            {"@type": "ImageObject", "url": crop.url, "width": crop.width, "height": crop.height}
            for crop in share_image.crops
        ]
    else:
        renditions = page.hero_image.get_renditions(FEED_IMAGE_FILTER, *STRUCTURED_DATA_FILTERS)
        image = renditions[FEED_IMAGE_FILTER]
        _preview_image(
            metadata,
            request.build_absolute_uri(image.url),
            "image/jpeg",
            image.width,
            image.height,
            page.hero_image.description,
        )
        for spec in STRUCTURED_DATA_FILTERS:
            crop = renditions[spec]
            image_ld = {
                "@type": "ImageObject",
                "url": request.build_absolute_uri(crop.url),
                "width": crop.width,
                "height": crop.height,
            }
            if page.hero_display_caption:
                image_ld["caption"] = page.hero_display_caption
            if page.hero_display_credit:
                image_ld["creditText"] = page.hero_display_credit
            images_ld.append(image_ld)

    home_url = f"{public_base(request)}/"
    article = {
        "@context": SCHEMA_CONTEXT,
        "@type": "NewsArticle",
        "headline": title,
        "url": canonical,
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "inLanguage": page.locale.language_code,
        "articleSection": [section.title for section in sections],
        "author": [{"@type": "Person", "name": name} for name in authors]
        or [{"@type": "Organization", "name": site_name, "url": home_url}],
        "publisher": organization(request, site_name),
        "isAccessibleForFree": True,
    }
    if description:
        article["description"] = description
    if images_ld:
        article["image"] = images_ld
    if published:
        article["datePublished"] = local_iso(published)
    if modified:
        article["dateModified"] = local_iso(modified)
    if tags:
        article["keywords"] = tags
    metadata.json_ld.append(article)


def _preview_image(
    metadata: HeadMetadata, url: str, mime_type: str, width: int, height: int, alt: str
) -> None:
    """OpenGraph and a large Twitter card for the page's picture."""
    metadata.opengraph += [
        ("og:image", url),
        ("og:image:type", mime_type),
        ("og:image:width", str(width)),
        ("og:image:height", str(height)),
        ("og:image:alt", alt),
    ]
    metadata.twitter = [
        ("twitter:card", "summary_large_image"),
        *metadata.twitter,
        ("twitter:image", url),
        ("twitter:image:alt", alt),
    ]


def fallback_metadata(request: HttpRequest) -> HeadMetadata:
    """For pages that are not Wagtail pages (errors, search): only the feeds."""
    navigation = _navigation(request)
    if get_language() not in navigation.languages:
        return HeadMetadata()
    return HeadMetadata(feeds=feed_links(request, site_name=navigation.site_name))
