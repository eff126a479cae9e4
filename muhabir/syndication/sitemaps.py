"""Sitemaps: an index of paged sitemaps with language alternates, Google News, the
directory's entries, robots.txt.

Written as text rather than through templates: a page holds up to
``MUHABIR_SITEMAP_PAGE_SIZE`` URLs, each with its translations, and the template engine
would spend most of the request on the loop.

The sitemap 0.9 schema wants at least one ``<url>`` in a urlset and one ``<sitemap>`` in
an index: a document that would be empty answers 404 and the index leaves it out.
"""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe
from wagtail.models import Site

from muhabir.core.metadata import absolute, hreflang_alternates, local_iso
from muhabir.directory.models import ENTRY_KINDS, DirectoryPage
from muhabir.directory.selectors import entries_public
from muhabir.home.models import HomePage, SiteSettings
from muhabir.newsroom.models import SectionPage
from muhabir.syndication import selectors
from muhabir.syndication.http import conditional_response, newest
from muhabir.syndication.links import PageLinks
from muhabir.syndication.xml import xml_text

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
XML_CONTENT_TYPE = "application/xml; charset=utf-8"
# The protocol allows 50,000; smaller pages keep each response quick to build and fetch.
DEFAULT_PAGE_SIZE = 10_000
MAX_PAGE_SIZE = 50_000
# No site has this many pages; a larger page number would overflow the database's OFFSET.
MAX_SITEMAP_OFFSET = 2**31
# Listed, without news metadata, when nothing is fresh enough for Google News.
NEWS_SITEMAP_QUIET_LENGTH = 10


