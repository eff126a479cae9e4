"""Old WordPress URLs: how they are normalised, stored, and where they lead today."""

from __future__ import annotations

from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from django.urls import NoReverseMatch, reverse
from django.utils import translation
from wagtail.models import Page

from muhabir.search.templatetags.search_tags import search_url
from muhabir.wordpress.models import LegacyLink

# The query parameters that name a WordPress item on their own (/?p=123, /?cat=4).
ITEM_PARAMETERS = ("p", "page_id", "attachment_id", "cat", "tag")
MAX_PATH = LegacyLink._meta.get_field("path").max_length


def normalise(path: str, query: str | dict = "") -> str:
    """The lookup key of a path and query: decoded, lower case, no trailing slash, and only
    the one parameter that identifies a WordPress item (``/?p=123``)."""
    path = "/" + unquote(path).strip().strip("/").lower()
    parameters = dict(parse_qsl(query)) if isinstance(query, str) else query
    for name in ITEM_PARAMETERS:
        value = (parameters.get(name) or "").strip()
        if value:
            return f"{path}?{urlencode({name: value.lower()})}"
    return path


def key_of_url(url: str) -> str:
    """The lookup key of an absolute or relative URL from the export."""
    parts = urlsplit(url.strip())
    return normalise(parts.path, parts.query)


def public_page(page_id: int | None) -> Page | None:
    """The page if readers may see it: live, and not behind a privacy restriction."""
    if page_id is None:
        return None
    return Page.objects.live().public().filter(pk=page_id).first()


def target_url(link: LegacyLink, request=None) -> str | None:
    """Where ``link`` leads now, or None when the target is not public (a plain 404)."""
    kind = link.kind
    if kind in (LegacyLink.Kind.PAGE, LegacyLink.Kind.AUTHOR):
        page = public_page(link.page_id)
        return page.get_url(request=request) if page is not None else None
    language = link.language or None
    with translation.override(language):
        try:
            if kind == LegacyLink.Kind.FEED:
                if link.page_id is None:
                    return reverse("feeds:rss")
                section = public_page(link.page_id)
                if section is None:
                    return None
                return reverse("feeds:section_rss", kwargs={"slug": section.slug})
            if kind == LegacyLink.Kind.TAG_FEED:
                return reverse("feeds:tag_rss", kwargs={"slug": link.value})
            if kind == LegacyLink.Kind.TAG:
                # There are no tag pages: a search for the tag's name lists its articles.
                return f"{search_url(language)}?{urlencode({'q': link.value})}"
        except NoReverseMatch:
            return None
    return None
