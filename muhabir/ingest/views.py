"""The review queue: imported press releases that nobody has published yet."""

from __future__ import annotations

import django_filters
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale
from wagtail.permission_policies.pages import PagePermissionPolicy

from muhabir.ingest.models import FeedSource, IngestedItem
from muhabir.newsroom.models import ArticlePage

# Whoever may write or publish articles works on the queue: Reporters, Editors, Administrators.
QUEUE_PERMISSIONS = ["add", "change", "publish"]


def review_queue_items(*, user):
    """Imported articles never published, that ``user`` may edit, newest import first."""
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return (
        IngestedItem.objects.filter(
            article__isnull=False,
            article__first_published_at__isnull=True,
            article_id__in=editable.values("pk"),
        )
        .select_related("source")
        .order_by("-created_at", "-pk")
    )


class ReviewQueueFilterSet(WagtailFilterSet):
    source = django_filters.ModelChoiceFilter(
        label=_("Source"), queryset=FeedSource.objects.all(), empty_label=_("All sources")
    )
    language = django_filters.ModelChoiceFilter(
        label=_("Language"),
        field_name="article__locale",
        queryset=Locale.objects.all(),
        empty_label=_("All languages"),
    )

    class Meta:
        model = IngestedItem
        fields = ["source", "language"]


def _original_link(item: IngestedItem) -> str:
    if not item.link:
        return ""
    return format_html('<a href="{}" rel="noreferrer" target="_blank">{}</a>', item.link, item.link)


class ReviewQueueView(ReportView):
    page_title = _("Press releases to review")
    header_icon = "doc-full"
    index_url_name = "press_releases:index"
    index_results_url_name = "press_releases:results"
    filterset_class = ReviewQueueFilterSet
    permission_policy = PagePermissionPolicy()
    any_permission_required = QUEUE_PERMISSIONS
    # A spreadsheet of drafts is of no use to the newsroom; the report would offer one.
    list_export = []
    paginate_by = 50

    columns = [
        TitleColumn(
            "title",
            label=_("Title"),
            accessor="article.title",
            get_url=lambda item: reverse("wagtailadmin_pages:edit", args=[item.article_id]),
        ),
        Column("source", label=_("Source"), accessor="source.name"),
        Column("language", label=_("Language"), accessor="article.locale.get_display_name"),
        Column("status", label=_("Status"), accessor="article.status_string"),
        DateColumn("date", label=_("Date of the press release"), accessor="article.editorial_date"),
        DateColumn("created_at", label=_("Imported")),
        Column("original", label=_("Original"), accessor=_original_link),
    ]

    def get_queryset(self):
        return review_queue_items(user=self.request.user)

    def decorate_paginated_queryset(self, object_list):
        # The status column asks each page about schedules and workflows: one query for
        # the page's articles with both answered, instead of two more for every row.
        items = list(object_list)
        articles = (
            ArticlePage.objects.filter(pk__in=[item.article_id for item in items])
            .annotate_approved_schedule()
            # specific(): workflow states are stored against the article's own content
            # type, which only the specific relation prefetches.
            .specific()
            .prefetch_workflow_states()
            .in_bulk()
        )
        # The specific() query leaves select_related behind; there are only a few locales.
        locales = Locale.objects.in_bulk()
        for item in items:
            item.article = articles.get(item.article_id)
            if item.article is not None:
                item.article.locale = locales[item.article.locale_id]
        return items
