"""Make the renditions readers will be sent, for articles that came in without publishing.

Publishing an article makes its renditions; a bulk import (WordPress) makes them for its
newest articles only, so it stays quick. This command does the rest, newest first, and
skips renditions that exist: it can be stopped and run again.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from muhabir.newsroom.renditions import renditions_for_articles


class Command(BaseCommand):
    help = "Make the image renditions of live articles that lack them, newest articles first."

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit", type=int, help="only the N newest articles (default: all of them)"
        )

    def handle(self, *args, limit=None, **options):
        if limit is not None and limit < 1:
            raise CommandError("--limit must be 1 or more.")
        started = time.perf_counter()

        def progress(articles: int) -> None:
            if options["verbosity"] > 1:
                self.stdout.write(f"  {articles} articles done")

        articles, images = renditions_for_articles(limit=limit, progress=progress)
        if options["verbosity"] > 0:
            self.stdout.write(
                f"Renditions: {images} images of {articles} articles checked in "
                f"{time.perf_counter() - started:.1f} s."
            )
