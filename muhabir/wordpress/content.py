"""Turning a WordPress post's HTML into the blocks an article body holds.

Classic-editor posts are stored without ``<p>`` tags (WordPress adds them on output with
``wpautop``), block-editor posts with ``<!-- wp:... -->`` comments around real HTML. Both
are cleaned with nh3 and cut into paragraphs, subheadings, quotes and images.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import urljoin

import nh3
from lxml import html as lxml_html
from wagtail.embeds.oembed_providers import all_providers

from muhabir.core.links import WEB, WEB_AND_CONTACT, link_scheme, safe_link

BLOCK_TAGS = (
    "table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|"
    "area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|"
    "hgroup|header|footer|nav|figure|figcaption|details|menu|summary|iframe"
)
_BLOCK_OPEN = re.compile(rf"(<(?:{BLOCK_TAGS})[\s/>])", re.I)
_BLOCK_CLOSE = re.compile(rf"(</(?:{BLOCK_TAGS})>)", re.I)
_BLOCK_TAG = rf"</?(?:{BLOCK_TAGS})[^>]*>"

_GUTENBERG_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.S)
_CAPTION = re.compile(r"\[caption([^\]]*)\](.*?)\[/caption\]", re.S | re.I)
_EMBED = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.S | re.I)
_SHORTCODE = re.compile(r"\[(/?)([a-z][a-z0-9_-]*)((?:\s[^\]]*)?)\]", re.I)
KNOWN_SHORTCODES = {
    "gallery", "audio", "video", "playlist", "embed", "caption", "wp_caption", "contact-form-7",
    "contact-form", "youtube", "vimeo", "soundcloud", "tweet", "instagram", "button", "row",
    "column", "vc_row", "vc_column", "vc_column_text", "et_pb_section", "googlemaps",
}  # fmt: skip
_ATTACHMENT_CLASS = re.compile(r"\bwp-image-(\d+)\b")
_ATTACHMENT_ID = re.compile(r"attachment_(\d+)")

# "… Foto: Ilgın Şahin", "(Bild: Stadt Duisburg)", "© dpa" at the end of a caption.
_CREDIT = re.compile(
    r"^(?P<caption>.*?)[\s(\[|/,;–—-]*"
    r"(?P<credit>(?<!\w)(?:Foto(?:ğraf|s)?|Photo|Bild|Bildquelle)\s*:\s*[^()\[\]]+?|©\s*[^()\[\]]+?)"
    r"[\s)\].]*$",
    re.S | re.I,
)

_VIDEO = re.compile(
    r"^https?://(?:www\.|m\.)?(?:youtube\.com/(?:watch\?v=|embed/|shorts/)|youtu\.be/|"
    r"youtube-nocookie\.com/embed/|(?:player\.)?vimeo\.com/(?:video/)?)([\w-]+)",
    re.I,
)

ALLOWED_TAGS = {
    "p", "br", "b", "strong", "i", "em", "a", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5",
    "h6", "blockquote", "cite", "figure", "figcaption", "img", "iframe", "sup", "sub", "div",
    "section", "table", "tbody", "thead", "tr", "td", "th", "pre",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href"},
    "img": {"src", "alt", "class"},
    "figure": {"class"},
    "iframe": {"src"},
}
INLINE_RENAMES = {"strong": "b", "em": "i"}
INLINE_TAGS = {"b", "i", "a", "br", "sup", "sub", "strong", "em"}
CONTAINERS = {"div", "section", "figure", "ul", "ol", "li", "table", "tbody", "thead", "tr"}


@dataclass
class ImageRef:
    """An image in the text, before its file is found."""

    src: str
    attachment_id: str = ""
    alt: str = ""
    caption: str = ""
    credit: str = ""
    # The file it was found to mean (see media.MediaLibrary.resolve).
    key: str = ""


@dataclass
class Converted:
    blocks: list[tuple[str, object]] = field(default_factory=list)
    shortcodes: set[str] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)


def split_credit(caption: str) -> tuple[str, str]:
    """Separate a credit written into a caption: ("Teegarten.", "Foto: Ilgın Şahin")."""
    caption = " ".join(caption.split())
    match = _CREDIT.match(caption)
    if not match:
        return caption, ""
    return match.group("caption").strip(" -–—|/,;("), match.group("credit").strip()


def video_url(url: str) -> str:
    """The canonical watch URL of a YouTube or Vimeo address, else ""."""
    match = _VIDEO.match(url.strip())
    if not match:
        return ""
    if "vimeo" in match.group(0).lower():
        return f"https://vimeo.com/{match.group(1)}"
    return f"https://www.youtube.com/watch?v={match.group(1)}"


# The players' own addresses of other providers, and the page each plays.
_PLAYERS = (
    (
        re.compile(r"^https?://(?:www\.)?dailymotion\.com/embed/video/([\w-]+)", re.I),
        "https://www.dailymotion.com/video/{}",
    ),
    (
        re.compile(
            r"^https?://open\.spotify\.com/embed/((?:track|album|playlist|episode|show)/\w+)",
            re.I,
        ),
        "https://open.spotify.com/{}",
    ),
)


@cache
def _provider_patterns() -> tuple[re.Pattern, ...]:
    return tuple(
        re.compile(pattern, re.I) for provider in all_providers for pattern in provider["urls"]
    )


def embed_url(src: str) -> str:
    """The canonical address of what a frame plays, if Wagtail knows its provider; else ""."""
    src = safe_link(src, schemes=WEB)
    if not src:
        return ""
    url = video_url(src)
    for player, page in _PLAYERS:
        match = player.match(src)
        if not url and match:
            url = page.format(match.group(1))
    url = url or src
    return url if any(pattern.match(url) for pattern in _provider_patterns()) else ""


def link_url(value: str, base_url: str = "") -> str:
    """Where a link of the export may lead: http(s), mailto: or tel:; "" otherwise.

    Relative links pointed into the old site, whose addresses now redirect here.
    """
    value = value.strip()
    if link_scheme(value):
        return safe_link(value, schemes=WEB_AND_CONTACT)
    if not value or value.startswith("#") or not base_url:
        return ""
    return safe_link(urljoin(f"{base_url.rstrip('/')}/", value))


def wpautop(text: str) -> str:
    """WordPress's rule for classic posts: a blank line starts a paragraph, a newline is <br>."""
    if not text.strip():
        return ""
    # A newline inside a tag ("<img\nsrc=…>") is not a line break.
    text = re.sub(r"<[^>]*>", lambda m: m.group(0).replace("\n", " "), text)
    text = text.replace("\r\n", "\n").replace("\r", "\n") + "\n"
    text = re.sub(r"<br\s*/?>\s*<br\s*/?>", "\n\n", text, flags=re.I)
    text = _BLOCK_OPEN.sub(r"\n\n\1", text)
    text = _BLOCK_CLOSE.sub(r"\1\n\n", text)
    text = re.sub(r"\n\s*\n+", "\n\n", text)
    chunks = [chunk.strip() for chunk in re.split(r"\n\s*\n", text)]
    text = "".join(f"<p>{chunk}</p>\n" for chunk in chunks if chunk)
    text = re.sub(rf"<p>([^<]+)</((?:{BLOCK_TAGS}))>", r"<p>\1</p></\2>", text, flags=re.I)
    text = re.sub(rf"<p>\s*({_BLOCK_TAG})\s*</p>", r"\1", text, flags=re.I)
    text = re.sub(r"<p>(<li.+?)</p>", r"\1", text, flags=re.I)
    text = re.sub(rf"<p>\s*({_BLOCK_TAG})", r"\1", text, flags=re.I)
    text = re.sub(rf"({_BLOCK_TAG})\s*</p>", r"\1", text, flags=re.I)
    text = re.sub(r"(?<!<br />)\s*\n", "<br />\n", text)
    text = re.sub(rf"({_BLOCK_TAG})\s*<br />", r"\1", text, flags=re.I)
    text = re.sub(
        r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", r"\1", text, flags=re.I
    )
    return re.sub(r"<p>\s*</p>", "", text).strip()


