"""The Wagtail site of each request, without a query per request.

Wagtail looks the site up by host name on every request that needs it (one query with
its root page). ``SiteMiddleware`` answers from the worker's memory while the sites and
the page tree are unchanged and leaves it where ``Site.find_for_request`` looks first.
"""

from __future__ import annotations

from contextlib import nullcontext

from django.http import HttpRequest
from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname

from muhabir.pagecache.memo import reading_for_a_reader, remembered_in_process
from muhabir.pagecache.middleware import BYPASS_PREFIXES

# A site's root page is part of what is kept, so page edits count too. Every value kept
# in a worker's memory for readers is checked against these, so one read of their change
# times per request serves them all: view restrictions are among them for that reason.
SITE_TAGS = (
    "table:wagtailcore_site",
    "table:wagtailcore_page",
    "table:wagtailcore_pageviewrestriction",
)


def _lookup(hostname: str, port: str) -> Site | None:
    try:
        return get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None


def site_for_request(request: HttpRequest) -> Site | None:
    """What ``Site.find_for_request`` would answer, from memory when nothing changed."""
    # The raw host, as Wagtail reads it: its own lookup skips the ALLOWED_HOSTS check.
    hostname = split_domain_port(request._get_raw_host())[0]  # type: ignore[attr-defined]
    port = request.get_port()
    return remembered_in_process(
        ("site", hostname, port), SITE_TAGS, lambda: _lookup(hostname, port), request=request
    )


class SiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        # The admin, documents and health checks look up no site, or their own way.
        if request.path.startswith(BYPASS_PREFIXES):
            return self.get_response(request)
        reading = reading_for_a_reader() if request.method in ("GET", "HEAD") else nullcontext()
        with reading:
            if not hasattr(request, "_wagtail_site"):
                request._wagtail_site = site_for_request(request)  # type: ignore[attr-defined]
            return self.get_response(request)
