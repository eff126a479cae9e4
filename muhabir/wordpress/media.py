"""Images from the old site's uploads folder, each file imported once.

``https://site/wp-content/uploads/2019/11/foto-300x225.jpg`` is a size WordPress made of
``2019/11/foto.jpg``; the original is imported, keyed by its path under uploads, so a
second reference (or a second run) reuses the image.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.files import File
from PIL import Image, UnidentifiedImageError
from wagtail.utils.file import hash_filelike

from muhabir.images.models import CustomImage
from muhabir.wordpress.content import plain_text, split_credit
from muhabir.wordpress.models import ImportedItem

_UPLOADS = re.compile(r"/(?:wp-content/uploads|wp-content/blogs\.dir/\d+/files|files)/(.+)$")
_MULTISITE = re.compile(r"^sites/\d+/")
_SIZE = re.compile(r"-\d+x\d+(?=\.\w+$)")
_SCALED = re.compile(r"-(?:scaled|rotated)(?=\.\w+$)")
BATCH = 100


@dataclass
class Attachment:
    """An uploaded file as the export describes it."""

    wp_id: str
    url: str
    title: str = ""
    caption: str = ""
    alt: str = ""
    parent: str = ""
    link: str = ""


@dataclass
class PendingImage:
    key: str
    path: Path
    title: str
    alt: str
    caption: str
    credit: str


def upload_path(url: str) -> str:
    """The path under the uploads folder of a URL to it, e.g. ``2019/11/foto-300x225.jpg``."""
    path = unquote(urlsplit(url.strip()).path)
    match = _UPLOADS.search(path)
    if not match:
        return ""
    return _MULTISITE.sub("", match.group(1)).lstrip("/")


def original_candidates(relative: str) -> list[str]:
    """The files a reference may mean, best first: the original before a generated size."""
    original = _SIZE.sub("", relative)
    stem, extension = os.path.splitext(original)
    candidates = [f"{stem}-scaled{extension}", original, relative]
    unscaled = _SCALED.sub("", original)
    if unscaled != original:
        candidates.insert(0, original)
    return list(dict.fromkeys(candidates))


def _title_from(relative: str) -> str:
    stem = os.path.splitext(os.path.basename(relative))[0]
    return re.sub(r"[-_]+", " ", _SCALED.sub("", stem)).strip() or stem


class MediaLibrary:
    """Finds referenced files under ``media_dir`` and creates their images in batches."""

    def __init__(
        self,
        *,
        site_url: str,
        media_dir: Path | None,
        attachments: dict[str, Attachment],
        dry_run: bool,
    ):
        self.site_url = site_url
        self.media_dir = media_dir
        self.attachments = attachments
        self.dry_run = dry_run
        self.known: dict[str, int] = dict(
            ImportedItem.objects.filter(
                site_url=site_url, kind=ImportedItem.Kind.FILE, image__isnull=False
            ).values_list("key", "image_id")
        )
        self.pending: dict[str, PendingImage] = {}
        self.missing: set[str] = set()
        self.created = 0
        self.created_ids: list[int] = []
        self.reused: set[str] = set()
        self.stored_files: list[str] = []
        # A dry run creates no images but must still count each file once.
        self.dry_seen: set[str] = set()

    def resolve(
        self,
        *,
        src: str = "",
        attachment_id: str = "",
        alt: str = "",
        caption: str = "",
        credit: str = "",
    ) -> tuple[str, str]:
        """Find the file a reference means; return (key, "") or ("", a warning)."""
        attachment = self.attachments.get(attachment_id) if attachment_id else None
        urls = [attachment.url] if attachment else []
        urls.append(src)
        relative = next((path for path in map(upload_path, urls) if path), "")
        if not relative:
            return "", f"image outside the uploads folder: {src or attachment_id}"
        for candidate in original_candidates(relative):
            if candidate in self.known or candidate in self.pending or candidate in self.dry_seen:
                if candidate in self.known:
                    self.reused.add(candidate)
                return candidate, ""
        if self.media_dir is None:
            return "", f"no --media-dir for image {relative}"
        for candidate in original_candidates(relative):
            path = self._inside(candidate)
            if path is None:
                return "", f"image path outside --media-dir refused: {relative}"
            if path.is_file():
                break
        else:
            self.missing.add(relative)
            return "", f"image file missing: {relative}"
        title = (attachment.title if attachment else "") or _title_from(candidate)
        if attachment and attachment.caption and not caption:
            caption, credit = split_credit(plain_text(attachment.caption))
        alt = (attachment.alt if attachment and attachment.alt else alt) or caption or title
        self.pending[candidate] = PendingImage(
            key=candidate,
            path=path,
            title=title[:255],
            alt=alt[:255],
            caption=caption,
            credit=credit[:255],
        )
        return candidate, ""

    def _inside(self, relative: str) -> Path | None:
        """The file ``relative`` names under the media folder, or None if it leads out of it.

        The export is not to be trusted: ``../``, absolute paths and symbolic links could
        otherwise import any file the import can read (and show it on the site).
        """
        root = self.media_dir.resolve()
        try:
            path = (root / relative).resolve()
        except (OSError, ValueError):
            # A NUL byte (%00) or a link loop.
            return None
        return path if path.is_relative_to(root) else None

    def image_id(self, key: str) -> int | None:
        return self.known.get(key)

    def flush(self) -> list[str]:
        """Create the images of the files found since the last flush; return warnings."""
        warnings: list[str] = []
        pending = list(self.pending.values())
        self.pending = {}
        for start in range(0, len(pending), BATCH):
            warnings += self._create(pending[start : start + BATCH])
        return warnings

    def _create(self, batch: list[PendingImage]) -> list[str]:
        warnings, images, handles, keys = [], [], [], []
        extensions = {f".{ext}" for ext in settings.WAGTAILIMAGES_EXTENSIONS}
        try:
            for pending in batch:
                if pending.path.suffix.lower() not in extensions:
                    warnings.append(f"not an image format we take: {pending.key}")
                    continue
                try:
                    with Image.open(pending.path) as picture:
                        width, height = picture.size
                except (UnidentifiedImageError, OSError) as error:
                    warnings.append(f"unreadable image {pending.key}: {error}")
                    continue
                if self.dry_run:
                    self.dry_seen.add(pending.key)
                    self.created += 1
                    continue
                handle = open(pending.path, "rb")  # noqa: SIM115 - closed after the batch
                handles.append(handle)
                file_hash = hash_filelike(handle)
                handle.seek(0)
                images.append(
                    CustomImage(
                        title=pending.title or pending.key,
                        description=pending.alt or pending.title or pending.key,
                        default_caption=pending.caption,
                        credit=pending.credit,
                        file=File(handle, name=os.path.basename(pending.key)),
                        width=width,
                        height=height,
                        file_size=os.fstat(handle.fileno()).st_size,
                        file_hash=file_hash,
                    )
                )
                keys.append(pending.key)
            if not images:
                return warnings
            CustomImage.objects.bulk_create(images)
        finally:
            for handle in handles:
                handle.close()
        self.stored_files += [image.file.name for image in images]
        ImportedItem.objects.bulk_create(
            ImportedItem(
                site_url=self.site_url, kind=ImportedItem.Kind.FILE, key=key[:255], image=image
            )
            for key, image in zip(keys, images, strict=True)
        )
        for key, image in zip(keys, images, strict=True):
            self.known[key] = image.pk
            self.created_ids.append(image.pk)
        self.created += len(images)
        return warnings

    def delete_stored_files(self) -> None:
        """Remove the files this run wrote, after the database rolled back."""
        storage = CustomImage._meta.get_field("file").storage
        for name in self.stored_files:
            storage.delete(name)
        self.stored_files = []
