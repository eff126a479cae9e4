"""Importing a WordPress export: posts become articles, pages standard pages.

``services.wordpress_import`` runs it in one transaction; ``redirects`` stores the old
addresses of what it brings over and ``report`` counts what it did.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
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
from muhabir.wordpress.media import MediaLibrary
from muhabir.wordpress.models import ImportedItem
from muhabir.wordpress.publishing import password_restrict, state_save
from muhabir.wordpress.redirects import RedirectPlanner
from muhabir.wordpress.report import ImportReport, WordPressImportError
from muhabir.wordpress.scan import Scan, chunks
from muhabir.wordpress.taxonomy import Taxonomy
from muhabir.wordpress.wxr import Item, parse_date, read_wxr

BATCH = 200
IMPORTED_TYPES = {"post": ImportedItem.Kind.POST, "page": ImportedItem.Kind.PAGE}
STATES = {"publish": LIVE, "draft": DRAFT, "pending": DRAFT, "future": SCHEDULED, "private": DRAFT}
SKIPPED_STATUSES = {"trash", "auto-draft", "inherit"}


class _Importer:
    def __init__(
        self,
        *,
        scan: Scan,
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
        self.redirects = RedirectPlanner(scan=scan, report=self.report)
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
        for chunk in chunks(items, BATCH):
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
        self.redirects.item_links_save(linked)

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
        password_restrict(article, plan.password, item=item, report=self.report)
        state_save(article, plan.state, plan.date)
        mapping.content_hash = fingerprint
        mapping.guid = item.guid[:500]
        mapping.save(update_fields=["content_hash", "guid", "imported_at"])
        self.redirects.item_links_save([(item, article.pk, plan.language)])
        self.report.updated["article"] += 1

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
            password_restrict(page, item.password, item=item, report=self.report)
            state_save(page, state, date)
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
            password_restrict(page, item.password, item=item, report=self.report)
            state_save(page, state, date)
            self.report.created["page"] += 1
            if mapping is not None:
                mapping.page = page
                mapping.content_hash = fingerprint
                mapping.save(update_fields=["page", "content_hash", "imported_at"])
            else:
                self._mapping(item, page.pk, fingerprint).save()
        self.redirects.item_links_save([(item, page.pk, language)])

    # Old URLs -------------------------------------------------------------------------

    def _attachment_links(self) -> None:
        self.redirects.attachment_links_save()

    def _archive_links(self) -> None:
        # The site's own feed speaks the language the export declares, else the most common.
        declared = (self.channel.language or "").split("-")[0].lower()
        if declared in self.homes:
            main_language = declared
        elif self.report.languages:
            main_language = self.report.languages.most_common(1)[0][0]
        else:
            main_language = self.fallback_language
        self.redirects.archive_links_save(
            taxonomy=self.taxonomy,
            tag_links=self.tag_links,
            author_homes={
                login: (self.homes[language], language)
                for login, language in self.author_languages.items()
                if language in self.homes
            },
            main_language=main_language,
        )
