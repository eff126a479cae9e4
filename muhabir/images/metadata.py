"""Taking where, with what and by whom a photo was made out of its file.

Cameras and phones write GPS coordinates, the device's make, model and serial number and
the owner's name into EXIF, XMP and IPTC blocks; Wagtail keeps them in the original, and
Willow copies EXIF into JPEG and PNG renditions. Everything goes except what the picture
needs to look right: the EXIF orientation (kept as the only tag) and the ICC colour profile.

JPEG, PNG, WebP and GIF are rewritten block by block, so the pixels stay byte for byte
what they were; AVIF is re-encoded, as its metadata sits in boxes that point into the file.
"""

from __future__ import annotations

import io
import struct
import zlib

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageOps
from wagtail.utils.file import hash_filelike

from muhabir.images.renditions import renditions_prepare

ORIENTATION = 0x0112
AVIF_QUALITY = 90

__all__ = ["image_file_clean", "metadata_strip"]


def _orientation(exif: bytes) -> int:
    """The orientation in an EXIF block (with or without ``Exif\\0\\0``); 1 if none."""
    try:
        parsed = Image.Exif()
        parsed.load(exif)
        value = int(parsed.get(ORIENTATION, 1))
    except Exception:  # Pillow raises many kinds on a broken block; it says nothing we keep.
        return 1
    return value if 1 <= value <= 8 else 1


def _orientation_exif(orientation: int) -> bytes:
    """A TIFF block (without ``Exif\\0\\0``) holding nothing but the orientation."""
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    return exif.tobytes().removeprefix(b"Exif\x00\x00")


# JPEG -------------------------------------------------------------------------------


def _jpeg_kept(marker: int, body: bytes) -> bool:
    if marker == 0xE0:  # JFIF
        return True
    if marker == 0xE2:  # ICC profile; MPF and FlashPix go
        return body.startswith(b"ICC_PROFILE\x00")
    if marker == 0xEE:  # Adobe: tells how the colours are encoded
        return True
    # APP1 (EXIF, XMP), APP13 (IPTC), the other APPn and comments go.
    return not (0xE0 <= marker <= 0xEF or marker == 0xFE)


