"""Rebuild the site from a backup archive, after checking all of it."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from muhabir.operations.restore import RestoreError, archive_restore


class Command(BaseCommand):
    help = (
        "Check a backup archive completely (readable, manifest, every checksum), then restore "
        "its database and media files onto an empty database, SQLite or PostgreSQL."
    )
    # The target database may be empty or missing tables: checks must not touch it first.
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="The .tar.gz written by backup.")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="Replace a database that already holds users or revisions.",
        )
        parser.add_argument(
            "--portable",
            action="store_true",
            help="Load the database-neutral rows even when the native dump would fit.",
        )

    def handle(self, *args, archive, yes, portable, **options):
        verbose = options["verbosity"] > 0

        def log(line: str) -> None:
            if verbose:
                self.stdout.write(line)

        try:
            result = archive_restore(archive, replace=yes, portable=portable, log=log)
        except RestoreError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Restored {archive.name}: {result.rows} rows, {result.media_files} media files "
            f"in {result.seconds:.1f} s."
        )
