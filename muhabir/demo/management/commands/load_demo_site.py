"""Build the demo site "Muhabirce NRW" from the seed; optionally add synthetic articles."""

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from muhabir.demo.services import demo_site_load
from muhabir.demo.synthetic import synthetic_articles_create
from muhabir.search.indexing import search_index_rebuild


class Command(BaseCommand):
    help = "Build the demo site from the seed (idempotent); --synthetic N adds N test articles."

    def add_arguments(self, parser):
        parser.add_argument(
            "--synthetic",
            type=int,
            default=0,
            metavar="N",
            help="Make sure N clearly synthetic articles exist (for benchmarks).",
        )
        parser.add_argument(
            "--password",
            help="Password for the demo users (default: generated once, kept in data/).",
        )

    def handle(self, *args, synthetic: int, password: str | None, **options):
        if synthetic < 0:
            raise CommandError("--synthetic must be zero or more.")
        try:
            report = demo_site_load(password=password)
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from None
        verbose = options["verbosity"] > 0
        if verbose:
            if report.created:
                self.stdout.write(f"Demo site: created {len(report.created)} objects.")
                if options["verbosity"] > 1:
                    for line in report.created:
                        self.stdout.write(f"  {line}")
            else:
                self.stdout.write("Demo site: already complete, nothing changed.")
        if synthetic:
            added = synthetic_articles_create(count=synthetic)
            if verbose:
                self.stdout.write(f"Synthetic articles: {added} added ({synthetic} wanted).")
            if added:
                # Bulk-inserted articles send no publish signals; the index is rebuilt in
                # date order so that a higher index row stays a newer article.
                indexed = search_index_rebuild()
                if verbose:
                    self.stdout.write(f"Search index: {indexed} articles.")
        if verbose:
            self.stdout.write(
                f"Log in at /admin/ as admin, editor or reporter with password: {report.password}"
            )
