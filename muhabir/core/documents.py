"""Documents are checked by what they contain, not by their name.

Wagtail accepts a document by its file name's extension. A page of HTML or SVG named
``bulletin.pdf`` would then be served from our origin; Wagtail sends documents with
``Content-Security-Policy: default-src 'none'`` and ``nosniff``, and this check keeps
such files out in the first place: each extension must start like its format, office
files must be the zip packages they claim to be, and text files must be text.
"""

from __future__ import annotations

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

from muhabir.core.media_room import media_room_check

HEADERS = {
    "pdf": (b"%PDF-",),
    "rtf": (b"{\\rtf",),
    "zip": (b"PK\x03\x04", b"PK\x05\x06"),
}
# Office Open XML and OpenDocument files are zip packages with a known first member.
PACKAGES = {
    "docx": "[Content_Types].xml",
    "xlsx": "[Content_Types].xml",
    "pptx": "[Content_Types].xml",
    "odt": "mimetype",
}
TEXT = {"csv", "txt"}
MARKUP = (b"<!doctype", b"<html", b"<script", b"<svg", b"<?xml", b"<iframe", b"<body")


def _is_markup(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith(MARKUP) or any(tag in head.lower() for tag in MARKUP[1:4])


def document_content_check(upload, extension: str) -> None:
    """Raise ``ValidationError`` unless the file's content is what its extension says."""
    limit = settings.MUHABIR_MAX_DOCUMENT_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("This file is too big (%(size)s); at most %(limit)s are accepted."),
            code="file_too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        head = upload.read(4096)
        upload.seek(0)
        mismatch = _mismatch(upload, head, extension.lower())
    finally:
        upload.seek(position)
    if mismatch:
        raise ValidationError(
            _("The file's content does not match its name (.%(extension)s)."),
            code="content_mismatch",
            params={"extension": extension.lower()},
        )


def _mismatch(upload, head: bytes, extension: str) -> bool:
    if extension in HEADERS:
        return not head.startswith(HEADERS[extension])
    if extension in PACKAGES:
        if not head.startswith(b"PK\x03\x04"):
            return True
        try:
            with zipfile.ZipFile(upload) as package:
                return PACKAGES[extension] not in package.namelist()
        except zipfile.BadZipFile:
            return True
    if extension in TEXT:
        if b"\x00" in head or _is_markup(head):
            return True
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            # A multi-byte letter cut by the 4 KB window is still text.
            return error.start < len(head) - 4 and _not_latin(head)
        return False
    return True


def _not_latin(head: bytes) -> bool:
    """Windows-1252 and ISO 8859-9 text (old Turkish spreadsheets) has no control bytes."""
    return any(byte < 0x09 or 0x0E <= byte < 0x20 for byte in head)


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            extension = upload.name.rsplit(".", 1)[-1] if "." in upload.name else ""
            document_content_check(upload, extension)
            media_room_check(upload)
        return upload
