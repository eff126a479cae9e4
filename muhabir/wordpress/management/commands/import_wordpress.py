"""manage.py import_wordpress FILE.xml [--media-dir DIR] [--language tr|de] [--dry-run] ..."""

from __future__ import annotations

import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from muhabir.newsroom.renditions import renditions_for_articles
from muhabir.wordpress.services import WordPressImportError, WxrError, wordpress_import
from muhabir.wordpress.taxonomy import SectionMapError

BAR_WIDTH = 30


class Progress:
    """A one-line progress bar with counts and the time left, redrawn at most 5 times a second."""

    def __init__(self, stream):
        self.stream = stream
        self.started = time.monotonic()
        self.drawn = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.drawn < 0.2:
            return
        self.drawn = now
        share = done / total if total else 1
        elapsed = now - self.started
        left = elapsed / done * (total - done) if done else 0
        filled = int(BAR_WIDTH * share)
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total} "
            f"{share:4.0%} {done / elapsed if elapsed else 0:5.0f}/s ETA {int(left) // 60}:"
            f"{int(left) % 60:02d} "
        )
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


RENDITIONS_AT_ONCE = 100


class Command(BaseCommand):
    help = "Import posts and pages from a WordPress export (WXR) file."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the WXR file WordPress exported (Tools > Export)")
        parser.add_argument(
            "--media-dir", help="the old site's wp-content/uploads folder, for the images"
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            help="put every post into this language instead of detecting it",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="report what would happen; change nothing"
        )
        parser.add_argument(
            "--section-map",
            help="CSV file of 'wordpress category slug or name,section slug' lines",
        )
        parser.add_argument(
            "--timezone",
            help=f"the old site's time zone, for dates without UTC (default {settings.TIME_ZONE})",
        )
        parser.add_argument(
            "--progress",
            action="store_true",
            help="show the progress bar even when stderr is not a terminal",
        )

    def handle(self, *args, **options):
        stderr = sys.stderr
        show_progress = options["progress"] or stderr.isatty()
        try:
            report = wordpress_import(
                path=options["file"],
                media_dir=options["media_dir"],
                language=options["language"],
                dry_run=options["dry_run"],
                section_map=options["section_map"],
                time_zone=options["timezone"],
                progress=Progress(stderr) if show_progress else None,
            )
        except (WxrError, WordPressImportError, SectionMapError) as error:
            raise CommandError(f"{options['file']}: {error}; nothing was imported") from error
        except KeyboardInterrupt:
            raise CommandError("interrupted; nothing was imported") from None
        for line in report.summary():
            self.stdout.write(line)
        if not options["dry_run"]:
            # The front and section pages show the newest articles: their photos are ready
            # for the first reader; prepare_renditions does the rest in its own time.
            articles, images = renditions_for_articles(limit=RENDITIONS_AT_ONCE)
            self.stdout.write(
                f"Renditions: made for {images} images of the {articles} newest articles; "
                "run `manage.py prepare_renditions` for the others."
            )
