"""The redirects planner: which of the old site's addresses lead where on this one.

Posts and pages keep their IDs (``/?p=123``), permalinks and GUIDs; attachment pages lead
to their post; category, tag, author and feed archives to the section, search, front
page or feed that shows the same.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from wagtail.models import Page

from muhabir.wordpress.links import MAX_PATH, key_of_url, normalise
from muhabir.wordpress.models import ImportedItem, LegacyLink
from muhabir.wordpress.report import ImportReport
from muhabir.wordpress.scan import Scan, chunks, host
from muhabir.wordpress.taxonomy import Taxonomy
from muhabir.wordpress.wxr import Item

LINK_BATCH = 1000
IMPORTED_KINDS = (ImportedItem.Kind.POST, ImportedItem.Kind.PAGE)


class RedirectPlanner:
    """Stores the old addresses of what an import brings over, counted in its report."""

    def __init__(self, *, scan: Scan, report: ImportReport):
        self.scan = scan
        self.site_url = scan.channel.site_url
        self.base_path = urlsplit(self.site_url).path.rstrip("/")
        self.report = report

    def base_key(self, parameter: str, value: str) -> str:
        return normalise(self.base_path or "/", {parameter: value})

    def _item_links(self, item: Item, page_id: int, language: str) -> list[LegacyLink]:
        """The item's own addresses: its ID (``/?p=123``) and its permalink."""
        keys = [self.base_key("p", item.wp_id)]
        if item.post_type == "page":
            keys.append(self.base_key("page_id", item.wp_id))
        if item.link.startswith(("http://", "https://", "/")):
            keys.append(key_of_url(item.link))
        return self._page_links(keys, page_id, language)

    def _guid_links(self, item: Item, page_id: int, language: str) -> list[LegacyLink]:
        """The address in the item's GUID, if it is one of the old site's.

        Posts written in the editor have ``/?p=123`` as GUID; posts created published
        (REST API, WP-CLI, importers) the pretty permalink of that moment, which differs
        from today's after a change of slug or permalink structure, or a move to https. A
        post brought over from another blog keeps that blog's GUID, whose ``?p=`` names
        another post here: GUIDs on other hosts lead nowhere, and links_save lets an
        item's own addresses win over any GUID.
        """
        guid = item.guid
        if not guid.startswith(("http://", "https://")) or host(guid) not in self.scan.hosts:
            return []
        return self._page_links([key_of_url(guid)], page_id, language)

    @staticmethod
    def _page_links(keys: list[str], page_id: int, language: str) -> list[LegacyLink]:
        return [
            LegacyLink(path=key, kind=LegacyLink.Kind.PAGE, page_id=page_id, language=language)
            for key in dict.fromkeys(keys)
            # The old front page ("/") is ours to keep; only deeper paths redirect.
            if key != "/"
        ]

    def item_links_save(self, items: list[tuple[Item, int, str]]) -> None:
        """The addresses of (item, page id, language): its own, then its GUID where still free."""
        own = [link for item in items for link in self._item_links(*item)]
        self.links_save(own)
        paths = {link.path for link in own}
        guids = [link for item in items for link in self._guid_links(*item)]
        self.links_save([link for link in guids if link.path not in paths], replace=False)

    def links_save(self, links: list[LegacyLink], *, replace: bool = True) -> None:
        """Store ``links``; with ``replace=False``, only those whose path is still free."""
        links = [link for link in links if len(link.path) <= MAX_PATH]
        if not links:
            return
        if replace:
            unique = list({link.path: link for link in links}.values())
            options = {
                "update_conflicts": True,
                "unique_fields": ["path"],
                "update_fields": ["kind", "page", "language", "value"],
            }
        else:
            # The first claim wins, within the export as across runs.
            first: dict[str, LegacyLink] = {}
            for link in links:
                first.setdefault(link.path, link)
            unique = list(first.values())
            options = {"ignore_conflicts": True}
        for start in range(0, len(unique), LINK_BATCH):
            LegacyLink.objects.bulk_create(unique[start : start + LINK_BATCH], **options)
        self.report.redirects += len(unique)

    def attachment_links_save(self) -> None:
        """An attachment's page leads to the post it belongs to."""
        attachments = [a for a in self.scan.attachments.values() if a.parent and a.parent != "0"]
        for chunk in chunks(attachments, LINK_BATCH):
            pages = dict(
                ImportedItem.objects.filter(
                    site_url=self.site_url,
                    kind__in=IMPORTED_KINDS,
                    key__in={a.parent for a in chunk},
                )
                .exclude(page=None)
                .values_list("key", "page_id")
            )
            links = []
            for attachment in chunk:
                page_id = pages.get(attachment.parent)
                if page_id is None:
                    continue
                keys = [self.base_key("attachment_id", attachment.wp_id)]
                if attachment.link:
                    keys.append(key_of_url(attachment.link))
                links += [
                    LegacyLink(path=key, kind=LegacyLink.Kind.PAGE, page_id=page_id)
                    for key in keys
                    if key != "/"
                ]
            self.links_save(links)

    def _category_path(self, slug: str) -> str:
        chain, seen = [slug], {slug}
        categories = self.scan.categories
        while chain[0] in categories and categories[chain[0]].parent:
            parent = categories[chain[0]].parent
            if parent in seen:
                break
            seen.add(parent)
            chain.insert(0, parent)
        return "/".join(chain)

    def archive_links_save(
        self,
        *,
        taxonomy: Taxonomy,
        tag_links: dict[str, tuple[str, str, str]],
        author_homes: dict[str, tuple[Page, str]],
        main_language: str,
    ) -> None:
        """Category, tag, author and feed archives.

        Args:
            tag_links: tag slug -> (name, language, unused) for the tags posts carry.
            author_homes: author login -> (front page, language) of the author's posts.
            main_language: the language of the old site's own feed.
        """
        base = self.base_path
        links: list[LegacyLink] = []
        term_ids = {slug: term_id for term_id, slug in self.scan.category_ids.items()}
        for slug, section in taxonomy.category_sections.items():
            language = section.locale.language_code
            paths = {f"{base}/category/{slug}", f"{base}/category/{self._category_path(slug)}"}
            for path in paths:
                links.append(
                    LegacyLink(
                        path=normalise(path),
                        kind=LegacyLink.Kind.PAGE,
                        page=section,
                        language=language,
                    )
                )
                for feed in ("feed", "feed/rss2", "feed/atom"):
                    links.append(
                        LegacyLink(
                            path=normalise(f"{path}/{feed}"),
                            kind=LegacyLink.Kind.FEED,
                            page=section,
                            language=language,
                        )
                    )
            if slug in term_ids:
                links.append(
                    LegacyLink(
                        path=self.base_key("cat", term_ids[slug]),
                        kind=LegacyLink.Kind.PAGE,
                        page=section,
                        language=language,
                    )
                )
        for slug, (name, language, _unused) in tag_links.items():
            tag = taxonomy.tag(name)
            for path in (normalise(f"{base}/tag/{slug}"), self.base_key("tag", slug)):
                links.append(
                    LegacyLink(path=path, kind=LegacyLink.Kind.TAG, language=language, value=name)
                )
            if tag is not None:
                links.append(
                    LegacyLink(
                        path=normalise(f"{base}/tag/{slug}/feed"),
                        kind=LegacyLink.Kind.TAG_FEED,
                        language=language,
                        value=tag.slug,
                    )
                )
        for feed in ("feed", "feed/rss2", "feed/atom", "rss", "rss2"):
            links.append(
                LegacyLink(
                    path=normalise(f"{base}/{feed}"),
                    kind=LegacyLink.Kind.FEED,
                    language=main_language,
                )
            )
        for login, (home, language) in author_homes.items():
            links.append(
                LegacyLink(
                    path=normalise(f"{base}/author/{login}"),
                    kind=LegacyLink.Kind.AUTHOR,
                    page=home,
                    language=language,
                )
            )
        self.links_save(links)
