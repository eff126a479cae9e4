"""Importing a WordPress export: posts become articles, pages standard pages, old URLs redirect.

The file is read twice as a stream: first for what items refer to (categories, authors,
attachments), then for the posts themselves, in batches. Everything happens in one
transaction, so a bad file or an interruption leaves the database as it was.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Page, PageViewRestriction

from muhabir.core import text
from muhabir.home.models import HomePage, StandardPage
from muhabir.newsroom.models import ArticlePage, ArticlePageAuthor
from muhabir.wordpress import indexing
from muhabir.wordpress.bulk import DRAFT, LIVE, SCHEDULED, ArticlePlan, TreeSlots
from muhabir.wordpress.bulk import articles_bulk_create as _articles_bulk_create
from muhabir.wordpress.content import ImageRef, convert, plain_text
from muhabir.wordpress.language import detect_language
from muhabir.wordpress.links import MAX_PATH, key_of_url, normalise
from muhabir.wordpress.media import Attachment, MediaLibrary
from muhabir.wordpress.models import ImportedItem, LegacyLink
from muhabir.wordpress.taxonomy import Taxonomy, section_map_read
from muhabir.wordpress.wxr import Author, Channel, Item, Term, WxrError, parse_date, read_wxr

BATCH = 200
IMPORTED_TYPES = {"post": ImportedItem.Kind.POST, "page": ImportedItem.Kind.PAGE}
STATES = {"publish": LIVE, "draft": DRAFT, "pending": DRAFT, "future": SCHEDULED, "private": DRAFT}
SKIPPED_STATUSES = {"trash", "auto-draft", "inherit"}
LINK_BATCH = 1000

__all__ = ["ImportReport", "WordPressImportError", "WxrError", "wordpress_import"]


class WordPressImportError(Exception):
    """The import cannot go ahead; the message says why."""


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do)."""

    dry_run: bool = False
    site_url: str = ""
    wxr_version: str = ""
    total: int = 0
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)
    ignored_types: Counter = field(default_factory=Counter)
    languages: Counter = field(default_factory=Counter)
    redirects: int = 0
    images_created: int = 0
    images_reused: int = 0
    # Posts with a password on the old site: imported behind the same password here.
    protected: int = 0
    sections_created: list[str] = field(default_factory=list)
    shortcodes: Counter = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)

    def warn(self, item: Item | None, message: str) -> None:
        prefix = f"{item.post_type} {item.wp_id}: " if item is not None else ""
        self.warnings.append(prefix + message)

    def summary(self) -> list[str]:
        """The report as lines of plain text."""
        verb = "would be " if self.dry_run else ""
        lines = [
            f"{'Dry run: ' if self.dry_run else ''}WordPress export {self.site_url} "
            f"(WXR {self.wxr_version}), {self.total} posts and pages",
            f"created: {self._counts(self.created)}",
            f"updated: {self._counts(self.updated)}",
            f"unchanged: {self.unchanged}",
            f"skipped: {len(self.skipped)}",
            f"redirects: {self.redirects}",
            f"images: {self.images_created} {verb}imported, {self.images_reused} reused",
            f"with a password: {self.protected} {verb}imported behind their password",
            f"languages: {self._counts(self.languages)}",
        ]
        if self.sections_created:
            lines.append(f"sections {verb}created: {', '.join(self.sections_created)}")
        if self.ignored_types:
            lines.append(f"ignored item types: {self._counts(self.ignored_types)}")
        if self.shortcodes:
            lines.append(f"shortcodes kept as text: {self._counts(self.shortcodes)}")
        lines += [f"skipped {line}" for line in self.skipped]
        lines.append(f"warnings: {len(self.warnings)}")
        lines += [f"warning {line}" for line in self.warnings]
        return lines

    @staticmethod
    def _counts(counter: Counter) -> str:
        return ", ".join(f"{key} {value}" for key, value in sorted(counter.items())) or "0"


