"""Write a backup archive: database, media files and a manifest with counts and checksums."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from muhabir.operations.archive import ARCHIVE_SUFFIX
from muhabir.operations.backup import BackupError, backup_create, backups_prune


class Command(BaseCommand):
    help = (
        "Write one archive (.tar.gz) of the database and the media files while the site "
        "keeps serving. --keep N deletes all but the newest N archives in the same folder."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            metavar="DIR|FILE",
            help=f"A folder (a time-stamped name is made in it) or a file ending in "
            f"{ARCHIVE_SUFFIX} (default: data/backups/).",
        )
        parser.add_argument(
            "--keep",
            type=int,
            metavar="N",
            help="Afterwards, delete all but the newest N archives in the output folder.",
        )

    def handle(self, *args, output, keep, **options):
        if keep is not None and keep < 1:
            raise CommandError("--keep must be at least 1.")
        try:
            result = backup_create(output=output)
        except BackupError as error:
            raise CommandError(str(error)) from None
        megabytes = result.size / 1024 / 1024
        self.stdout.write(
            f"Backup written: {result.path} ({megabytes:.1f} MB, {result.rows} rows, "
            f"{result.media_files} media files) in {result.seconds:.1f} s."
        )
        if keep is not None:
            for path in backups_prune(result.path.parent, keep):
                self.stdout.write(f"Deleted the older backup {path.name}.")
