"""``/sitemap-directory.xml``: every published entry, in each language that has a directory."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from muhabir.directory.models import ENTRY_KINDS, DirectoryPage
from muhabir.syndication.http import conditional_response, newest
from muhabir.syndication.links import absolute, local_iso
from muhabir.syndication.sitemaps import (
    SITEMAP_NS,
    XHTML_NS,
    XML_CONTENT_TYPE,
    XML_DECLARATION,
)
from muhabir.syndication.xml import xml_text


def directory_pages() -> list[DirectoryPage]:
    return list(
        DirectoryPage.objects.live().public().select_related("locale").order_by("locale_id")
    )


@require_safe
def directory_sitemap(request: HttpRequest) -> HttpResponse:
    pages = directory_pages()
    parts = [XML_DECLARATION, f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">\n']
    last_modified = None
    # The directory's own pages: the start page and each kind's list.
    for kind in ("start", *ENTRY_KINDS):
        parts.append(_url(request, pages, kind, "", None))
    for kind, model in ENTRY_KINDS.items():
        for slug, updated in (
            model.objects.filter(live=True).order_by("pk").values_list("slug", "updated_at")
        ):
            last_modified = newest(last_modified, updated)
            parts.append(_url(request, pages, kind, f"{slug}/", updated))
    parts.append("</urlset>\n")
    response = HttpResponse("".join(parts), content_type=XML_CONTENT_TYPE)
    return conditional_response(request, response, last_modified=last_modified)


def _url(request, pages, kind: str, rest: str, updated) -> str:
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
