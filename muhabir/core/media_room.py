"""An upload the media folder has no room for is refused before a byte is written.

On a full disk Django's file storage fails half-way through writing, leaving a partial
file behind and showing the editor a server error. Checked first, the editor gets a form
message in their language, and nothing is stored.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, default_storage
from django.utils.translation import gettext_lazy as _

NO_ROOM = _(
    "The server has no room left for this file, so nothing was saved. "
    "Please tell the site's operator."
)
# Beyond the file itself: an image's renditions, the database's own writes.
RESERVE_BYTES = 8 * 1024 * 1024


def media_room_check(upload, *, renditions: bool = False) -> None:
    """Raise a ``ValidationError`` when local media storage cannot take ``upload``.

    Object storage reports no free space and is left to its own limits.
    """
    if upload is None or not isinstance(default_storage, FileSystemStorage):
        return
    root = Path(default_storage.location)
    while not root.exists() and root != root.parent:
        root = root.parent
    needed = upload.size * (2 if renditions else 1) + RESERVE_BYTES
    if shutil.disk_usage(root).free < needed:
        raise ValidationError(NO_ROOM, code="no_room")
