"""Rebuild the public search index from the live, public articles."""

import time

from django.core.management.base import BaseCommand

from muhabir.newsroom.selectors import public_articles
from muhabir.search.indexing import search_index_rebuild
from muhabir.search.models import SearchDocument


class Command(BaseCommand):
    help = (
        "Index every live, public article for reader search, replacing the index "
        "(needed after bulk imports such as load_demo_site --synthetic)."
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

        count = search_index_rebuild(progress=progress)
        if verbose:
            seconds = time.perf_counter() - started
            rate = count / seconds if seconds else 0
            self.stdout.write(
                f"Search index: {count} articles indexed in {seconds:.1f} s ({rate:.0f}/s)."
            )
