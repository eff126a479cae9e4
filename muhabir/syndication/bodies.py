"""The full text of many articles as HTML for feeds, in a fixed number of queries.

Rendering each body through its block templates would look up the images of every
article one article at a time, and Wagtail's page-link handler looks up the active
locale once per link. Here all bodies are read from their raw stream data: the images
come in one query, and the links of all paragraphs are expanded in one pass, page
links from one query of live, public pages (a draft's address must not leak).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import partial

from django.db.models import Prefetch
from django.utils.html import escape, format_html, linebreaks
from wagtail.models import Page
from wagtail.rich_text import features
from wagtail.rich_text.rewriters import EmbedRewriter, LinkRewriter, MultiRuleRewriter

from muhabir.images.models import CustomImage, CustomRendition
from muhabir.newsroom.models import ArticlePage
from muhabir.syndication.links import PageLinks
from muhabir.syndication.renditions import INLINE_IMAGE_FILTER, existing_rendition

# An HTML comment survives the rewriter untouched and cannot occur in stored rich text.
_SEPARATOR = "<!--muhabir:paragraph-->"
_RELATIVE_URL = re.compile(r'(\s(?:href|src)=")(/(?!/))')


def absolutize(html: str, base: str) -> str:
    """Make root-relative links and image sources absolute; feed readers have no base URL."""
    return _RELATIVE_URL.sub(lambda match: match.group(1) + base + "/", html)


def absolutize_url(url: str, base: str) -> str:
    if url.startswith("/") and not url.startswith("//"):
        return base + url
    return url


def figure_html(*, url: str, width: int, height: int, alt: str, caption: str, credit: str) -> str:
    """An image with its caption and credit, as the article page shows it."""
    figcaption = ""
    if caption or credit:
        credit_html = format_html(' <span class="credit">{}</span>', credit) if credit else ""
        figcaption = format_html("<figcaption>{}{}</figcaption>", caption, credit_html)
    return format_html(
        '<figure><img src="{}" width="{}" height="{}" alt="{}">{}</figure>',
        url,
        width,
        height,
        alt,
        figcaption,
    )


def _images(bodies: list[list[dict]]) -> dict[int, CustomImage]:
    ids = {
        block["value"].get("image")
        for body in bodies
        for block in body
        if block["type"] == "image" and isinstance(block["value"], dict)
    }
    ids.discard(None)
    if not ids:
        return {}
    images = CustomImage.objects.filter(pk__in=ids).prefetch_related(
        Prefetch(
            "renditions", queryset=CustomRendition.objects.filter(filter_spec=INLINE_IMAGE_FILTER)
        )
    )
    return {image.pk: image for image in images}


def _image_html(value: dict, images: dict[int, CustomImage], base: str) -> str:
    image = images.get(value.get("image"))
    if image is None:
        return ""
    rendition = existing_rendition(image, INLINE_IMAGE_FILTER)
    return figure_html(
        url=absolutize_url(rendition.url, base),
        width=rendition.width,
        height=rendition.height,
        alt=image.description,
        caption=value.get("caption") or image.default_caption,
        credit=value.get("credit") or image.credit,
    )


def _quote_html(value: dict) -> str:
    speaker = value.get("speaker") or ""
    role = value.get("role") or ""
    caption = ""
    if speaker:
        caption = format_html(
            "<figcaption>— {}{}</figcaption>", speaker, f", {role}" if role else ""
        )
    return format_html(
        "<figure><blockquote>{}</blockquote>{}</figure>",
        linebreaks(escape(value.get("text") or "")),
        caption,
    )


def _page_links(attrs_list: list[dict], *, links: PageLinks) -> list[str]:
    ids = {str(attrs.get("id")) for attrs in attrs_list}
    rows = Page.objects.live().public().filter(pk__in=[i for i in ids if i.isdigit()])
    urls = {str(pk): links.url(url_path) for pk, url_path in rows.values_list("pk", "url_path")}
    return [
        format_html('<a href="{}">', urls[key]) if urls.get(key) else "<a>"
        for key in (str(attrs.get("id")) for attrs in attrs_list)
    ]


def _rewriter(links: PageLinks) -> MultiRuleRewriter:
    link_rules = {
        linktype: handler.expand_db_attributes_many
        for linktype, handler in features.get_link_types().items()
    }
    link_rules["page"] = partial(_page_links, links=links)
    embed_rules = {
        embedtype: handler.expand_db_attributes_many
        for embedtype, handler in features.get_embed_types().items()
    }
    return MultiRuleRewriter(
        [LinkRewriter(bulk_rules=link_rules), EmbedRewriter(bulk_rules=embed_rules)]
    )


def bodies_html(articles: Iterable[ArticlePage], *, links: PageLinks) -> dict[int, str]:
    """The body of each article as self-contained HTML, keyed by article id."""
    base = links.base
    articles = list(articles)
    raw = {article.pk: list(article.body.raw_data) for article in articles}
    images = _images(list(raw.values()))

    paragraphs = [
        block["value"]
        for body in raw.values()
        for block in body
        if block["type"] == "paragraph" and isinstance(block["value"], str)
    ]
    expanded = iter(_rewriter(links)(_SEPARATOR.join(paragraphs)).split(_SEPARATOR))

    result = {}
    for pk, body in raw.items():
        parts = []
        for block in body:
            kind, value = block["type"], block["value"]
            if kind == "paragraph" and isinstance(value, str):
                parts.append(next(expanded))
            elif kind == "subheading":
                parts.append(format_html("<h2>{}</h2>", value))
            elif kind == "quote" and isinstance(value, dict):
                parts.append(_quote_html(value))
            elif kind == "image" and isinstance(value, dict):
                parts.append(_image_html(value, images, base))
            elif kind == "embed" and value:
                # The reader's app decides whether to load a third-party player; a link
                # costs no oEmbed request here.
                parts.append(format_html('<p><a href="{}">{}</a></p>', value, value))
        result[pk] = absolutize("\n".join(parts), base)
    return result