def page_size() -> int:
    return max(
        1, min(getattr(settings, "MUHABIR_SITEMAP_PAGE_SIZE", DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE)
    )


def _site(request: HttpRequest) -> Site:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    return site


def _xml_response(request: HttpRequest, parts: list[str], last_modified) -> HttpResponse:
    response = HttpResponse("".join(parts), content_type=XML_CONTENT_TYPE)
    return conditional_response(request, response, last_modified=last_modified)


@require_safe
def sitemap_index(request: HttpRequest) -> HttpResponse:
    """``/sitemap.xml``: the paged sitemaps and the news sitemap."""
    site = _site(request)
    chunks = selectors.sitemap_chunks(site=site, size=page_size())
    entries = []
    for number, lastmod in enumerate(chunks, start=1):
        loc = absolute(request, reverse("syndication:sitemap_page", kwargs={"number": number}))
        entry = f"<sitemap><loc>{xml_text(loc)}</loc>"
        if lastmod is not None:
            entry += f"<lastmod>{local_iso(lastmod)}</lastmod>"
        entries.append(entry + "</sitemap>\n")
    if selectors.has_articles(site=site):
        loc = absolute(request, reverse("syndication:news_sitemap"))
        entries.append(f"<sitemap><loc>{xml_text(loc)}</loc></sitemap>\n")
    if _directory_pages():
        loc = absolute(request, reverse("syndication:directory_sitemap"))
        entries.append(f"<sitemap><loc>{xml_text(loc)}</loc></sitemap>\n")
    if not entries:
        raise Http404
    parts = [XML_DECLARATION, f'<sitemapindex xmlns="{SITEMAP_NS}">\n', *entries]
    parts.append("</sitemapindex>\n")
    last_modified = newest(*chunks, selectors.visibility_changed_at())
    return _xml_response(request, parts, last_modified)


def _alternates(
    rows: list[dict], translations: list[dict], links: PageLinks
) -> dict[int, list[tuple[str, str]]]:
    by_key: dict[str, dict[str, str]] = defaultdict(dict)
    for translation in translations:
        url = links.url(translation["url_path"])
        if url is not None:
            by_key[translation["key"]][translation["locale__language_code"]] = url
    result = {}
    for row in rows:
        pairs = hreflang_alternates(by_key.get(row["key"], {}))
        if pairs:
            result[row["pk"]] = pairs
    return result


@require_safe
def sitemap_page(request: HttpRequest, number: int) -> HttpResponse:
    """``/sitemap-<n>.xml``: up to one page of URLs, each with its translations."""
    site = _site(request)
    size = page_size()
    offset = (number - 1) * size
    if number < 1 or offset >= MAX_SITEMAP_OFFSET:
        raise Http404
    rows = selectors.sitemap_rows(site=site, offset=offset, limit=size)
    if not rows:
        raise Http404
    links = PageLinks(request)
    listing_types = {
        ContentType.objects.get_for_model(HomePage).pk,
        ContentType.objects.get_for_model(SectionPage).pk,
    }
    listing_ids = [row["pk"] for row in rows if row["content_type_id"] in listing_types]
    listing_dates = selectors.listing_updated(page_ids=listing_ids)
    translations = selectors.sitemap_translations(site=site, offset=offset, limit=size)
    alternates = _alternates(rows, translations, links)

    parts = [XML_DECLARATION, f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">\n']
    newest_lastmod = None
    tz = timezone.get_current_timezone()
    for row in rows:
        loc = links.url(row["url_path"])
        if loc is None:
            continue
        lastmod = newest(row["last_published_at"], listing_dates.get(row["pk"]))
        newest_lastmod = newest(newest_lastmod, lastmod)
        parts.append(f"<url><loc>{xml_text(loc)}</loc>")
        if lastmod is not None:
            parts.append(f"<lastmod>{local_iso(lastmod, tz)}</lastmod>")
        for language, href in alternates.get(row["pk"], ()):
            parts.append(
                f'<xhtml:link rel="alternate" hreflang="{xml_text(language)}" '
                f'href="{xml_text(href)}"/>'
            )
        parts.append("</url>\n")
    parts.append("</urlset>\n")
    last_modified = newest(newest_lastmod, selectors.visibility_changed_at())
    return _xml_response(request, parts, last_modified)


@require_safe
def news_sitemap(request: HttpRequest) -> HttpResponse:
    """``/news-sitemap.xml``: articles of the last two days for Google News.

    On a quiet day the newest articles stand in, without news metadata, as Google's
    documentation allows for older articles: an empty urlset breaks the sitemap schema,
    and a 404 would be reported as an error of a sitemap Google already knows. Only a
    site without any article answers 404 (and the index and robots.txt leave it out).
    """
    site = _site(request)
    articles = selectors.news_articles(site=site)
    fresh = bool(articles)
    if not fresh:
        articles = selectors.newest_articles(site=site, limit=NEWS_SITEMAP_QUIET_LENGTH)
    links = PageLinks(request)
    urls = [(links.url(article["url_path"]), article) for article in articles]
    urls = [(loc, article) for loc, article in urls if loc is not None]
    if not urls:
        raise Http404
    publication = SiteSettings.for_request(request).site_name if fresh else ""
    parts = [XML_DECLARATION, f'<urlset xmlns="{SITEMAP_NS}" xmlns:news="{NEWS_NS}">\n']
    for loc, article in urls:
        if not fresh:
            parts.append(f"<url><loc>{xml_text(loc)}</loc></url>\n")
            continue
        parts.append(
            f"<url><loc>{xml_text(loc)}</loc><news:news><news:publication>"
            f"<news:name>{xml_text(publication)}</news:name>"
            f"<news:language>{xml_text(article['locale__language_code'])}</news:language>"
            "</news:publication>"
            f"<news:publication_date>{local_iso(article['published_date'])}"
            "</news:publication_date>"
            f"<news:title>{xml_text(article['title'])}</news:title>"
            "</news:news></url>\n"
        )
    parts.append("</urlset>\n")
    last_modified = newest(
        max((a["published_date"] for a in articles), default=None),
        selectors.visibility_changed_at(),
    )
    return _xml_response(request, parts, last_modified)


def _directory_pages() -> list[DirectoryPage]:
    # Not in syndication.selectors: the directory's views import the head metadata, which
    # reads feeds through that module, and the directory's models import its views.
    return list(
        DirectoryPage.objects.live().public().select_related("locale").order_by("locale_id")
    )


@require_safe
def directory_sitemap(request: HttpRequest) -> HttpResponse:
    """``/sitemap-directory.xml``: every published entry, in each language with a directory."""
    pages = _directory_pages()
    parts = [XML_DECLARATION, f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">\n']
    last_modified = None
    # The directory's own pages: the start page and each kind's list.
    for kind in ("start", *ENTRY_KINDS):
        parts.append(_directory_url(request, pages, kind, "", None))
    for kind, model in ENTRY_KINDS.items():
        for slug, updated in entries_public(model).order_by("pk").values_list("slug", "updated_at"):
            last_modified = newest(last_modified, updated)
            parts.append(_directory_url(request, pages, kind, f"{slug}/", updated))
    parts.append("</urlset>\n")
    return _xml_response(request, parts, last_modified)


def _directory_url(request, pages, kind: str, rest: str, updated) -> str:
    versions = [(page.language, absolute(request, page.url_for(kind, rest))) for page in pages]
    if not versions:
        return ""
    out = []
    for _language, loc in versions:
        out.append(f"<url><loc>{xml_text(loc)}</loc>")
        if updated is not None:
            out.append(f"<lastmod>{local_iso(updated)}</lastmod>")
        if len(versions) > 1:
            for language, href in versions:
                out.append(
                    f'<xhtml:link rel="alternate" hreflang="{xml_text(language)}" '
                    f'href="{xml_text(href)}"/>'
                )
        out.append("</url>\n")
    return "".join(out)


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """``/robots.txt``: everything but the admin may be crawled; where the sitemaps are."""
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('wagtailadmin_home')}",
        "",
        f"Sitemap: {absolute(request, reverse('syndication:sitemap_index'))}",
    ]
    site = Site.find_for_request(request)
    if site is not None and selectors.has_articles(site=site):
        lines.append(f"Sitemap: {absolute(request, reverse('syndication:news_sitemap'))}")
    lines.append("")
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
