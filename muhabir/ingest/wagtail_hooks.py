from django.urls import path
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from muhabir.core.admin_columns import YesNoColumn
from muhabir.ingest.models import FeedSource
from muhabir.ingest.views import QUEUE_PERMISSIONS, ReviewQueueView


class ReviewQueueMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return PagePermissionPolicy().user_has_any_permission(request.user, QUEUE_PERMISSIONS)


class ReviewQueueViewSet(ViewSet):
    name = "press_releases"
    url_prefix = "press-releases"
    icon = "doc-full"
    menu_label = _("To review")
    menu_item_class = ReviewQueueMenuItem

    def get_urlpatterns(self):
        return [
            path("", ReviewQueueView.as_view(), name="index"),
            path("results/", ReviewQueueView.as_view(results_only=True), name="results"),
        ]


def _field_label(name: str) -> str:
    return capfirst(FeedSource._meta.get_field(name).verbose_name)


class FeedSourceViewSet(SnippetViewSet):
    model = FeedSource
    icon = "link"
    menu_label = _("Feed sources")
    # Listed under "Press releases", not again under "Snippets".
    menu_item_is_registered = True
    list_display = [
        "name",
        "language",
        "section",
        YesNoColumn("needs_review", label=_field_label("needs_review")),
        YesNoColumn("active", label=_field_label("active")),
        "status_display",
        "last_fetched_at",
        "items_created_total",
    ]
    list_filter = ["active", "needs_review", "last_status", "language"]
    search_fields = ["name", "url"]


class PressReleasesViewSetGroup(ViewSetGroup):
    menu_label = _("Press releases")
    menu_icon = "doc-full"
    menu_order = 210
    items = (ReviewQueueViewSet, FeedSourceViewSet)


register_snippet(PressReleasesViewSetGroup)
