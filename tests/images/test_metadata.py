"""Photos are stored without where, with what and by whom they were taken."""

from __future__ import annotations

import io

import pytest
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, ImageChops, ImageCms
from wagtail.utils.file import hash_filelike

from muhabir.images.metadata import metadata_strip
from muhabir.images.models import CustomImage

pytestmark = pytest.mark.django_db

GPS_INFO, MAKE, MODEL, ARTIST, COPYRIGHT, ORIENTATION = (
    0x8825,
    0x010F,
    0x0110,
    0x013B,
    0x8298,
    0x0112,
)
EXIF_IFD, OWNER, BODY_SERIAL, USER_COMMENT, MAKER_NOTE = 0x8769, 0xA430, 0xA431, 0x9286, 0x927C
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-'
    b'syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" '
    b'exif:GPSLatitude="51,26.1N"/></rdf:RDF></x:xmpmeta>'
)
ICC = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def camera_exif(orientation: int = 6) -> Image.Exif:
    """What a phone writes: where, with what, by whom, and which way up."""
    exif = Image.Exif()
    exif[MAKE] = "Fairphone"
    exif[MODEL] = "FP5"
    exif[ARTIST] = "Ilgın Şahin"
    exif[COPYRIGHT] = "Ilgın Şahin"
    exif[ORIENTATION] = orientation
    exif.get_ifd(GPS_INFO).update({1: "N", 2: (51.0, 26.0, 6.0), 3: "E", 4: (6.0, 45.0, 45.0)})
    exif.get_ifd(EXIF_IFD).update(
        {OWNER: "Ilgın Şahin", BODY_SERIAL: "FP5-0042", USER_COMMENT: b"ASCII\0\0\0Marxloh"}
    )
    return exif


def picture(size=(60, 40)) -> Image.Image:
    """Red on the left, blue on the right: which way up it is shows in the pixels."""
    image = Image.new("RGB", size, (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, size[0] // 2, size[1]))
    return image


def camera_jpeg(orientation: int = 6) -> bytes:
    output = io.BytesIO()
    picture().save(
        output,
        format="JPEG",
        quality=90,
        exif=camera_exif(orientation),
        icc_profile=ICC,
        xmp=XMP,
        comment=b"Marxloh, Weseler Str. 12",
    )
    return output.getvalue()


def encoded(image_format: str) -> bytes:
    output = io.BytesIO()
    image = picture()
    options = {"exif": camera_exif(orientation=1), "icc_profile": ICC}
    if image_format == "PNG":
        from PIL.PngImagePlugin import PngInfo

        text = PngInfo()
        text.add_text("Author", "Ilgın Şahin")
        text.add_itxt("GPS", "51.43, 6.76")
        options["pnginfo"] = text
    if image_format == "GIF":
        image = image.convert("P")
        options = {"comment": b"Marxloh, Weseler Str. 12"}
    if image_format in ("WEBP", "AVIF"):
        options["xmp"] = XMP
    image.save(output, format=image_format, **options)
    return output.getvalue()


def assert_clean(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    exif = image.getexif()
    assert not exif.get_ifd(GPS_INFO)
    assert not (set(exif) - {ORIENTATION}), dict(exif)
    assert not exif.get_ifd(EXIF_IFD)
    for secret in (b"Fairphone", b"FP5", "Şahin".encode(), b"Marxloh", b"GPSLatitude", b"51.43"):
        assert secret not in data
    assert "xmp" not in image.info
    assert "comment" not in image.info
    return image


def sha1(data: bytes) -> str:
    """Wagtail's file hash, which its duplicate check compares."""
    return hash_filelike(io.BytesIO(data))


def stored(image: CustomImage) -> bytes:
    with image.open_file() as handle:
        return handle.read()


def test_upload_through_the_admin_keeps_no_location_device_or_owner(editor_client):
    upload = camera_jpeg()
    response = editor_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Çay bahçesi",
            "file": SimpleUploadedFile("cay.jpg", upload, content_type="image/jpeg"),
            "description": "Çay bahçesinde sohbet",
            "credit": "Foto: Ilgın Şahin",
        },
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    image = CustomImage.objects.get(title="Çay bahçesi")
    data = stored(image)

    original = assert_clean(data)
    # The picture is still turned the way the camera was held, and its colours kept.
    assert original.getexif()[ORIENTATION] == 6
    assert original.info["icc_profile"] == ICC
    # The pixels are the uploaded ones, not a second JPEG compression of them.
    assert not ImageChops.difference(original, Image.open(io.BytesIO(upload))).getbbox()
    # Wagtail's duplicate check and file size describe the file as stored.
    assert image.file_hash == sha1(data)
    assert image.file_size == len(data)


@pytest.mark.parametrize("spec", ["width-30", "width-30|format-webp", "width-30|format-png"])
def test_renditions_carry_no_metadata_and_stand_the_right_way_up(editor_client, spec):
    editor_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Çay bahçesi",
            "file": SimpleUploadedFile("cay.jpg", camera_jpeg(), content_type="image/jpeg"),
            "description": "Çay bahçesinde sohbet",
        },
    )
    rendition = CustomImage.objects.get(title="Çay bahçesi").get_rendition(spec)
    with rendition.file.open("rb") as handle:
        data = handle.read()

    made = assert_clean(data)
    # Turned once: a portrait 30 wide, red (the old left side) at the top.
    shown = made.copy()
    if made.getexif().get(ORIENTATION, 1) != 1:
        from PIL import ImageOps

        shown = ImageOps.exif_transpose(made)
    assert shown.size == (30, 45)
    red, _green, blue = shown.convert("RGB").getpixel((15, 2))
    assert red > 200 and blue < 60
    assert made.info.get("icc_profile") == ICC