def _caption_shortcode(match: re.Match) -> str:
    attributes, inner = match.group(1), match.group(2)
    image = re.search(r"(<a [^>]*>\s*)?<img[^>]*>(\s*</a>)?", inner, re.I)
    if image is None:
        return inner
    caption = (inner[: image.start()] + inner[image.end() :]).strip()
    if not caption:
        old_style = re.search(r'caption="([^"]*)"', attributes)
        caption = old_style.group(1) if old_style else ""
    figure_class = ""
    attachment = _ATTACHMENT_ID.search(attributes)
    if attachment:
        figure_class = f' class="wp-caption attachment-{attachment.group(1)}"'
    return (
        f"\n\n<figure{figure_class}>{image.group(0)}<figcaption>{caption}</figcaption></figure>\n\n"
    )


def _shortcodes_in(text: str) -> set[str]:
    found = set()
    for match in _SHORTCODE.finditer(text):
        closing, name, attributes = match.groups()
        name_lower = name.lower()
        if (
            name_lower in KNOWN_SHORTCODES
            or "=" in attributes
            or closing
            or f"[/{name_lower}]" in text.lower()
        ):
            found.add(name_lower)
    return found


def _inner_html(element) -> str:
    parts = [html.escape(element.text or "", quote=False)]
    parts.extend(lxml_html.tostring(child, encoding="unicode", with_tail=True) for child in element)
    return "".join(parts).strip()


