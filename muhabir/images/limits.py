"""One limit on an image's pixels, for every way an image arrives.

A PNG of a few kilobytes can declare 140 megapixels, and its first rendition then takes
hundreds of megabytes. ``MUHABIR_MAX_IMAGE_PIXELS`` is the limit: Wagtail's upload form
enforces it as ``WAGTAILIMAGES_MAX_IMAGE_PIXELS`` (with this module's form base for a
translated message), and everything else that stores images from outside (feed ingest, the
WordPress import) calls ``image_pixels_check`` first. Pillow's own guard is no help here:
it only warns above its limit and refuses at twice that.
"""

from __future__ import annotations

import io
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError
from wagtail.images.forms import BaseImageForm

from muhabir.core.media_room import media_room_check

DEFAULT_MAX_IMAGE_PIXELS = 40_000_000

TOO_MANY_PIXELS = _(
    "This image has too many pixels (%(num_pixels)s); at most %(max_pixels_count)s are accepted."
)


def max_image_pixels() -> int:
    """The largest number of pixels (width × height × frames) an image may have."""
    return int(getattr(settings, "MUHABIR_MAX_IMAGE_PIXELS", DEFAULT_MAX_IMAGE_PIXELS))


def image_pixels_check(data: bytes | io.IOBase) -> tuple[int, int]:
    """The image's width and height, read from its header without decoding it.

    Args:
        data: the file's bytes, or a binary file positioned at its start (left there).

    Raises:
        ValidationError: code ``too_many_pixels`` above ``max_image_pixels()``, code
            ``invalid_image`` when the data is not an image Pillow knows.
    """
    stream = io.BytesIO(data) if isinstance(data, bytes | bytearray) else data
    start = stream.tell()
    limit = max_image_pixels()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # Image.open reads the header only; the pixels are decoded on first use.
            with Image.open(stream) as picture:
                width, height = picture.size
                frames = getattr(picture, "n_frames", 1) or 1
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many(_("more than %(limit)s") % {"limit": limit}, limit) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _("The file is not a readable image."), code="invalid_image"
        ) from error
    finally:
        stream.seek(start)
    if width * height * frames > limit:
        raise _too_many(width * height * frames, limit)
    return width, height


def _too_many(pixels, limit: int) -> ValidationError:
    return ValidationError(
        TOO_MANY_PIXELS,
        code="too_many_pixels",
        params={"num_pixels": pixels, "max_pixels_count": limit},
    )


class PixelLimitImageForm(BaseImageForm):
    """The admin's image form, saying in the editor's language that an image is too large.

    Wagtail's own message for it has no Turkish or German translation.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            self.fields["file"].error_messages["file_too_many_pixels"] = TOO_MANY_PIXELS

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            media_room_check(upload, renditions=True)
        return upload
