"""Reading WordPress eXtended RSS (WXR 1.0-1.2) exports as a stream.

``lxml.etree.iterparse`` hands over each ``<item>`` once it is complete; the element is
cleared and dropped right after, so memory stays flat however large the file is.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from lxml import etree

WP_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/1\.\d+/$")
CONTENT_NAMESPACE = "http://purl.org/rss/1.0/modules/content/"
DC_NAMESPACE = "http://purl.org/dc/elements/1.1/"
NO_DATE = "0000-00-00"


class WxrError(Exception):
    """The file is not a readable WXR export; the message names the line where known."""


@dataclass
class Term:
    taxonomy: str  # "category", "post_tag", or another taxonomy such as "language"
    slug: str
    name: str
    parent: str = ""
    description: str = ""
    term_id: str = ""


@dataclass
class Author:
    login: str
    display_name: str


@dataclass
class ItemTerm:
    domain: str
    slug: str
    name: str


@dataclass
class Item:
    wp_id: str
    post_type: str
    status: str
    title: str = ""
    link: str = ""
    guid: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    post_name: str = ""
    post_date: str = ""
    post_date_gmt: str = ""
    parent: str = ""
    sticky: bool = False
    attachment_url: str = ""
    # WordPress keeps a post's password in plain text, as Wagtail does for page passwords.
    password: str = ""
    terms: list[ItemTerm] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    line: int = 0

    def terms_in(self, *domains: str) -> list[ItemTerm]:
        return [term for term in self.terms if term.domain in domains]

    def fingerprint(self) -> str:
        """A hash of everything the import reads, to tell a changed post on the next run."""
        parts = [
            self.post_type, self.status, self.title, self.link, self.guid, self.creator,
            self.content, self.excerpt, self.post_name, self.post_date, self.post_date_gmt,
            self.parent, str(self.sticky),
            *(f"{t.domain}:{t.slug}:{t.name}" for t in self.terms),
            *(f"{k}={v}" for k, v in sorted(self.meta.items()) if not k.startswith("_edit")),
            # Only when set, so posts without one keep the hashes of earlier runs.
            *([f"password={self.password}"] if self.password else []),
        ]  # fmt: skip
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


@dataclass
class Channel:
    """The export's own facts; they come before the first item in every real export."""

    wxr_version: str = ""
    title: str = ""
    link: str = ""
    language: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""

    @property
    def site_url(self) -> str:
        """The old site's address without a trailing slash: the key of every mapping."""
        return (self.base_blog_url or self.link or self.base_site_url).rstrip("/")


def _text(element, tag: str) -> str:
    found = element.find(tag)
    return (found.text or "") if found is not None else ""


def decode(value: str) -> str:
    """WordPress stores term names HTML-escaped ("Magazin &amp; Kültür"); CDATA keeps that."""
    previous = None
    # Some exports escape twice ("&amp;amp;"); stop once nothing changes.
    while value != previous:
        previous, value = value, html.unescape(value)
    return value.strip()


class _Names:
    def __init__(self, wp: str):
        self.wp = wp
        self.excerpt = f"{wp}excerpt/"

    def w(self, name: str) -> str:
        return f"{{{self.wp}}}{name}"


def _item(element, names: _Names) -> Item:
    w = names.w
    item = Item(
        wp_id=_text(element, w("post_id")).strip(),
        post_type=_text(element, w("post_type")).strip(),
        status=_text(element, w("status")).strip(),
        title=decode(_text(element, "title")),
        link=_text(element, "link").strip(),
        guid=_text(element, "guid").strip(),
        creator=_text(element, f"{{{DC_NAMESPACE}}}creator").strip(),
        content=_text(element, f"{{{CONTENT_NAMESPACE}}}encoded"),
        excerpt=_text(element, f"{{{names.excerpt}}}encoded"),
        post_name=_text(element, w("post_name")).strip(),
        post_date=_text(element, w("post_date")).strip(),
        post_date_gmt=_text(element, w("post_date_gmt")).strip(),
        parent=_text(element, w("post_parent")).strip(),
        sticky=_text(element, w("is_sticky")).strip() == "1",
        attachment_url=_text(element, w("attachment_url")).strip(),
        password=_text(element, w("post_password")),
        line=element.sourceline or 0,
    )
    for category in element.iterfind("category"):
        domain = category.get("domain") or "category"
        # WXR 1.0 calls tags "tag", later versions "post_tag".
        domain = "post_tag" if domain == "tag" else domain
        name = decode(category.text or "")
        item.terms.append(ItemTerm(domain=domain, slug=category.get("nicename") or "", name=name))
    for meta in element.iterfind(w("postmeta")):
        key = _text(meta, w("meta_key"))
        if key:
            item.meta[key] = _text(meta, w("meta_value"))
    return item


