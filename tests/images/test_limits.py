"""One pixel limit for images from anywhere, checked from the header before decoding."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image, ImageFile

from muhabir.images.limits import TOO_MANY_PIXELS, image_pixels_check
from muhabir.images.models import CustomImage


def bomb_png(width: int = 8000, height: int = 8000) -> bytes:
    """A 1-bit PNG of ``width`` × ``height`` black pixels: a few kilobytes."""
    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def declared_png(width: int, height: int) -> bytes:
    """A 1×1 PNG whose header claims ``width`` × ``height``: nothing else needs so many."""
    buffer = io.BytesIO()
    Image.new("RGB", (1, 1)).save(buffer, format="PNG")
    data = bytearray(buffer.getvalue())
    header = b"IHDR" + struct.pack(">II", width, height) + bytes(data[24:29])
    data[12:29] = header
    data[29:33] = struct.pack(">I", zlib.crc32(header))
    return bytes(data)


def small_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def no_decoding(monkeypatch):
    """Fail any test that makes Pillow decode pixels."""

    def load(self):
        raise AssertionError("the pixels were decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)


def test_small_image_passes_with_its_size(no_decoding):
    assert image_pixels_check(small_png()) == (40, 30)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(bomb_png(), id="64-megapixels-in-a-few-kilobytes"),
        # Past twice Pillow's own limit, where Pillow itself raises.
        pytest.param(declared_png(20_000, 20_000), id="400-megapixels-declared"),
    ],
)
def test_image_with_too_many_pixels_is_refused_from_its_header(no_decoding, data):
    assert len(data) < 20_000

    with pytest.raises(ValidationError) as caught:
        image_pixels_check(data)

    assert caught.value.code == "too_many_pixels"


def test_limit_comes_from_the_setting(settings):
    settings.MUHABIR_MAX_IMAGE_PIXELS = 1000

    with pytest.raises(ValidationError):
        image_pixels_check(small_png())


def test_file_is_left_where_it_was_for_whoever_reads_it_next():
    stream = io.BytesIO(small_png())

    image_pixels_check(stream)

    assert stream.tell() == 0


def test_what_is_no_image_is_refused_as_such():
    with pytest.raises(ValidationError) as caught:
        image_pixels_check(b"<svg/>")

    assert caught.value.code == "invalid_image"


def test_wagtail_enforces_the_same_limit(settings):
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == settings.MUHABIR_MAX_IMAGE_PIXELS
    assert settings.MUHABIR_MAX_IMAGE_PIXELS == 40_000_000


def _upload(client, data: bytes):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Bomba",
            "description": "Siyah",
            "file": SimpleUploadedFile("bomba.png", data, content_type="image/png"),
        },
    )


def test_admin_upload_of_too_many_pixels_is_refused_in_the_editors_language(
    editor_client, settings
):
    response = _upload(editor_client, bomb_png())

    assert response.status_code == 200
    assert not CustomImage.objects.exists()
    errors = response.context["form"].errors["file"]
    with translation.override("tr"):
        expected = str(TOO_MANY_PIXELS) % {
            "num_pixels": 64_000_000,
            "max_pixels_count": settings.MUHABIR_MAX_IMAGE_PIXELS,
        }
    assert errors == [expected]


def test_admin_upload_of_a_normal_image_is_stored(editor_client):
    response = _upload(editor_client, small_png())

    assert response.status_code == 302
    assert CustomImage.objects.get().width == 40


def test_multiple_upload_of_too_many_pixels_is_refused(editor_client):
    response = editor_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("bomba.png", bomb_png(), content_type="image/png")},
    )

    assert response.status_code == 200
    assert response.json()["success"] is False
    assert not CustomImage.objects.exists()
