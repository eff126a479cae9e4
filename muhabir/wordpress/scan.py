"""The first pass over a WordPress export: what its posts refer to, and how many there are."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from urllib.parse import urlsplit

from muhabir.wordpress.media import Attachment
from muhabir.wordpress.wxr import Author, Channel, Item, Term, WxrError, read_wxr

IMPORTED_POST_TYPES = ("post", "page")


@dataclass
class Scan:
    channel: Channel
    categories: dict[str, Term] = field(default_factory=dict)
    category_ids: dict[str, str] = field(default_factory=dict)
    authors: dict[str, str] = field(default_factory=dict)
    attachments: dict[str, Attachment] = field(default_factory=dict)
    # Every host the old site's permalinks name (several with a domain per language).
    hosts: set[str] = field(default_factory=set)
    total: int = 0


def export_scan(path: Path) -> Scan:
    """First pass: what posts refer to, and how many there are (for the progress bar)."""
    scan = Scan(channel=Channel())
    for entry in read_wxr(path):
        if isinstance(entry, Channel):
            scan.channel = entry
        elif isinstance(entry, Term):
            if entry.taxonomy == "category":
                scan.categories[entry.slug] = entry
                if entry.term_id:
                    scan.category_ids[entry.term_id] = entry.slug
        elif isinstance(entry, Author):
            scan.authors[entry.login] = entry.display_name or entry.login
        elif isinstance(entry, Item):
            if entry.post_type == "attachment":
                scan.attachments[entry.wp_id] = Attachment(
                    wp_id=entry.wp_id,
                    url=entry.attachment_url or entry.guid,
                    title=entry.title,
                    caption=entry.excerpt,
                    alt=entry.meta.get("_wp_attachment_image_alt", "").strip(),
                    parent=entry.parent,
                    link=entry.link,
                )
            elif entry.post_type in IMPORTED_POST_TYPES:
                scan.total += 1
                scan.hosts.add(host(entry.link))
    if not scan.channel.site_url:
        raise WxrError("the export names no site (no <link> or <wp:base_site_url>)")
    scan.hosts.add(host(scan.channel.site_url))
    scan.hosts.discard("")
    return scan


def host(url: str) -> str:
    """The host of ``url`` as the old site may have been reached: no scheme, no ``www.``."""
    return (urlsplit(url.strip()).hostname or "").removeprefix("www.")


def chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