@dataclass
class _Scan:
    channel: Channel
    categories: dict[str, Term] = field(default_factory=dict)
    category_ids: dict[str, str] = field(default_factory=dict)
    authors: dict[str, str] = field(default_factory=dict)
    attachments: dict[str, Attachment] = field(default_factory=dict)
    # Every host the old site's permalinks name (several with a domain per language).
    hosts: set[str] = field(default_factory=set)
    total: int = 0


def _scan(path: Path) -> _Scan:
    """First pass: what posts refer to, and how many there are (for the progress bar)."""
    scan = _Scan(channel=Channel())
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
            elif entry.post_type in IMPORTED_TYPES:
                scan.total += 1
                scan.hosts.add(_host(entry.link))
    if not scan.channel.site_url:
        raise WxrError("the export names no site (no <link> or <wp:base_site_url>)")
    scan.hosts.add(_host(scan.channel.site_url))
    scan.hosts.discard("")
    return scan


def _host(url: str) -> str:
    """The host of ``url`` as the old site may have been reached: no scheme, no ``www.``."""
    return (urlsplit(url.strip()).hostname or "").removeprefix("www.")


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or settings.TIME_ZONE)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise WordPressImportError(f"unknown time zone: {name}") from error


class _Importer:
    def __init__(
        self,
        *,
        scan: _Scan,
        path: Path,
        media_dir: Path | None,
        language: str | None,
        dry_run: bool,
        section_map: dict[str, str],
        zone: ZoneInfo,
        progress: Callable[[int, int], None] | None,
    ):
        self.scan = scan
        self.path = path
        self.channel = scan.channel
        self.site_url = self.channel.site_url
        self.base_path = urlsplit(self.site_url).path.rstrip("/")
        self.forced_language = language
        self.dry_run = dry_run
        self.zone = zone
        self.progress = progress
        self.report = ImportReport(
            dry_run=dry_run,
            site_url=self.site_url,
            wxr_version=self.channel.wxr_version,
            total=scan.total,
        )
        self.homes = {
            home.locale.language_code: home for home in HomePage.objects.select_related("locale")
        }
        if not self.homes:
            raise WordPressImportError("no home pages; run `manage.py migrate` first")
        channel_language = (self.channel.language or "").split("-")[0].lower()
        self.fallback_language = (
            channel_language if channel_language in self.homes else settings.LANGUAGE_CODE
        )
        self.taxonomy = Taxonomy(
            homes=self.homes, categories=scan.categories, section_map=section_map
        )
        self.media = MediaLibrary(
            site_url=self.site_url,
            media_dir=media_dir,
            attachments=scan.attachments,
            dry_run=dry_run,
        )
        self.slots = TreeSlots()
        self.translation_keys: set[tuple[str, int]] = set()
        self.new_live_articles: list[int] = []
        self.new_pages: list[int] = []
        self.tag_links: dict[str, tuple[str, str, str]] = {}
        self.author_languages: dict[str, str] = {}
        self.done = 0

    # The run ------------------------------------------------------------------------

    def run(self) -> ImportReport:
        items = (
            entry
            for entry in read_wxr(self.path)
            if isinstance(entry, Item) and self._wanted(entry)
        )
        for chunk in _chunks(items, BATCH):
            self._chunk(chunk)
        self._attachment_links()
        self._archive_links()
        if not self.dry_run:
            indexing.articles_index(self.new_live_articles)
            indexing.admin_index(page_ids=self.new_pages, image_ids=self.media.created_ids)
        self.report.images_created = self.media.created
        self.report.images_reused = len(self.media.reused)
        self.report.sections_created = [
            f"{s.title} ({s.locale.language_code})" for s in self.taxonomy.sections_created
        ]
        self.report.warnings += self.taxonomy.warnings
        return self.report

    def _wanted(self, item: Item) -> bool:
        if item.post_type in IMPORTED_TYPES:
            return True
        if item.post_type != "attachment":
            self.report.ignored_types[item.post_type or "?"] += 1
        return False

    def _tick(self) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.scan.total)

    def _chunk(self, items: list[Item]) -> None:
        kinds = {item.wp_id: IMPORTED_TYPES[item.post_type] for item in items}
        existing = {
            (row.kind, row.key): row
            for row in ImportedItem.objects.filter(
                site_url=self.site_url, key__in=list(kinds)
            ).select_related("page")
        }
        by_guid = {
            row.guid: row
            for row in ImportedItem.objects.filter(
                guid__in=[item.guid for item in items if item.guid],
                kind__in=list(IMPORTED_TYPES.values()),
            ).select_related("page")
        }
        plans: list[tuple[Item, ArticlePlan, ImportedItem | None, str]] = []
        for item in items:
            self._tick()
            mapping = existing.get((kinds[item.wp_id], item.wp_id)) or by_guid.get(item.guid)
            plan = self._item(item, mapping)
            if plan is not None:
                plans.append((item, *plan))
        self._create_articles(plans)

    # One item -------------------------------------------------------------------------

    def _language(self, item: Item) -> tuple[str | None, str]:
        """The item's language and its translation group ("" without one)."""
        if self.forced_language:
            return self.forced_language, ""
        polylang = item.terms_in("language")
        group_terms = item.terms_in("post_translations")
        if polylang:
            language = polylang[0].slug.split("_")[0].split("-")[0].lower()
            return language, group_terms[0].slug if group_terms else ""
        wpml = item.meta.get("_wpml_import_language_code", "").strip()
        if wpml:
            return wpml.split("-")[0].lower(), item.meta.get(
                "_wpml_import_translation_group", ""
            ).strip()
        sample = f"{item.title}. {plain_text(item.content)[:800]}"
        language = detect_language(sample)
        if language is None:
            self.report.warn(
                item, f"language unclear from the text; imported as {self.fallback_language}"
            )
            return self.fallback_language, ""
        return language, ""

    def _translation_key(self, item: Item, group: str, locale_id: int) -> uuid.UUID:
        if group:
            key = uuid.uuid5(uuid.NAMESPACE_URL, f"{self.site_url}#translations:{group}")
            taken = (str(key), locale_id) in self.translation_keys or Page.objects.filter(
                translation_key=key, locale_id=locale_id
            ).exclude(pk__in=self._mapped_page_ids(item)).exists()
            if not taken:
                self.translation_keys.add((str(key), locale_id))
                return key
            self.report.warn(item, "a second post of its translation group in the same language")
        return uuid.uuid5(uuid.NAMESPACE_URL, f"{self.site_url}#{item.post_type}:{item.wp_id}")

    def _mapped_page_ids(self, item: Item) -> list[int]:
        return list(
            ImportedItem.objects.filter(
                site_url=self.site_url, kind=IMPORTED_TYPES[item.post_type], key=item.wp_id
            )
            .exclude(page=None)
            .values_list("page_id", flat=True)
        )

    def _item(self, item: Item, mapping: ImportedItem | None):
        status = item.status
        page = mapping.page if mapping is not None else None
        if status in SKIPPED_STATUSES or status not in STATES:
            self.report.skipped.append(f"{item.post_type} {item.wp_id}: status {status or '?'}")
            if page is not None and page.live:
                # Deleted on the old site since the last run: no longer public here either.
                page.specific.unpublish()
                self.report.updated[f"{item.post_type} unpublished"] += 1
            return None
        fingerprint = item.fingerprint()
        if page is not None and mapping.content_hash == fingerprint:
            self.report.unchanged += 1
            return None
        language, group = self._language(item)
        if language not in self.homes:
            self.report.skipped.append(
                f"{item.post_type} {item.wp_id}: in language '{language}', which this site "
                "does not publish"
            )
            return None
        self.report.languages[language] += 1
        state = STATES[status]
        if item.password:
            self.report.protected += 1
        if status == "private":
            self.report.warn(item, "private on the old site; imported as a draft")
        date = parse_date(item, self.zone)
        if date is None and state != DRAFT:
            self.report.warn(item, "no date; using the time of the import")
            date = timezone.now()
        if item.creator:
            self.author_languages.setdefault(item.creator, language)
        if item.post_type == "page":
            self._standard_page(item, mapping, page, language, state, date, fingerprint)
            return None
        plan = self._plan(item, language, group, state, date)
        if page is not None:
            self._update_article(item, mapping, page.specific, plan, fingerprint)
            return None
        return plan, mapping, fingerprint

    def _title(self, item: Item) -> str:
        if item.title.strip():
            return item.title.strip()[:255]
        self.report.warn(item, "no title; made one from the text")
        return text.teaser(plain_text(item.content), 80) or f"WordPress {item.wp_id}"

    def _slug(self, item: Item, title: str, language: str) -> str:
        wanted = unquote(item.post_name) if item.post_name else title
        return text.slug(wanted, language) or text.slug(title, language) or f"post-{item.wp_id}"

    def _plan(self, item, language, group, state, date) -> ArticlePlan:
        home = self.homes[language]
        placement = self.taxonomy.placement(item.terms_in("category"), language)
        tag_names = [term.name for term in item.terms_in("post_tag")] + placement.tags
        tags = []
        for name in dict.fromkeys(tag_names):
            tag = self.taxonomy.tag(name)
            if tag is not None and tag not in tags:
                tags.append(tag)
        for term in item.terms_in("post_tag"):
            if term.slug and term.name:
                self.tag_links.setdefault(term.slug, (term.name, language, ""))
        author = self.taxonomy.author(self.scan.authors.get(item.creator, item.creator))
        converted = convert(item.content, base_url=self.site_url)
        for name in converted.shortcodes:
            self.report.shortcodes[name] += 1
            self.report.warn(item, f"shortcode [{name}] kept as text")
        for warning in converted.warnings:
            self.report.warn(item, warning)
        title = self._title(item)
        plan = ArticlePlan(
            parent=placement.primary,
            title=title,
            slug=self._slug(item, title, language),
            locale_id=home.locale_id,
            translation_key=self._translation_key(item, group, home.locale_id),
            state=state,
            date=date,
            teaser=plain_text(item.excerpt),
            body=converted.blocks,
            featured=item.sticky,
            further=placement.further,
            tags=tags,
            authors=[author] if author is not None else [],
            language=language,
            password=item.password,
        )
        # Files are found now and created for the whole batch at once; see _body().
        for kind, value in converted.blocks:
            if kind == "image":
                value.key = self._image_key(item, value)
        thumbnail = item.meta.get("_thumbnail_id", "").strip()
        if thumbnail:
            attachment = self.scan.attachments.get(thumbnail)
            if attachment is None:
                self.report.warn(item, f"featured image {thumbnail} is not in the export")
            else:
                plan.hero_key = self._image_key(item, ImageRef(src="", attachment_id=thumbnail))
        return plan

    def _image_key(self, item: Item, ref: ImageRef) -> str:
        key, warning = self.media.resolve(
            src=ref.src,
            attachment_id=ref.attachment_id,
            alt=ref.alt,
            caption=ref.caption,
            credit=ref.credit,
        )
        if warning:
            self.report.warn(item, warning)
        return key

    def _body(self, blocks: list) -> list[dict]:
        body = []
        for kind, value in blocks:
            if kind == "image":
                image_id = self.media.image_id(getattr(value, "key", ""))
                if image_id is None:
                    continue
                value = {"image": image_id, "caption": value.caption[:255], "credit": value.credit}
            body.append({"type": kind, "value": value, "id": str(uuid.uuid4())})
        return body

    # Writing --------------------------------------------------------------------------

    def _create_articles(self, plans) -> None:
        for warning in self.media.flush():
            self.report.warn(None, warning)
        if not plans:
            return
        for _item, plan, _mapping, _fingerprint in plans:
            plan.body = self._body(plan.body)
            plan.hero_image_id = self.media.image_id(plan.hero_key) if plan.hero_key else None
        articles = _articles_bulk_create([plan for _i, plan, _m, _f in plans], self.slots)
        # In the same transaction as the live rows, and before the batch is indexed at the end
        # (public_articles() leaves restricted pages out), so the text never shows unprotected.
        PageViewRestriction.objects.bulk_create(
            PageViewRestriction(
                page=article,
                restriction_type=PageViewRestriction.PASSWORD,
                password=plan.password,
            )
            for (_i, plan, _m, _f), article in zip(plans, articles, strict=True)
            if plan.password
        )
        rows, linked = [], []
        for (item, plan, mapping, fingerprint), article in zip(plans, articles, strict=True):
            self.report.created["article"] += 1
            self.new_pages.append(article.pk)
            if plan.state == LIVE:
                self.new_live_articles.append(article.pk)
            if mapping is not None:
                # Known from an earlier run, but its page was deleted here since.
                mapping.page_id = article.pk
                mapping.content_hash = fingerprint
                mapping.save(update_fields=["page", "content_hash", "imported_at"])
            else:
                rows.append(self._mapping(item, article.pk, fingerprint))
            linked.append((item, article.pk, plan.language))
        ImportedItem.objects.bulk_create(rows)
        self._save_item_links(linked)

    def _mapping(self, item: Item, page_id: int, fingerprint: str) -> ImportedItem:
        return ImportedItem(
            site_url=self.site_url,
            kind=IMPORTED_TYPES[item.post_type],
            key=item.wp_id,
            guid=item.guid[:500],
            page_id=page_id,
            content_hash=fingerprint,
        )

    def _update_article(self, item, mapping, article: ArticlePage, plan, fingerprint) -> None:
        for warning in self.media.flush():
            self.report.warn(item, warning)
        if article.get_parent().pk != plan.parent.pk:
            article.move(plan.parent, pos="last-child")
            self.slots.forget(plan.parent)
            article = ArticlePage.objects.get(pk=article.pk)
        article.title = article.draft_title = plan.title
        if not article.first_published_at:
            article.slug = plan.slug
        article.teaser = plan.teaser
        article.body = self._body(plan.body)
        article.hero_image_id = self.media.image_id(plan.hero_key) if plan.hero_key else None
        article.featured = plan.featured
        article.editorial_date = plan.date
        article.sections.set(plan.further)
        article.tags.set(plan.tags)
        article.bylines = [ArticlePageAuthor(author=author) for author in plan.authors]
        # Before publishing: the search index reads the restriction when the page goes live.
        self._restrict(item, article, plan.password)
        self._save_state(article, plan.state, plan.date)
        mapping.content_hash = fingerprint
        mapping.guid = item.guid[:500]
        mapping.save(update_fields=["content_hash", "guid", "imported_at"])
        self._save_item_links([(item, article.pk, plan.language)])
        self.report.updated["article"] += 1

    def _restrict(self, item: Item, page: Page, password: str) -> None:
        """Put ``page`` behind the post's password, as the old site had it."""
        restrictions = PageViewRestriction.objects.filter(page=page)
        if not password:
            if restrictions.filter(restriction_type=PageViewRestriction.PASSWORD).exists():
                # Taking a page out from behind its password is an editor's decision.
                self.report.warn(
                    item, "no longer has a password on the old site; the password here stays"
                )
            return
        existing = restrictions.filter(restriction_type=PageViewRestriction.PASSWORD).first()
        if existing is not None:
            if existing.password != password:
                existing.password = password
                existing.save()
        elif not restrictions.exists():
            # A page an editor restricted otherwise (login, groups) is not public already.
            PageViewRestriction.objects.create(
                page=page, restriction_type=PageViewRestriction.PASSWORD, password=password
            )

    def _save_state(self, page: Page, state: str, date: dt.datetime | None) -> None:
        """Save a revision and publish, schedule or unpublish as WordPress has it."""
        page.go_live_at = date if state == SCHEDULED else None
        revision = page.save_revision(
            clean=False, approved_go_live_at=date if state == SCHEDULED else None
        )
        if state == LIVE:
            revision.publish()
            Page.objects.filter(pk=page.pk).update(first_published_at=date, last_published_at=date)
        elif page.live:
            page.unpublish()

    def _standard_page(self, item, mapping, page, language, state, date, fingerprint) -> None:
        converted = convert(item.content, base_url=self.site_url)
        for name in converted.shortcodes:
            self.report.shortcodes[name] += 1
            self.report.warn(item, f"shortcode [{name}] kept as text")
        body = []
        for kind, value in converted.blocks:
            if kind == "paragraph":
                body.append(value)
            elif kind == "subheading":
                body.append(f"<h2>{escape(value)}</h2>")
            elif kind == "quote":
                body.append(f"<blockquote>{escape(value['text'])}</blockquote>")
            elif kind == "image":
                self.report.warn(item, f"image left out of the standard page: {value.src}")
        title = self._title(item)
        home = self.homes[language]
        if page is not None:
            page = page.specific
            page.title = page.draft_title = title
            page.body = "".join(body)
            self._restrict(item, page, item.password)
            self._save_state(page, state, date)
            self.report.updated["page"] += 1
            mapping.content_hash = fingerprint
            mapping.save(update_fields=["content_hash", "imported_at"])
        else:
            slug = self._slug(item, title, language)
            base, number = slug, 1
            siblings = set(home.get_children().values_list("slug", flat=True))
            while slug in siblings:
                number += 1
                slug = f"{base}-{number}"
            page = StandardPage(
                title=title,
                slug=slug,
                locale_id=home.locale_id,
                body="".join(body),
                translation_key=self._translation_key(item, "", home.locale_id),
            )
            HomePage.objects.get(pk=home.pk).add_child(instance=page)
            self._restrict(item, page, item.password)
            self._save_state(page, state, date)
            self.report.created["page"] += 1
            if mapping is not None:
                mapping.page = page
                mapping.content_hash = fingerprint
                mapping.save(update_fields=["page", "content_hash", "imported_at"])
            else:
                self._mapping(item, page.pk, fingerprint).save()
        self._save_item_links([(item, page.pk, language)])

    # Old URLs -------------------------------------------------------------------------

    def _base_key(self, parameter: str, value: str) -> str:
        return normalise(self.base_path or "/", {parameter: value})

    def _item_links(self, item: Item, page_id: int, language: str) -> list[LegacyLink]:
        """The item's own addresses: its ID (``/?p=123``) and its permalink."""
        keys = [self._base_key("p", item.wp_id)]
        if item.post_type == "page":
            keys.append(self._base_key("page_id", item.wp_id))
        if item.link.startswith(("http://", "https://", "/")):
            keys.append(key_of_url(item.link))
        return self._page_links(keys, page_id, language)

    def _guid_links(self, item: Item, page_id: int, language: str) -> list[LegacyLink]:
        """The address in the item's GUID, if it is one of the old site's.

        Posts written in the editor have ``/?p=123`` as GUID; posts created published
        (REST API, WP-CLI, importers) the pretty permalink of that moment, which differs
        from today's after a change of slug or permalink structure, or a move to https. A
        post brought over from another blog keeps that blog's GUID, whose ``?p=`` names
        another post here: GUIDs on other hosts lead nowhere, and _save_links lets an
        item's own addresses win over any GUID.
        """
        guid = item.guid
        if not guid.startswith(("http://", "https://")) or _host(guid) not in self.scan.hosts:
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

    def _save_item_links(self, items: list[tuple[Item, int, str]]) -> None:
        own = [link for item in items for link in self._item_links(*item)]
        self._save_links(own)
        paths = {link.path for link in own}
        guids = [link for item in items for link in self._guid_links(*item)]
        self._save_links([link for link in guids if link.path not in paths], replace=False)

    def _save_links(self, links: list[LegacyLink], *, replace: bool = True) -> None:
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

    def _attachment_links(self) -> None:
        """An attachment's page leads to the post it belongs to."""
        attachments = [a for a in self.scan.attachments.values() if a.parent and a.parent != "0"]
        for chunk in _chunks(attachments, LINK_BATCH):
            pages = dict(
                ImportedItem.objects.filter(
                    site_url=self.site_url,
                    kind__in=list(IMPORTED_TYPES.values()),
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
                keys = [self._base_key("attachment_id", attachment.wp_id)]
                if attachment.link:
                    keys.append(key_of_url(attachment.link))
                links += [
                    LegacyLink(path=key, kind=LegacyLink.Kind.PAGE, page_id=page_id)
                    for key in keys
                    if key != "/"
                ]
            self._save_links(links)

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

    def _archive_links(self) -> None:
        """Category, tag, author and feed archives."""
        base = self.base_path
        links: list[LegacyLink] = []
        term_ids = {slug: term_id for term_id, slug in self.scan.category_ids.items()}
        for slug, section in self.taxonomy.category_sections.items():
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
                        path=self._base_key("cat", term_ids[slug]),
                        kind=LegacyLink.Kind.PAGE,
                        page=section,
                        language=language,
                    )
                )
        for slug, (name, language, _unused) in self.tag_links.items():
            tag = self.taxonomy.tag(name)
            for path in (normalise(f"{base}/tag/{slug}"), self._base_key("tag", slug)):
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
        # The site's own feed speaks the language the export declares, else the most common.
        declared = (self.channel.language or "").split("-")[0].lower()
        if declared in self.homes:
            main_language = declared
        elif self.report.languages:
            main_language = self.report.languages.most_common(1)[0][0]
        else:
            main_language = self.fallback_language
        for feed in ("feed", "feed/rss2", "feed/atom", "rss", "rss2"):
            links.append(
                LegacyLink(
                    path=normalise(f"{base}/{feed}"),
                    kind=LegacyLink.Kind.FEED,
                    language=main_language,
                )
            )
        for login, language in self.author_languages.items():
            home = self.homes.get(language)
            if home is not None:
                links.append(
                    LegacyLink(
                        path=normalise(f"{base}/author/{login}"),
                        kind=LegacyLink.Kind.AUTHOR,
                        page=home,
                        language=language,
                    )
                )
        self._save_links(links)


