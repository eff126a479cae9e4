"""Feed HTML made safe and cut into article body blocks.

Feeds carry whatever their publisher's CMS writes: scripts, inline styles, layout
tables, tracking pixels. What survives is what Wagtail's rich text can hold (the
features of ``newsroom.blocks.RICH_TEXT_FEATURES``), plus headings and quotes, which
become blocks of their own.
"""

from __future__ import annotations

import html
from urllib.parse import urljoin

import lxml.etree
import lxml.html
import nh3
from django.utils.html import escape, strip_tags
from wagtail.rich_text import RichText

from muhabir.core import text
from muhabir.core.links import safe_link

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
FLOW = {"p", "ul", "ol"}
ALLOWED_TAGS = {"p", "br", "b", "strong", "i", "em", "a", "ul", "ol", "li", "blockquote", *HEADINGS}
# Wagtail stores bold and italic as <b> and <i>; the editor reads them back as such.
RENAMES = {"strong": "b", "em": "i"}
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
IMAGE_SCHEMES = frozenset({"http", "https"})

Block = tuple[str, object]


def clean_html(markup: str) -> str:
    """Only the allowed tags, and of attributes only a link's address."""
    return nh3.clean(
        markup,
        tags=ALLOWED_TAGS,
        attributes={"*": set(), "a": {"href"}},
        link_rel=None,
        url_schemes=LINK_SCHEMES,
        strip_comments=True,
    )


def plain_text(markup: str) -> str:
    """The words of an HTML fragment on one line, entities decoded."""
    spaced = markup.replace("</p>", "</p> ").replace("<br", " <br").replace("</li>", "</li> ")
    return text.squash_whitespace(html.unescape(strip_tags(spaced)))


def text_to_html(plain: str) -> str:
    """Plain text with blank lines between paragraphs, as paragraphs."""
    paragraphs = [part.strip() for part in plain.replace("\r\n", "\n").split("\n\n")]
    return "".join(
        "<p>{}</p>".format(escape(part).replace("\n", "<br>")) for part in paragraphs if part
    )


def first_image(markup: str, *, base_url: str = "") -> tuple[str, str] | None:
    """The address and alt text of the first image in ``markup`` that has an address."""
    root = _fragment(markup)
    if root is None:
        return None
    for image in root.iter("img"):
        src = (image.get("src") or "").strip()
        # http(s) only: a data: picture is not fetched, a javascript: one not followed.
        address = safe_link(urljoin(base_url, src), schemes=IMAGE_SCHEMES) if src else ""
        if address:
            return address, text.squash_whitespace(image.get("alt") or "")
    return None


def html_to_blocks(markup: str, *, base_url: str = "") -> list[Block]:
    """Body blocks from feed HTML: paragraphs, subheadings and quotes.

    Runs of paragraphs and lists make one rich-text block; each heading and each
    quotation starts a block of its own. Relative links are resolved against
    ``base_url`` (the item's link): rich text needs absolute ones.
    """
    root = _fragment(clean_html(markup))
    if root is None:
        return []
    for element in root.iter(*RENAMES):
        element.tag = RENAMES[element.tag]
    _absolute_links(root, base_url)

    blocks: list[Block] = []
    flow: list[str] = []
    inline: list[str] = []

    def end_inline() -> None:
        fragment = "".join(inline).strip()
        inline.clear()
        if _has_text(fragment):
            flow.append(f"<p>{fragment}</p>")

    def end_flow() -> None:
        end_inline()
        if flow:
            blocks.append(("paragraph", RichText("".join(flow))))
            flow.clear()

    inline.append(escape(root.text or ""))
    for element in root:
        tail = escape(element.tail or "")
        if element.tag in HEADINGS:
            end_flow()
            heading = text.squash_whitespace(element.text_content())
            if heading:
                blocks.append(("subheading", heading[:255]))
        elif element.tag == "blockquote":
            end_flow()
            quote = _quote_text(element)
            if quote:
                blocks.append(("quote", {"text": quote, "speaker": "", "role": ""}))
        elif element.tag in FLOW:
            end_inline()
            serialised = _serialise(element)
            if element.text_content().strip():
                flow.append(serialised)
        else:
            inline.append(_serialise(element))
        inline.append(tail)
    end_flow()
    return blocks


def _fragment(markup: str):
    if not markup or not markup.strip():
        return None
    try:
        return lxml.html.fragment_fromstring(markup, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return None


def _serialise(element) -> str:
    return lxml.html.tostring(element, encoding="unicode", with_tail=False)


def _has_text(fragment: str) -> bool:
    return bool(plain_text(fragment))


def _quote_text(element) -> str:
    paragraphs = [text.squash_whitespace(p.text_content()) for p in element.iter("p")]
    paragraphs = [p for p in paragraphs if p]
    if paragraphs:
        return "\n\n".join(paragraphs)
    return text.squash_whitespace(element.text_content())


def _absolute_links(root, base_url: str) -> None:
    for link in root.iter("a"):
        href = (link.get("href") or "").strip()
        if href and base_url:
            href = urljoin(base_url, href)
        # As a browser reads it: "java\tscript:" and "JaVaScRiPt:" are javascript: too.
        href = safe_link(href, schemes=LINK_SCHEMES)
        if href:
            link.set("href", href)
        else:
            # A link the reader cannot follow keeps its words and loses the link.
            link.drop_tag()
