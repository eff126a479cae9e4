"""Template tags shared by every public page."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Locale, Page, Site

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One link per language: to the current page's translation, else that language's home."""
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    targets: dict[str, str] = {}
    if isinstance(page, Page) and page.pk:
        for translation in (
            Page.objects.filter(translation_key=page.translation_key)
            .live()
            .public()
            .select_related("locale")
        ):
            targets[translation.locale.language_code] = translation.get_url(request)
    site = Site.find_for_request(request) if request else None
    if site is not None and len(targets) < len(settings.LANGUAGES):
        for home in (
            Page.objects.filter(translation_key=site.root_page.translation_key)
            .live()
            .select_related("locale")
        ):
            targets.setdefault(home.locale.language_code, home.get_url(request))
    links = []
    for code, name in settings.LANGUAGES:
        url = targets.get(code)
        if url is None and request is not None:
            url = translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return links


@register.simple_tag(takes_context=True)
def home_page(context):
    """The front page of the active language."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return None
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        return site.root_page
    return site.root_page.get_translation_or_none(locale) or site.root_page


@register.simple_tag(takes_context=True)
def navigation_sections(context) -> list:
    """The live sections of the active language's front page."""
    from muhabir.newsroom.selectors import public_sections

    home = home_page(context)
    return list(public_sections(home=home)) if home else []