def wordpress_import(
    *,
    path: str | Path,
    media_dir: str | Path | None = None,
    language: str | None = None,
    dry_run: bool = False,
    section_map: str | Path | None = None,
    time_zone: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import a WXR file; all or nothing, and nothing at all with ``dry_run``.

    Raises:
        WxrError: the file is malformed or not a WordPress export (names the line).
        WordPressImportError: bad options (unknown language, missing folder, bad section map).
    """
    path = Path(path)
    if not path.is_file():
        raise WordPressImportError(f"no such file: {path}")
    if language is not None and language not in dict(settings.LANGUAGES):
        raise WordPressImportError(
            f"unknown language '{language}'; choose one of {', '.join(dict(settings.LANGUAGES))}"
        )
    media = Path(media_dir) if media_dir else None
    if media is not None and not media.is_dir():
        raise WordPressImportError(f"no such folder: {media}")
    zone = _zone(time_zone)
    mapping = section_map_read(Path(section_map)) if section_map else {}
    scan = _scan(path)
    importer = None
    try:
        with transaction.atomic():
            importer = _Importer(
                scan=scan,
                path=path,
                media_dir=media,
                language=language,
                dry_run=dry_run,
                section_map=mapping,
                zone=zone,
                progress=progress,
            )
            report = importer.run()
            if dry_run:
                transaction.set_rollback(True)
    except BaseException:
        # The rows are gone with the transaction; the files it stored must go too.
        if importer is not None:
            importer.media.delete_stored_files()
        raise
    return report
