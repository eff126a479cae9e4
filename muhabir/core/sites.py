"""The site's name for the apps that may not import ``home``, which owns it.

Editors set the name in ``home``'s site settings; ``home`` answers the ``muhabir_site_name``
Wagtail hook with it (``home/wagtail_hooks.py``). The directory, beside ``home`` in the
layers, names its calendars and calendar feeds with it.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from wagtail import hooks

SITE_NAME_HOOK = "muhabir_site_name"


def site_name(request: HttpRequest) -> str:
    """The name of the site serving ``request``; ``WAGTAIL_SITE_NAME`` when no app tells it."""
    providers = hooks.get_hooks(SITE_NAME_HOOK)
    if not providers:
        return settings.WAGTAIL_SITE_NAME
    return providers[0](request)
