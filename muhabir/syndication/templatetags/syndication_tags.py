"""``{% syndication_head %}``: canonical URL, alternates, OpenGraph, JSON-LD and feed links."""

from __future__ import annotations

from django import template
from wagtail.models import Page

from muhabir.core.metadata import HeadMetadata, RouteHead
from muhabir.pagecache.fragments import remembered
from muhabir.syndication.metadata import fallback_metadata, page_metadata, route_metadata

register = template.Library()


def _page_number(context) -> int:
    # A section's later listing pages are pages of their own for search engines. A
    # section names its page number; its list is made only where the page shows it.
    number = context.get("page_number")
    if number is None:
        number = getattr(context.get("articles"), "number", 1)
    return number if isinstance(number, int) else 1


@register.inclusion_tag("syndication/head.html", takes_context=True)
def syndication_head(context) -> dict:
    request = context.get("request")
    page = context.get("page")
    metadata = HeadMetadata()
    route = context.get("route_head")
    if request is not None:
        if isinstance(route, RouteHead) and isinstance(page, Page):
            # Views routed below a page (the directory's) describe themselves.
            metadata = route_metadata(request, page, route)
        elif isinstance(page, Page) and page.pk and getattr(page, "locale_id", None):
            number = _page_number(context)
            # The same for every reader of the page: kept until what it names changes.
            metadata = remembered(
                request,
                "syndication-head",
                [page, number, request.path],
                lambda: page_metadata(request, page, page_number=number),
            )
        else:
            metadata = fallback_metadata(request)
    return {"metadata": metadata}
