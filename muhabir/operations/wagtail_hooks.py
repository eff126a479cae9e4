"""A dashboard warning when a periodic job has not succeeded for too long."""

from __future__ import annotations

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Page
from wagtail.permissions import policy_registry

from muhabir.operations.jobs import JobStatus, overdue_jobs


def user_may_see_jobs(user) -> bool:
    """Those who may publish pages (as the scheduled-publishing panel): editors, admins."""
    return policy_registry.get_by_type(Page).user_has_permission(user, "publish")


def job_label(name: str) -> str:
    labels = {
        # Translators: a periodic job, named on the dashboard when it is overdue.
        "publish_scheduled": _("Scheduled publishing"),
        # Translators: a periodic job, named on the dashboard when it is overdue.
        "ingest_feeds": _("Press-release feed import"),
    }
    return labels.get(name, name)


def job_line(status: JobStatus) -> str:
    if status.last_succeeded_at is None:
        return _("%(job)s (%(command)s) has not run successfully yet.") % {
            "job": job_label(status.name),
            "command": status.name,
        }
    when = date_format(timezone.localtime(status.last_succeeded_at), "DATETIME_FORMAT")
    return _("%(job)s (%(command)s) last succeeded at %(time)s.") % {
        "job": job_label(status.name),
        "command": status.name,
        "time": when,
    }


class JobsOverduePanel(Component):
    name = "jobs_overdue"
    order = 5
    template_name = "operations/jobs_overdue_panel.html"

    def __init__(self, jobs: list[JobStatus]):
        self.jobs = jobs

    def get_context_data(self, parent_context=None):
        return {
            "lines": [job_line(status) for status in self.jobs],
            "failures": [
                status.last_message for status in self.jobs if status.last_message.strip()
            ],
        }


@hooks.register("construct_homepage_panels")
def jobs_overdue_panel(request, panels: list) -> None:
    if not user_may_see_jobs(request.user):
        return
    jobs = overdue_jobs()
    if jobs:
        panels.append(JobsOverduePanel(jobs))