@pytest.mark.parametrize("image_format", ["PNG", "WEBP", "GIF", "AVIF"])
def test_other_formats_lose_their_metadata_too(image_format):
    data = encoded(image_format)
    image = CustomImage.objects.create(
        title=image_format,
        description="Çay bahçesi",
        file=ImageFile(io.BytesIO(data), name=f"cay.{image_format.lower()}"),
    )

    clean = assert_clean(stored(image))
    assert clean.size == (60, 40)
    if image_format != "GIF":
        assert clean.info.get("icc_profile") == ICC
    if image_format in ("PNG", "GIF"):
        # Lossless formats keep every pixel.
        assert not ImageChops.difference(
            clean.convert("RGB"), Image.open(io.BytesIO(data)).convert("RGB")
        ).getbbox()


def test_a_clean_file_is_stored_unchanged():
    output = io.BytesIO()
    picture().save(output, format="JPEG")
    assert metadata_strip(output.getvalue()) == output.getvalue()


def test_bytes_after_the_end_of_a_jpeg_are_dropped():
    # Phones append a second picture or a trailer, with its own EXIF, after the end marker.
    data = camera_jpeg() + camera_jpeg()
    assert assert_clean(metadata_strip(data))
    assert metadata_strip(data).count(b"\xff\xd8") == 1


def test_ingested_photo_keeps_no_location():
    from muhabir.ingest.images import DownloadedImage, image_create

    image = image_create(
        DownloadedImage(
            url="https://example.org/cay.jpg", alt="", data=camera_jpeg(), suffix="jpg"
        ),
        title="Çay bahçesi",
        credit="Foto: dpa",
    )

    assert_clean(stored(CustomImage.objects.get(pk=image.pk)))
    assert image.file_hash == sha1(stored(image))


def test_images_written_in_bulk_lose_their_metadata_too():
    data = camera_jpeg()
    (image,) = CustomImage.objects.bulk_create(
        [
            CustomImage(
                title="Çay",
                description="Çay",
                file=ImageFile(io.BytesIO(data), name="cay.jpg"),
                width=60,
                height=40,
                file_hash=sha1(data),
                file_size=len(data),
            )
        ]
    )
    saved = CustomImage.objects.get(title="Çay")
    assert_clean(stored(saved))
    assert saved.file_hash == image.file_hash == sha1(stored(saved))
    assert saved.file_size == len(stored(saved))


@pytest.mark.parametrize(
    "options",
    [{"progressive": True}, {"restart_marker_rows": 1}, {"subsampling": 0, "quality": 100}],
    ids=["progressive", "restart markers", "no subsampling"],
)
def test_every_kind_of_jpeg_keeps_its_pixels(options):
    output = io.BytesIO()
    picture((64, 48)).save(output, format="JPEG", exif=camera_exif(), icc_profile=ICC, **options)
    data = output.getvalue()

    clean = assert_clean(metadata_strip(data))
    assert not ImageChops.difference(clean, Image.open(io.BytesIO(data))).getbbox()
    assert clean.getexif()[ORIENTATION] == 6


def test_animated_gif_keeps_its_frames_and_loop():
    output = io.BytesIO()
    frames = [picture().convert("P"), Image.new("P", (60, 40), 3)]
    frames[0].save(
        output, format="GIF", save_all=True, append_images=frames[1:], loop=0, comment=b"Marxloh"
    )

    clean = assert_clean(metadata_strip(output.getvalue()))
    assert clean.n_frames == 2
    assert clean.info["loop"] == 0


def test_png_keeps_its_orientation_alone():
    output = io.BytesIO()
    picture().save(output, format="PNG", exif=camera_exif(orientation=8))

    clean = assert_clean(metadata_strip(output.getvalue()))
    assert clean.getexif()[ORIENTATION] == 8
