"""The masthead's and footer's template tags: site name, navigation, language links."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page, Site

from muhabir.home.navigation import LanguageNavigation, NavLink, SiteNavigation, site_navigation
from muhabir.pagecache.fragments import remembered

register = template.Library()


def _navigation(context) -> SiteNavigation:
    request = context.get("request")
    if request is None:
        return site_navigation(None)
    if not hasattr(request, "_muhabir_navigation"):
        request._muhabir_navigation = site_navigation(Site.find_for_request(request))
    return request._muhabir_navigation


@register.simple_tag(takes_context=True)
def navigation(context) -> LanguageNavigation | None:
    """The front page, sections and footer pages of the active language."""
    by_language = _navigation(context).languages
    return by_language.get(get_language()) or by_language.get(settings.LANGUAGE_CODE)


@register.simple_tag(takes_context=True)
def aria_current(context, link: NavLink) -> str:
    """``page`` on the link to the page shown, ``true`` on the section it sits in, else
    nothing; from the paths, without loading the page's parent."""
    page = context.get("page")
    if page is None or not getattr(page, "path", ""):
        return ""
    if link.page_id == page.pk:
        return "page"
    if link.path and page.path[: -Page.steplen] == link.path:
        return "true"
    return ""


@register.simple_tag(takes_context=True)
def site_name(context) -> str:
    """The site's name from its settings, without a query of its own."""
    return _navigation(context).site_name


def _translation_urls(request, page: Page) -> dict[str, str]:
    return {
        translation.locale.language_code: translation.get_url(request)
        for translation in Page.objects.filter(translation_key=page.translation_key)
        .live()
        .public()
        .select_related("locale")
    }


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One link per language: to the current page's translation, else that language's home."""
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    # Views below a page (the directory's lists and entries) name their own translations.
    targets: dict[str, str] = dict(context.get("language_urls") or {})
    if not targets and isinstance(page, Page) and page.pk:
        targets = remembered(
            request, "translation-links", [page], lambda: _translation_urls(request, page)
        )
    for language, language_navigation in _navigation(context).languages.items():
        targets.setdefault(language, language_navigation.home.url)
    links = []
    for code, name in settings.LANGUAGES:
        url = targets.get(code)
        if url is None and request is not None:
            url = translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return links