def _jpeg_scan_end(data: bytes, position: int) -> int:
    """Where the entropy-coded data that starts at ``position`` ends (the next marker)."""
    while True:
        position = data.find(b"\xff", position)
        if position < 0 or position + 1 >= len(data):
            return len(data)
        following = data[position + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:
            position += 2
        elif following == 0xFF:
            position += 1
        else:
            return position


def _jpeg(data: bytes) -> bytes:
    out = [b"\xff\xd8"]
    orientation = 1
    position = 2
    while position < len(data):
        if data[position] != 0xFF:
            raise ValueError("not at a JPEG marker")
        marker = data[position + 1]
        if marker == 0xFF:
            position += 1
            continue
        if marker == 0xD9:
            # Anything after the end (a second picture, a phone's trailer) goes too.
            out.append(b"\xff\xd9")
            break
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            out.append(data[position : position + 2])
            position += 2
            continue
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        end = position + 2 + length
        if length < 2 or end > len(data):
            raise ValueError("truncated JPEG segment")
        body = data[position + 4 : end]
        if marker == 0xE1 and body.startswith(b"Exif\x00\x00") and orientation == 1:
            orientation = _orientation(body)
        if _jpeg_kept(marker, body):
            out.append(data[position:end])
        position = end
        if marker == 0xDA:
            scan_end = _jpeg_scan_end(data, position)
            out.append(data[position:scan_end])
            position = scan_end
    if orientation != 1:
        payload = b"Exif\x00\x00" + _orientation_exif(orientation)
        segment = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
        # JFIF wants its APP0 first.
        out.insert(2 if out[1].startswith(b"\xff\xe0") else 1, segment)
    return b"".join(out)


# PNG --------------------------------------------------------------------------------

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Critical chunks, colour and display information, animation; text, time and EXIF go.
_PNG_KEPT = {
    b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"cHRM", b"gAMA", b"iCCP", b"sBIT", b"sRGB",
    b"cICP", b"mDCV", b"cLLI", b"bKGD", b"hIST", b"pHYs", b"sPLT", b"acTL", b"fcTL", b"fdAT",
}  # fmt: skip


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _png(data: bytes) -> bytes:
    out = [_PNG_SIGNATURE]
    position = len(_PNG_SIGNATURE)
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        end = position + 12 + length
        if end > len(data):
            raise ValueError("truncated PNG chunk")
        if kind in _PNG_KEPT:
            out.append(data[position:end])
        elif kind == b"eXIf":
            orientation = _orientation(data[position + 8 : end - 4])
            if orientation != 1:
                out.append(_png_chunk(b"eXIf", _orientation_exif(orientation)))
        position = end
        if kind == b"IEND":
            break
    return b"".join(out)


# WebP -------------------------------------------------------------------------------


def _webp(data: bytes) -> bytes:
    chunks = []
    position = 12
    exif_kept = False
    while position + 8 <= len(data):
        kind = data[position : position + 4]
        (length,) = struct.unpack("<I", data[position + 4 : position + 8])
        end = position + 8 + length + (length & 1)
        if position + 8 + length > len(data):
            raise ValueError("truncated WebP chunk")
        body = data[position + 8 : position + 8 + length]
        if kind == b"EXIF":
            orientation = _orientation(body)
            if orientation != 1:
                body = _orientation_exif(orientation)
                chunks.append([kind, body])
                exif_kept = True
        elif kind != b"XMP ":
            chunks.append([kind, body])
        position = end
    for chunk in chunks:
        if chunk[0] == b"VP8X":
            flags = chunk[1][0] & ~0x0C | (0x08 if exif_kept else 0)
            chunk[1] = bytes([flags]) + chunk[1][1:]
    body = b"WEBP" + b"".join(
        kind + struct.pack("<I", len(chunk)) + chunk + b"\x00" * (len(chunk) & 1)
        for kind, chunk in chunks
    )
    return b"RIFF" + struct.pack("<I", len(body)) + body


# GIF --------------------------------------------------------------------------------

# Animation loops and colour profiles stay; XMP and other applications' blocks go.
_GIF_APPLICATIONS = (b"NETSCAPE2.0", b"ANIMEXTS1.0", b"ICCRGBG1012")


def _gif_sub_blocks_end(data: bytes, position: int) -> int:
    while True:
        size = data[position]
        position += 1 + size
        if size == 0:
            return position


def _gif(data: bytes) -> bytes:
    flags = data[10]
    position = 13 + (3 * 2 ** ((flags & 0x07) + 1) if flags & 0x80 else 0)
    out = [data[:position]]
    while position < len(data):
        introducer = data[position]
        if introducer == 0x3B:
            out.append(b"\x3b")
            break
        if introducer == 0x2C:
            local = data[position + 9]
            start = position
            position += 10 + (3 * 2 ** ((local & 0x07) + 1) if local & 0x80 else 0)
            position = _gif_sub_blocks_end(data, position + 1)
            out.append(data[start:position])
        elif introducer == 0x21:
            label = data[position + 1]
            start = position
            position = _gif_sub_blocks_end(data, position + 2)
            application = data[start + 3 : start + 14] if label == 0xFF else b""
            if label in (0xF9, 0x01) or application in _GIF_APPLICATIONS:
                out.append(data[start:position])
        else:
            raise ValueError("unknown GIF block")
    return b"".join(out)


# Others -----------------------------------------------------------------------------


def _reencoded(data: bytes) -> bytes:
    """Decode and encode again without metadata, the orientation applied to the pixels."""
    with Image.open(io.BytesIO(data)) as picture:
        image_format = picture.format
        icc_profile = picture.info.get("icc_profile")
        upright = ImageOps.exif_transpose(picture)
        output = io.BytesIO()
        # Some encoders fall back to the metadata they read; say "none" outright.
        options: dict = {"exif": b"", "xmp": b""}
        if icc_profile:
            options["icc_profile"] = icc_profile
        if image_format == "JPEG":
            options["quality"] = "keep" if upright is picture else 95
        elif image_format in ("AVIF", "WEBP"):
            options["quality"] = AVIF_QUALITY
        upright.save(output, format=image_format, **options)
    return output.getvalue()


def metadata_strip(data: bytes) -> bytes:
    """``data`` without location, device and personal metadata (unchanged if none)."""
    try:
        if data.startswith(b"\xff\xd8"):
            return _jpeg(data)
        if data.startswith(_PNG_SIGNATURE):
            return _png(data)
        if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
            return _webp(data)
        if data[:6] in (b"GIF87a", b"GIF89a"):
            return _gif(data)
    except (ValueError, IndexError, struct.error):
        pass  # A file the block walkers cannot follow is decoded and encoded again.
    else:
        if data[4:8] != b"ftyp":
            return data
    try:
        return _reencoded(data)
    except (OSError, ValueError, SyntaxError):
        # Not an image Pillow reads: Wagtail's own checks refuse it later.
        return data


def image_file_clean(image) -> bool:
    """Strip the metadata of an image's new, not yet stored file; True if it changed.

    Sets ``file_size`` and ``file_hash`` (Wagtail's duplicate check) to the clean file's.
    """
    field_file = image.file
    if not field_file or getattr(field_file, "_committed", True):
        return False
    content = field_file.file
    content.seek(0)
    data = content.read()
    cleaned = metadata_strip(data)
    changed = cleaned != data
    if changed:
        field_file.file = ContentFile(cleaned, name=field_file.name)
        with Image.open(io.BytesIO(cleaned)) as picture:
            image.width, image.height = picture.size
    else:
        content.seek(0)
    image.file_size = len(cleaned)
    image.file_hash = hash_filelike(io.BytesIO(cleaned))
    return changed


def stored_image_strip(image, *, dry_run: bool = False) -> bool:
    """Strip the metadata of an image stored before stripping existed; True if it had some.

    The clean file is stored under a new name and the old one deleted with its renditions,
    which may carry the same metadata; the standard sizes are made again from the clean file.
    """
    with image.open_file() as handle:
        data = handle.read()
    cleaned = metadata_strip(data)
    if cleaned == data:
        return False
    if dry_run:
        return True
    storage = image.file.storage
    old_name = image.file.name
    had_renditions = image.renditions.exists()
    with transaction.atomic():
        image.file.save(old_name.rsplit("/", 1)[-1], ContentFile(cleaned), save=False)
        with Image.open(io.BytesIO(cleaned)) as picture:
            # A re-encoded AVIF stands upright now: its sides may have swapped.
            image.width, image.height = picture.size
        image.file_size = len(cleaned)
        image.file_hash = hash_filelike(io.BytesIO(cleaned))
        image.save(update_fields=["file", "width", "height", "file_size", "file_hash"])
        # Wagtail deletes each rendition's file once the transaction commits.
        image.renditions.all().delete()
        transaction.on_commit(lambda: storage.delete(old_name))
    if had_renditions:
        renditions_prepare([image])
    return True
