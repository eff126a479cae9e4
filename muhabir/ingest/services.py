"""Reading feed sources into draft articles: one transaction per item, a report per source."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass, field

import feedparser
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.html import escape, format_html
from django.utils.translation import gettext
from wagtail.rich_text import RichText

from muhabir.core import text
from muhabir.core.links import safe_link
from muhabir.ingest import body
from muhabir.ingest.fetching import (
    DEFAULT_MAX_BYTES,
    DEFAULT_TIMEOUT,
    FEED_CONTENT_TYPES,
    FetchError,
    fetch,
)
from muhabir.ingest.images import (
    DownloadedImage,
    ImageError,
    image_candidate,
    image_create,
    image_download,
)
from muhabir.ingest.models import FailureReason, FeedSource, FetchStatus, IngestedItem
from muhabir.newsroom.models import ArticlePage, SectionPage

logger = logging.getLogger(__name__)

FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9"
KEY_LENGTH = IngestedItem._meta.get_field("key").max_length
TITLE_LENGTH = 255
# How many failed items the source's "last error" names; the log has them all.
ERRORS_SHOWN = 3


@dataclass
class SourceReport:
    """What one run did with one source."""

    source: FeedSource
    created: int = 0
    duplicates: int = 0
    not_modified: bool = False
    error: FetchError | None = None
    failed_items: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.error is not None or bool(self.failed_items)

    def line(self) -> str:
        """One line for the command's output, in English."""
        name = f"{self.source.name} (#{self.source.pk})"
        if self.error is not None:
            return f"{name}: failed ({self.error.reason.value}): {self.error.detail}"
        if self.not_modified:
            return f"{name}: not modified"
        line = f"{name}: {self.created} new, {self.duplicates} duplicates skipped"
        if self.failed_items:
            line += f", {len(self.failed_items)} failed: " + "; ".join(self.failed_items)
        return line


@dataclass
class _Item:
    key: str
    guid: str
    link: str
    title: str
    entry: dict


def feed_sources_ingest(
    *,
    sources=None,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    dry_run: bool = False,
) -> list[SourceReport]:
    """Fetch every active source (or the given ones); a failing source does not stop the rest."""
    if sources is None:
        sources = FeedSource.objects.filter(active=True)
    sources = sources.select_related("language", "section", "section__locale").order_by("pk")
    return [
        feed_source_ingest(source=source, timeout=timeout, max_bytes=max_bytes, dry_run=dry_run)
        for source in sources
    ]


def feed_source_ingest(
    *,
    source: FeedSource,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    dry_run: bool = False,
) -> SourceReport:
    """Fetch one source and make a draft (or, without review, a published) article per new item.

    The source's status fields record the outcome; with ``dry_run`` nothing is written.
    """
    report = SourceReport(source=source)
    fetched_at = timezone.now()
    response = None
    try:
        if source.section_id is None:
            raise FetchError(FailureReason.NO_SECTION, "the source has no section")
        response = fetch(
            source.url,
            timeout=timeout,
            max_bytes=max_bytes,
            etag=source.etag,
            last_modified=source.last_modified,
            accept=FEED_ACCEPT,
        )
        if response.not_modified:
            report.not_modified = True
        else:
            items = _feed_items(response, report)
            for item in _new_items(source, items, report):
                if dry_run:
                    report.created += 1
                    continue
                _item_ingest_safely(source, item, report, timeout=timeout, max_bytes=max_bytes)
    except FetchError as error:
        report.error = error
        logger.warning("Feed %s (%s) failed: %s", source.name, source.url, error.detail)
    except Exception as error:  # A bug met by one source must not stop the others.
        logger.exception("Feed %s (%s) failed unexpectedly", source.name, source.url)
        report.error = FetchError(FailureReason.UNEXPECTED, f"{type(error).__name__}: {error}")
    if not dry_run:
        _source_update(source, report, fetched_at, response=response)
    return report


def _feed_items(response, report: SourceReport) -> list[_Item]:
    if response.media_type and response.media_type not in FEED_CONTENT_TYPES:
        raise FetchError(
            FailureReason.CONTENT_TYPE, f"content type {response.media_type} is not a feed"
        )
    parsed = feedparser.parse(
        response.body, response_headers={"content-type": response.content_type or "text/xml"}
    )
    if parsed.bozo and not parsed.entries:
        problem = parsed.get("bozo_exception") or "no feed found"
        raise FetchError(FailureReason.INVALID_FEED, f"not a valid feed: {problem}")
    if not parsed.entries and not parsed.get("version"):
        raise FetchError(FailureReason.INVALID_FEED, "not an RSS or Atom feed")
    if parsed.bozo:
        # feedparser's lenient parser still found items: take them, but say so.
        report.warnings.append(f"the feed is not well-formed: {parsed.get('bozo_exception')}")
    return [_item(entry) for entry in parsed.entries]


def _item(entry) -> _Item:
    guid = (entry.get("id") or "").strip()
    # The link becomes the href of the source line on a public page: http(s) only.
    link = safe_link(entry.get("link"))
    title = text.squash_whitespace(body.plain_text(entry.get("title") or ""))
    key = guid or link
    if not key:
        # Neither GUID nor link: the words themselves tell one item from another.
        words = f"{title}\n{entry.get('summary', '')}".encode()
        key = f"sha256:{hashlib.sha256(words).hexdigest()}"
    elif len(key) > KEY_LENGTH:
        key = f"sha256:{hashlib.sha256(key.encode()).hexdigest()}"
    return _Item(key=key, guid=guid, link=link, title=title, entry=entry)