def _database_html(markup: str) -> str:
    # Wagtail's rich-text format is XHTML-like: the editor's parser rejects an unclosed <br>.
    return re.sub(r"<br\s*/?>", "<br/>", markup)


def _text_of(element) -> str:
    return " ".join(element.text_content().split())


class _Builder:
    def __init__(self, result: Converted):
        self.result = result
        self.inline: list[str] = []

    # Paragraph text that is not inside a <p> of its own: collect it until a block comes.
    def add_inline(self, markup: str) -> None:
        self.inline.append(markup)

    def flush(self) -> None:
        markup = "".join(self.inline).strip()
        self.inline = []
        self.paragraph(markup)

    def paragraph(self, markup: str) -> None:
        markup = re.sub(r"^(\s|<br\s*/?>)+|(\s|<br\s*/?>)+$", "", markup)
        text = lxml_html.fragment_fromstring(markup or "<span></span>", create_parent="div")
        plain = text.text_content().replace("\xa0", " ").strip()
        if not plain:
            return
        video = video_url(plain)
        if video and " " not in plain:
            self.video(video)
            return
        self.result.blocks.append(("paragraph", _database_html(f"<p>{markup}</p>")))

    def video(self, url: str) -> None:
        # A link, not an embed: an embedded player would load from the video host.
        escaped = html.escape(url)
        self.result.blocks.append(("paragraph", f'<p><a href="{escaped}">{escaped}</a></p>'))

    def image(self, img, caption: str = "") -> None:
        src = img.get("src") or ""
        if not src:
            return
        attachment = _ATTACHMENT_CLASS.search(img.get("class") or "")
        caption, credit = split_credit(caption)
        self.result.blocks.append(
            (
                "image",
                ImageRef(
                    src=src,
                    attachment_id=attachment.group(1) if attachment else "",
                    alt=" ".join((img.get("alt") or "").split()),
                    caption=caption,
                    credit=credit,
                ),
            )
        )

    def walk(self, container) -> None:
        if container.text and container.text.strip():
            self.add_inline(html.escape(container.text, quote=False))
        for child in container:
            self.element(child)
            if child.tail and child.tail.strip():
                self.add_inline(html.escape(child.tail, quote=False))

    def element(self, element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if not tag:
            return
        has_image = tag == "img" or element.find(".//img") is not None
        if tag in INLINE_TAGS and not has_image:
            self.add_inline(lxml_html.tostring(element, encoding="unicode", with_tail=False))
            return
        self.flush()
        if tag == "img":
            self.image(element)
        elif tag == "p":
            if has_image:
                self.walk(element)
                self.flush()
            else:
                self.paragraph(_inner_html(element))
        elif tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            text = _text_of(element)
            if text:
                self.result.blocks.append(("subheading", text[:255]))
            if has_image:
                for img in element.iter("img"):
                    self.image(img)
        elif tag == "blockquote" and not has_image:
            self.quote(element)
        elif tag == "figure":
            self.figure(element, has_image)
        elif tag in {"ul", "ol"} and not has_image:
            markup = lxml_html.tostring(element, encoding="unicode", with_tail=False)
            self.result.blocks.append(("paragraph", _database_html(markup)))
        elif tag == "pre":
            self.paragraph(html.escape(element.text_content()).replace("\n", "<br/>"))
        elif tag == "tr":
            cells = [_text_of(cell) for cell in element if isinstance(cell.tag, str)]
            self.paragraph(html.escape(" | ".join(cell for cell in cells if cell)))
        else:
            self.walk(element)
        self.flush()

    def quote(self, element) -> None:
        speaker = ""
        for cite in element.findall(".//cite"):
            speaker = speaker or _text_of(cite)
            cite.drop_tree()
        for br in element.iter("br"):
            br.tail = "\n" + (br.tail or "")
        paragraphs = element.findall(".//p") or [element]
        lines = [
            " ".join(line.split()) for p in paragraphs for line in p.text_content().split("\n")
        ]
        text = "\n".join(line for line in lines if line)
        if text:
            speaker = speaker.lstrip("—–- ").strip()
            self.result.blocks.append(("quote", {"text": text, "speaker": speaker, "role": ""}))

    def figure(self, element, has_image: bool) -> None:
        images = list(element.iter("img"))
        if len(images) == 1 and element.find(".//figure") is None:
            caption = element.find("figcaption")
            self.image(images[0], _text_of(caption) if caption is not None else "")
            return
        if not has_image:
            url = video_url(_text_of(element))
            if url:
                self.video(url)
                return
        for caption in element.findall("figcaption"):
            # A gallery's own caption, after its pictures.
            element.remove(caption)
        self.walk(element)


def html_clean(markup: str, *, base_url: str = "") -> str:
    """Only the tags our blocks can hold; scripts, styles and event handlers go, and so do
    addresses that are not http(s) (or mailto: and tel: in links)."""

    def address(tag: str, attribute: str, value: str) -> str | None:
        if tag == "a" and attribute == "href":
            return link_url(value, base_url) or None
        if attribute == "src":
            if tag == "iframe":
                return safe_link(value, schemes=WEB) or None
            return link_url(value, base_url) if link_scheme(value) in ("", *WEB) else None
        return value

    return nh3.clean(
        markup,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=address,
        url_schemes=set(WEB_AND_CONTACT),
        clean_content_tags={"script", "style"},
        link_rel=None,
        strip_comments=True,
    )


def _frames_replace(root, warnings: list[str]) -> None:
    """Frames of a provider Wagtail knows become links to what they play; others go.

    A link, not a player: an embedded player would load from the provider for every reader.
    """
    for frame in list(root.iter("iframe")):
        src = frame.get("src") or ""
        url = embed_url(src)
        if url:
            link = lxml_html.Element("a", href=url)
            link.text = url
            replacement = link
            if frame.getparent() is root:
                # A frame of its own is a paragraph of its own, not glued to the next one.
                replacement = lxml_html.Element("p")
                replacement.append(link)
            replacement.tail = frame.tail
            frame.getparent().replace(frame, replacement)
        else:
            warnings.append(f"embedded frame dropped: {src or '(no address)'}")
            frame.drop_tree()
    for link in list(root.iter("a")):
        if not link.get("href"):
            link.drop_tag()


def convert(content: str, *, base_url: str = "") -> Converted:
    """Blocks for a post's ``content:encoded``, with the shortcodes it used and any warnings.

    ``base_url`` is the old site's address, against which relative links are read.
    """
    result = Converted()
    if not content or not content.strip():
        return result
    is_block_editor = "<!-- wp:" in content
    content = _GUTENBERG_COMMENT.sub("", content)
    content = _CAPTION.sub(_caption_shortcode, content)
    content = _EMBED.sub(lambda m: f"\n\n{m.group(1).strip()}\n\n", content)
    result.shortcodes = _shortcodes_in(content) - {"caption", "wp_caption", "embed"}
    if not is_block_editor:
        content = wpautop(content)
    cleaned = html_clean(content, base_url=base_url)
    if not cleaned.strip():
        return result
    root = lxml_html.fragment_fromstring(cleaned, create_parent="div")
    _frames_replace(root, result.warnings)
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag in INLINE_RENAMES:
            element.tag = INLINE_RENAMES[element.tag]
    builder = _Builder(result)
    builder.walk(root)
    builder.flush()
    return result


def plain_text(markup: str) -> str:
    """The words of some HTML, for teasers and language detection."""
    if not markup or not markup.strip():
        return ""
    cleaned = nh3.clean(
        _GUTENBERG_COMMENT.sub("", markup), tags=set(), clean_content_tags={"script", "style"}
    )
    return " ".join(html.unescape(cleaned).split())
