"""The site's navigation (front pages, sections, footer pages) from one cached lookup.

Every public page shows it, so it must not cost queries per section or link.
It is rebuilt after any page is published, unpublished, moved or deleted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from wagtail.models import Page, Site

from muhabir.home.models import SiteSettings, StandardPage

CACHE_KEY = "muhabir:navigation:v2:{site_id}"
CACHE_TIMEOUT = 60 * 60


@dataclass(frozen=True)
class NavLink:
    page_id: int
    title: str
    url: str
    language: str
    # The page's place in the tree: the masthead marks the section a page sits in.
    path: str = ""


@dataclass
class LanguageNavigation:
    home: NavLink
    sections: list[NavLink] = field(default_factory=list)
    pages: list[NavLink] = field(default_factory=list)


@dataclass
class SiteNavigation:
    site_name: str
    languages: dict[str, LanguageNavigation]


def _link(page: Page, site: Site) -> NavLink:
    return NavLink(
        page_id=page.pk,
        title=page.title,
        url=page.get_url(current_site=site) or "",
        language=page.locale.language_code,
        path=page.path,
    )


def _build(site: Site) -> SiteNavigation:
    root = site.root_page
    homes = (
        Page.objects.filter(translation_key=root.translation_key, depth=root.depth)
        .live()
        .public()
        .select_related("locale")
    )
    result = {
        home.locale.language_code: LanguageNavigation(home=_link(home, site)) for home in homes
    }
    paths = {home.path: home.locale.language_code for home in homes}
    children = (
        Page.objects.live()
        .public()
        .filter(depth=root.depth + 1, locale__language_code__in=list(result))
        .select_related("locale")
        .order_by("path")
    )
    # Editors put a page into the main navigation with "Show in menus" (sections and the
    # directory have it by default); the standard pages left out of it make the footer.
    children = children.filter(children.in_menu_q() | children.type_q(StandardPage))
    for child in children:
        language = paths.get(child.path[: -Page.steplen])
        if language is None:
            continue
        link = _link(child, site)
        if child.show_in_menus:
            result[language].sections.append(link)
        else:
            result[language].pages.append(link)
    return SiteNavigation(site_name=SiteSettings.for_site(site).site_name, languages=result)


def site_navigation(site: Site | None) -> SiteNavigation:
    """The site's name and its navigation per language code."""
    if site is None:
        return SiteNavigation(site_name=settings.WAGTAIL_SITE_NAME, languages={})
    key = CACHE_KEY.format(site_id=site.pk)
    navigation = cache.get(key)
    if navigation is None:
        navigation = _build(site)
        cache.set(key, navigation, CACHE_TIMEOUT)
    return navigation


def site_navigation_clear(**kwargs) -> None:
    """Forget the cached navigation of every site."""
    cache.delete_many(
        [CACHE_KEY.format(site_id=pk) for pk in Site.objects.values_list("pk", flat=True)]
    )