def _term(element, names: _Names) -> Term | None:
    w = names.w
    local = etree.QName(element).localname
    if local == "category":
        return Term(
            "category",
            slug=_text(element, w("category_nicename")).strip(),
            name=decode(_text(element, w("cat_name"))),
            parent=_text(element, w("category_parent")).strip(),
            description=_text(element, w("category_description")),
            term_id=_text(element, w("term_id")).strip(),
        )
    if local == "tag":
        return Term(
            "post_tag",
            slug=_text(element, w("tag_slug")).strip(),
            name=decode(_text(element, w("tag_name"))),
            term_id=_text(element, w("term_id")).strip(),
        )
    return Term(
        _text(element, w("term_taxonomy")).strip(),
        slug=_text(element, w("term_slug")).strip(),
        name=decode(_text(element, w("term_name"))),
        parent=_text(element, w("term_parent")).strip(),
        description=_text(element, w("term_description")),
        term_id=_text(element, w("term_id")).strip(),
    )


def read_wxr(path: str | Path) -> Iterator[Channel | Term | Author | Item]:
    """Yield the channel (once its facts are known), terms, authors and items in file order.

    Raises:
        WxrError: the file is not XML, is cut off, or is not a WordPress export.
    """
    channel = Channel()
    names: _Names | None = None
    channel_sent = False
    try:
        events = etree.iterparse(
            str(path),
            events=("start-ns", "end"),
            huge_tree=True,
            resolve_entities=False,
            no_network=True,
        )
        for event, payload in events:
            if event == "start-ns":
                _prefix, uri = payload
                if WP_NAMESPACE.match(uri):
                    names = _Names(uri)
                    channel.wxr_version = uri.rstrip("/").rsplit("/", 1)[-1]
                continue
            element = payload
            parent = element.getparent()
            if parent is None or parent.tag != "channel":
                continue
            if names is None:
                raise WxrError(
                    f"line {element.sourceline}: not a WordPress export "
                    "(no http://wordpress.org/export/ namespace)"
                )
            tag = element.tag
            if tag == "item":
                if not channel_sent:
                    channel_sent = True
                    yield channel
                yield _item(element, names)
            elif tag in ("title", "link", "language"):
                setattr(channel, tag, (element.text or "").strip())
            elif tag == names.w("base_site_url"):
                channel.base_site_url = (element.text or "").strip()
            elif tag == names.w("base_blog_url"):
                channel.base_blog_url = (element.text or "").strip()
            elif tag == names.w("author"):
                yield Author(
                    login=_text(element, names.w("author_login")).strip(),
                    display_name=decode(_text(element, names.w("author_display_name"))),
                )
            elif tag in (names.w("category"), names.w("tag"), names.w("term")):
                term = _term(element, names)
                if term is not None and term.slug:
                    yield term
            # Done with this child of <channel>: free it and everything before it.
            element.clear()
            while element.getprevious() is not None:
                del parent[0]
    except etree.XMLSyntaxError as error:
        line = error.lineno or (error.position[0] if error.position else "?")
        raise WxrError(f"line {line}: malformed XML ({error.msg})") from error
    except OSError as error:
        raise WxrError(f"cannot read {path}: {error}") from error
    if names is None:
        raise WxrError("not a WordPress export (no http://wordpress.org/export/ namespace)")
    if not channel_sent:
        yield channel


def parse_date(item: Item, site_zone: ZoneInfo) -> dt.datetime | None:
    """The moment the item is dated: ``post_date_gmt`` in UTC, else ``post_date`` in the
    site's zone (drafts carry ``0000-00-00``); None when neither is a date."""
    for value, zone in ((item.post_date_gmt, dt.UTC), (item.post_date, site_zone)):
        if not value or value.startswith(NO_DATE):
            continue
        try:
            naive = dt.datetime.strptime(value[:19], "%Y-%m-%d %H:%M:%S")
        except ValueError:
            continue
        if zone is dt.UTC:
            return naive.replace(tzinfo=dt.UTC)
        # fold=0: in the hour that repeats when clocks go back, the first (summer) one.
        return naive.replace(tzinfo=zone).astimezone(dt.UTC)
    return None
