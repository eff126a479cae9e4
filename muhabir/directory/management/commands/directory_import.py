"""Import directory entries of one kind from a CSV file (all rows or none)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from muhabir.directory.csv_io.columns import KINDS
from muhabir.directory.csv_io.importing import import_csv


class Command(BaseCommand):
    help = (
        "Import places, associations, centres, offers or events from a CSV file. Every row "
        "is checked first; with any error nothing is imported unless --partial is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=KINDS, help="The kind of entries in the file.")
        parser.add_argument("file", help="The CSV file (UTF-8; comma or semicolon).")
        parser.add_argument(
            "--partial", action="store_true", help="Import the good rows even if some are wrong."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and report; save nothing."
        )

    def handle(self, *args, kind, file, partial, dry_run, **options):
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
        with translation.override("en"):
            report = import_csv(kind, data, partial=partial, dry_run=dry_run)
            for row_error in report.errors:
                self.stderr.write(str(row_error))
            summary = report.summary()
        if report.errors:
            raise CommandError(summary)
        self.stdout.write(summary)
