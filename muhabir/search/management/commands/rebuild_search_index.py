"""Rebuild the public search index from the live, public articles."""

import time

from django.core.management.base import BaseCommand
from django.db import connection

from muhabir.core.text_analysis import search_languages
from muhabir.newsroom.selectors import public_articles
from muhabir.search.backends import postgres_language_indexes_ensure
from muhabir.search.indexing import search_index_rebuild
from muhabir.search.models import SearchDocument


class Command(BaseCommand):
    help = (
        "Index every live, public article for reader search, replacing the index "
        "(needed after a bulk import that sends no publish signals, or a new language)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only say how many articles would be indexed.",
        )

    def handle(self, *args, dry_run: bool, **options):
        verbose = options["verbosity"] > 0
        if dry_run:
            wanted = public_articles().count()
            current = SearchDocument.objects.count()
            self.stdout.write(
                f"Would index {wanted} articles (the index holds {current} now); nothing changed."
            )
            return
        started = time.perf_counter()

        def progress(count: int) -> None:
            if options["verbosity"] > 1:
                self.stdout.write(f"  {count} indexed")

        if connection.vendor == "postgresql":
            for name in postgres_language_indexes_ensure(search_languages()):
                if verbose:
                    self.stdout.write(f"Made the index {name} for a newly configured language.")
        count = search_index_rebuild(progress=progress)
        if verbose:
            seconds = time.perf_counter() - started
            rate = count / seconds if seconds else 0
            self.stdout.write(
                f"Search index: {count} articles indexed in {seconds:.1f} s ({rate:.0f}/s)."
            )
