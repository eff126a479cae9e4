"""Take location, device and owner metadata out of images stored before uploads were stripped.

New uploads are stripped on save (see muhabir.images.metadata); this command does the same
for the images already there, and remakes their renditions. Running it again changes nothing.
"""

from django.core.management.base import BaseCommand

from muhabir.images.metadata import stored_image_strip
from muhabir.images.models import CustomImage


class Command(BaseCommand):
    help = "Strip location, device and owner metadata from stored images and their renditions."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="count the images, change nothing"
        )

    def handle(self, *args, dry_run=False, **options):
        total = stripped = 0
        for image in CustomImage.objects.order_by("pk").iterator(chunk_size=200):
            total += 1
            try:
                changed = stored_image_strip(image, dry_run=dry_run)
            except OSError as error:
                self.stderr.write(f"Image {image.pk} ({image.file.name}): cannot read ({error}).")
                continue
            stripped += changed
            if changed and options["verbosity"] > 1:
                self.stdout.write(f"  {image.pk} {image.file.name}")
        if dry_run:
            self.stdout.write(f"Dry run: would strip metadata from {stripped} of {total} images.")
        else:
            self.stdout.write(f"Stripped metadata from {stripped} of {total} images.")
