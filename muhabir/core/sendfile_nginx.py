"""Documents through nginx after Wagtail has checked who may read them.

Wagtail's document view checks collection privacy and then hands the file over. With
this backend (``MUHABIR_DOCUMENTS_X_ACCEL=true``) it answers with an
``X-Accel-Redirect`` to an ``internal`` nginx location instead of streaming the file
through the application; nginx refuses that location to anyone who asks for it
directly, and ``/media/documents/`` is not served at all (deploy/nginx.conf).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse

PROTECTED_PREFIX = "/_protected-media/"


def sendfile(request: HttpRequest, filename: str, **kwargs) -> HttpResponse:
    try:
        relative = Path(filename).resolve().relative_to(Path(settings.MEDIA_ROOT).resolve())
    except ValueError:
        raise Http404("not a media file") from None
    response = HttpResponse()
    response["X-Accel-Redirect"] = PROTECTED_PREFIX + quote(relative.as_posix())
    return response
