"""Keep the cached navigation in step with the page tree."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from muhabir.home.models import SiteSettings
from muhabir.home.navigation import site_navigation_clear


def connect() -> None:
    page_published.connect(site_navigation_clear, dispatch_uid="navigation-published")
    page_unpublished.connect(site_navigation_clear, dispatch_uid="navigation-unpublished")
    post_page_move.connect(site_navigation_clear, dispatch_uid="navigation-moved")
    post_delete.connect(_page_deleted, dispatch_uid="navigation-deleted")
    post_save.connect(site_navigation_clear, sender=Site, dispatch_uid="navigation-site")
    post_save.connect(
        site_navigation_clear, sender=SiteSettings, dispatch_uid="navigation-site-settings"
    )


def _page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        site_navigation_clear()
