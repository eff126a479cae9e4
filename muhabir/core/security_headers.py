"""Content-Security-Policy and Permissions-Policy for the pages readers see.

Reader pages load only our own scripts, styles and fonts (no inline script, no ``eval``),
so an injected ``<script>`` or ``onerror=`` does not run even if some markup slips
through. Images may also come from the media and static hosts when those are elsewhere
(object storage, a CDN) and from the map's tile server; embedded videos are frames from
their providers. The admin keeps Wagtail's own rules: its editor needs inline code.

No other site may frame a reader page, and neither may we (``frame-ancestors 'none'``, as
Django's ``X-Frame-Options: DENY`` says for older browsers). The one exception is a draft
shown in the admin's preview panel: Wagtail renders it as a reader page through the same
middleware and frames it from the admin, so a preview lets our own origin frame it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse

PERMISSIONS_POLICY = (
    "geolocation=(self), camera=(), microphone=(), payment=(), usb=(), "
    "interest-cohort=(), browsing-topics=()"
)


def _origin(url: str) -> str | None:
    parts = urlsplit(url or "")
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


def content_security_policy(*, framed_by_self: bool = False) -> str:
    """The policy for reader pages, from the settings that name other hosts."""
    image_sources = ["'self'", "data:"]
    for url in (settings.MEDIA_URL, settings.STATIC_URL, settings.MAP_TILE_URL):
        origin = _origin(url)
        if origin and origin not in image_sources:
            image_sources.append(origin)
    static = _origin(settings.STATIC_URL)
    own = "'self'" + (f" {static}" if static else "")
    directives = {
        "default-src": "'self'",
        "script-src": own,
        "style-src": own,
        "font-src": own,
        "img-src": " ".join(image_sources),
        "connect-src": "'self'",
        "media-src": "'self'"
        + (f" {_origin(settings.MEDIA_URL)}" if _origin(settings.MEDIA_URL) else ""),
        "frame-src": "'self' https:",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'self'" if framed_by_self else "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = content_security_policy()
        self.preview_policy = content_security_policy(framed_by_self=True)
        self.admin_prefix = "/admin/"

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        # Wagtail sets is_preview on the request it renders a preview with; its preview
        # views send X-Frame-Options: SAMEORIGIN themselves.
        preview = getattr(request, "is_preview", False)
        if not request.path.startswith(self.admin_prefix) and not settings.DEBUG:
            response.headers.setdefault(
                "Content-Security-Policy", self.preview_policy if preview else self.policy
            )
        return response
