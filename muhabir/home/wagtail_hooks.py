"""What ``home`` tells the layers below it through Wagtail hooks."""

from __future__ import annotations

from django.http import HttpRequest
from wagtail import hooks
from wagtail.models import Site

from muhabir.core.sites import SITE_NAME_HOOK
from muhabir.home.navigation import site_navigation


@hooks.register(SITE_NAME_HOOK)
def site_name(request: HttpRequest) -> str:
    """The name from the site's settings, through the cached navigation."""
    # The masthead reads the same cached navigation; share it.
    navigation = getattr(request, "_muhabir_navigation", None)
    if navigation is None:
        navigation = site_navigation(Site.find_for_request(request))
        request._muhabir_navigation = navigation  # type: ignore[attr-defined]
    return navigation.site_name
