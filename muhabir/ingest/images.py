"""A feed item's picture: found in the item, fetched with the feed's limits, stored as an image."""

from __future__ import annotations

import io
import posixpath
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.utils import translation
from PIL import Image as PillowImage
from PIL import UnidentifiedImageError

from muhabir.core import text
from muhabir.core.links import safe_link
from muhabir.images.limits import image_pixels_check
from muhabir.images.models import CustomImage
from muhabir.ingest import body
from muhabir.ingest.fetching import FetchError, fetch

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif")
# Pillow's format names and the file suffix each gets.
FORMAT_SUFFIXES = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp", "AVIF": "avif"}


class ImageError(Exception):
    """The picture could not be used; the article is made without it."""


@dataclass
class DownloadedImage:
    url: str
    alt: str
    data: bytes
    suffix: str


def image_candidate(entry, *, base_url: str = "") -> tuple[str, str] | None:
    """The address and alt text of an item's picture: enclosure, media:content, else first <img>.

    Only http(s) addresses count; the image is stored and shown under /media/.
    """
    for enclosure in entry.get("enclosures", []):
        href = _web_address(enclosure.get("href", ""), base_url)
        if href and _looks_like_image(enclosure.get("type", ""), href):
            return href, ""
    for media in [*entry.get("media_content", []), *entry.get("media_thumbnail", [])]:
        url = _web_address(media.get("url", ""), base_url)
        is_image = media.get("medium") == "image" or _looks_like_image(media.get("type", ""), url)
        if url and is_image:
            return url, ""
    for markup in _entry_html(entry):
        found = body.first_image(markup, base_url=base_url)
        if found:
            return found
    return None


def image_download(url: str, alt: str, *, timeout: float, max_bytes: int) -> DownloadedImage:
    """Fetch a picture and check that it is one, in a format the site accepts.

    Raises:
        ImageError: with the reason, when it cannot be fetched or is not a usable image.
    """
    try:
        response = fetch(url, timeout=timeout, max_bytes=max_bytes, accept="image/*")
    except FetchError as error:
        raise ImageError(f"{url}: {error.detail}") from None
    media_type = response.media_type
    if media_type and not media_type.startswith("image/"):
        raise ImageError(f"{url}: not an image but {media_type}")
    try:
        # From the header alone: a small file can declare a picture too large to decode.
        image_pixels_check(response.body)
    except ValidationError as error:
        with translation.override("en"):  # for the log and the command's output
            reason = " ".join(error.messages)
        raise ImageError(f"{url}: {reason}") from None
    try:
        with PillowImage.open(io.BytesIO(response.body)) as picture:
            picture.verify()
            image_format = picture.format
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ImageError(f"{url}: not a readable image ({error})") from None
    suffix = FORMAT_SUFFIXES.get(image_format or "")
    if suffix is None or suffix not in settings.WAGTAILIMAGES_EXTENSIONS:
        raise ImageError(f"{url}: image format {image_format} is not accepted")
    return DownloadedImage(url=url, alt=alt, data=response.body, suffix=suffix)


def image_create(downloaded: DownloadedImage, *, title: str, credit: str) -> CustomImage:
    """Store a downloaded picture; its alt text is its own, else the article's title."""
    stem = posixpath.splitext(posixpath.basename(urlsplit(downloaded.url).path))[0]
    name = f"{text.slug(stem, None)[:60] or 'image'}.{downloaded.suffix}"
    image = CustomImage(
        title=title[:255],
        description=(downloaded.alt or title)[:255],
        credit=credit[:255],
        file=ImageFile(io.BytesIO(downloaded.data), name=name),
    )
    image.save()
    return image


def _web_address(address: str, base_url: str) -> str:
    return safe_link(urljoin(base_url, address.strip())) if address.strip() else ""


def _looks_like_image(media_type: str, url: str) -> bool:
    if media_type:
        return media_type.lower().startswith("image/")
    return urlsplit(url).path.lower().endswith(IMAGE_SUFFIXES)


def _entry_html(entry) -> list[str]:
    markups = [content.get("value", "") for content in entry.get("content", [])]
    markups.append(entry.get("summary", ""))
    return [markup for markup in markups if markup]
