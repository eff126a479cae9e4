"""Export the directory entries of one kind as CSV (UTF-8 with a byte-order mark for Excel)."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from muhabir.directory.csv_io.columns import KINDS, SPECS
from muhabir.directory.csv_io.exporting import export_csv


class Command(BaseCommand):
    help = "Export places, associations, centres, offers or events as CSV, to FILE or stdout."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=KINDS, help="The kind of entries to export.")
        parser.add_argument("file", nargs="?", help="Where to write (default: standard output).")

    def handle(self, *args, kind, file, **options):
        text = export_csv(kind)
        if not file or file == "-":
            # Bytes as they would be in the file, so a redirect gives the same file.
            stream = getattr(self.stdout, "_out", sys.stdout)
            if hasattr(stream, "buffer"):
                stream.buffer.write(text.encode("utf-8"))
                stream.flush()
            else:
                stream.write(text)
            return
        path = Path(file)
        try:
            path.write_bytes(text.encode("utf-8"))
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error.strerror}.") from None
        count = SPECS[kind].model.objects.count()
        self.stdout.write(f"Exported {count} {kind} to {path}.")