def _new_items(source: FeedSource, items: list[_Item], report: SourceReport) -> list[_Item]:
    """The items neither seen in an earlier run nor earlier in this feed."""
    known = set(
        IngestedItem.objects.filter(source=source, key__in=[item.key for item in items])
        .values_list("key", flat=True)
        .iterator()
    )
    fresh = []
    for item in items:
        if item.key in known:
            report.duplicates += 1
            continue
        known.add(item.key)
        fresh.append(item)
    return fresh


def _item_ingest_safely(source, item, report, *, timeout, max_bytes) -> None:
    try:
        created = _item_ingest(source, item, report, timeout=timeout, max_bytes=max_bytes)
    except Exception as error:  # One broken item must not cost the source its other items.
        logger.exception("Feed %s: item %s failed", source.name, item.key)
        report.failed_items.append(f"{item.title or item.key}: {error}")
        return
    if created:
        report.created += 1
    else:
        report.duplicates += 1


def _item_ingest(source, item, report, *, timeout: float, max_bytes: int) -> bool:
    """Make the item's article; False when a concurrent run has taken the item already."""
    entry = item.entry
    if not (item.title or item.link or entry.get("summary") or entry.get("content")):
        raise ValueError("the item has no title, text or link")
    # The picture is fetched before the transaction: no database lock waits on a slow server.
    downloaded = _image(item, report, timeout=timeout, max_bytes=max_bytes)
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = IngestedItem.objects.create(
                    source=source, key=item.key, guid=item.guid, link=item.link[:2000]
                )
        except IntegrityError:
            return False
        article = _article_create(source, item, downloaded)
        record.article = article
        record.save(update_fields=["article"])
    return True


def _image(item, report, *, timeout, max_bytes) -> DownloadedImage | None:
    candidate = image_candidate(item.entry, base_url=item.link)
    if candidate is None:
        return None
    url, alt = candidate
    try:
        return image_download(url, alt, timeout=timeout, max_bytes=max_bytes)
    except ImageError as error:
        report.warnings.append(f"{item.title or item.key}: image skipped: {error}")
        logger.warning("Feed item %s: image skipped: %s", item.key, error)
        return None


def _article_create(source, item, downloaded) -> ArticlePage:
    section: SectionPage = source.section
    language = section.locale.language_code
    title = (item.title or _fallback_title(item))[:TITLE_LENGTH]
    hero = None
    if downloaded is not None:
        hero = image_create(downloaded, title=title, credit=source.name)
    article = ArticlePage(
        title=title,
        slug=_free_slug(section, title, language),
        locale=section.locale,
        teaser=text.teaser(body.plain_text(item.entry.get("summary") or "")),
        body=[*_body_blocks(item), ("paragraph", RichText(_source_line(source, item, language)))],
        hero_image=hero,
        editorial_date=_date(item.entry),
        live=False,
    )
    section.add_child(instance=article)
    revision = article.save_revision(log_action=True)
    if not source.needs_review:
        revision.publish()
    return article


def _body_blocks(item) -> list:
    for content in item.entry.get("content", []):
        value = content.get("value") or ""
        if value.strip():
            return _blocks(value, content.get("type", ""), item.link)
    summary = item.entry.get("summary_detail") or {}
    return _blocks(item.entry.get("summary") or "", summary.get("type", ""), item.link)


def _blocks(value: str, content_type: str, base_url: str) -> list:
    if content_type == "text/plain":
        value = body.text_to_html(value)
    return body.html_to_blocks(value, base_url=base_url)


def _source_line(source, item, language: str) -> str:
    """ "Kaynak: <a>Stadt Duisburg</a>", in the article's language, linked to the original."""
    name = (
        format_html('<a href="{}">{}</a>', item.link, source.name)
        if item.link
        else escape(source.name)
    )
    with translation.override(language):
        # Translators: the last line of an imported press release; "source" is its publisher.
        template = gettext("Source: %(source)s")
    return "<p>{}</p>".format(escape(template) % {"source": name})


def _fallback_title(item) -> str:
    summary = body.plain_text(item.entry.get("summary") or "")
    return text.teaser(summary, 100) if summary else item.link or item.key


def _free_slug(section: SectionPage, title: str, language: str) -> str:
    base = text.slug(title, language)[:240].strip("-") or "press-release"
    taken = set(section.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _date(entry) -> dt.datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return dt.datetime(*parsed[:6], tzinfo=dt.UTC)


def _source_update(source, report: SourceReport, fetched_at, *, response) -> None:
    """Record the outcome on the source, leaving the fields an editor may be changing alone."""
    values = {"last_fetched_at": fetched_at}
    if report.error is not None:
        # The detail (an error status, "Connection refused") is logged, not shown.
        values |= {
            "last_status": FetchStatus.FAILED,
            "last_error_reason": report.error.reason,
            "last_error": "",
        }
    else:
        values |= {"last_success_at": fetched_at, "last_error_reason": "", "last_error": ""}
        if report.not_modified:
            values["last_status"] = FetchStatus.NOT_MODIFIED
        elif report.failed_items:
            # The validators stay as they were, so the next run fetches the feed again
            # and retries the items that failed; the ones made are skipped as duplicates.
            values |= {
                "last_status": FetchStatus.FAILED,
                "last_error_reason": FailureReason.ITEMS_FAILED,
                "last_error": "; ".join(report.failed_items[:ERRORS_SHOWN]),
            }
        else:
            values |= {
                "last_status": FetchStatus.OK,
                "etag": response.etag[:500],
                "last_modified": response.last_modified[:100],
            }
    for name, value in values.items():
        setattr(source, name, value)
    FeedSource.objects.filter(pk=source.pk).update(
        **values, items_created_total=F("items_created_total") + report.created
    )
    source.items_created_total += report.created
