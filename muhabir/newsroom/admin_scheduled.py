"""The "Scheduled" report and its dashboard panels, for those who may publish."""

from __future__ import annotations

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from muhabir.newsroom import scheduling

# Translators: the report of everything that will go live or expire (menu item and heading).
MENU_LABEL = pgettext_lazy("admin report", "Scheduled")


class TitleColumn(Column):
    cell_template_name = "newsroom/admin/scheduled_title_cell.html"


class LanguageColumn(Column):
    cell_template_name = "newsroom/admin/scheduled_language_cell.html"


class StateColumn(Column):
    cell_template_name = "newsroom/admin/scheduled_state_cell.html"


class ScheduledView(ReportView):
    """Every go-live and expiry by time; overdue ones carry a badge."""

    page_title = MENU_LABEL
    # As scheduling.user_may_see_schedule: only those who may publish pages.
    model = Page
    permission_required = "publish"
    header_icon = "date"
    index_url_name = "newsroom_scheduled"
    index_results_url_name = "newsroom_scheduled_results"
    # No spreadsheet export: the rows are built from pages and snippets, not model instances.
    list_export = []
    paginate_by = 100
    verbose_name_plural = _("scheduled go-lives and expiries")
    columns = [
        TitleColumn("title", label=_("Title")),
        Column("type_label", label=_("Type")),
        LanguageColumn("language", label=_("Language")),
        Column("section", label=_("Section")),
        Column("action_label", label=_("Action")),
        Column("when", label=_("Time (Berlin)")),
        Column("scheduled_by", label=_("Scheduled by")),
        StateColumn("state_label", label=_("State")),
    ]

    def get_queryset(self):
        return scheduling.scheduled_items(user=self.request.user)


class ScheduledMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return scheduling.user_may_see_schedule(request.user)


def scheduled_menu_item() -> MenuItem:
    return ScheduledMenuItem(
        MENU_LABEL, reverse("newsroom_scheduled"), name="scheduled", icon_name="date", order=650
    )


def overdue_message(count: int) -> str:
    return ngettext(
        "Scheduled publishing is overdue: %(count)s item should have gone live or expired.",
        "Scheduled publishing is overdue: %(count)s items should have gone live or expired.",
        count,
    ) % {"count": count}


def soon_message(count: int) -> str:
    return ngettext(
        "%(count)s item is scheduled to go live or expire in the next 7 days.",
        "%(count)s items are scheduled to go live or expire in the next 7 days.",
        count,
    ) % {"count": count}


def _counts(request) -> scheduling.ScheduleCounts:
    """Both panels share one count per request."""
    counts = getattr(request, "_muhabir_schedule_counts", None)
    if counts is None:
        counts = request._muhabir_schedule_counts = scheduling.scheduled_counts()
    return counts


class SchedulePanel(Component):
    def __init__(self, request):
        self.request = request

    @cached_property
    def counts(self) -> scheduling.ScheduleCounts:
        return _counts(self.request)

    def get_context_data(self, parent_context):
        return {
            "counts": self.counts,
            "heading": MENU_LABEL,
            "scheduled_url": reverse("newsroom_scheduled"),
        }


class ScheduleOverduePanel(SchedulePanel):
    """A warning above everything else when the periodic job seems not to run."""

    name = "schedule_overdue"
    order = 10
    template_name = "newsroom/admin/schedule_overdue_panel.html"

    def get_context_data(self, parent_context):
        return {
            **super().get_context_data(parent_context),
            "message": overdue_message(self.counts.overdue),
        }

    def render_html(self, parent_context=None) -> str:
        if not self.counts.overdue:
            return ""
        return super().render_html(parent_context)


class ScheduleSoonPanel(SchedulePanel):
    name = "schedule_soon"
    order = 105
    template_name = "newsroom/admin/schedule_soon_panel.html"

    def get_context_data(self, parent_context):
        return {
            **super().get_context_data(parent_context),
            "message": soon_message(self.counts.soon),
        }


def construct_homepage_panels(request, panels: list) -> None:
    if scheduling.user_may_see_schedule(request.user):
        panels.extend([ScheduleOverduePanel(request), ScheduleSoonPanel(request)])
