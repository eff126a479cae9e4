"""Importing a WordPress export: posts become articles, pages standard pages, old URLs redirect.

The file is read twice as a stream: first for what items refer to (categories, authors,
attachments), then for the posts themselves, in batches. Everything happens in one
transaction, so a bad file or an interruption leaves the database as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.db import transaction

from muhabir.wordpress.importing import _Importer
from muhabir.wordpress.report import ImportReport, WordPressImportError
from muhabir.wordpress.scan import export_scan
from muhabir.wordpress.taxonomy import section_map_read
from muhabir.wordpress.wxr import WxrError

__all__ = ["ImportReport", "WordPressImportError", "WxrError", "wordpress_import"]


def _zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or settings.TIME_ZONE)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise WordPressImportError(f"unknown time zone: {name}") from error


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
    scan = export_scan(path)
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
