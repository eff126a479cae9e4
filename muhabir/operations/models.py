"""When each periodic job last ran, so that a stopped cron is noticed."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobHeartbeat(models.Model):
    """One row per periodic job (``publish_scheduled``, ``ingest_feeds``)."""

    name = models.CharField(_("job"), max_length=100, unique=True)
    # When the row was made: an expected job that never ran is overdue from here on.
    created_at = models.DateTimeField(_("watched since"), auto_now_add=True)
    last_started_at = models.DateTimeField(_("last started"), null=True, blank=True)
    last_succeeded_at = models.DateTimeField(_("last succeeded"), null=True, blank=True)
    last_failed_at = models.DateTimeField(_("last failed"), null=True, blank=True)
    last_message = models.TextField(_("last message"), blank=True)

    class Meta:
        verbose_name = _("job heartbeat")
        verbose_name_plural = _("job heartbeats")

    def __str__(self) -> str:
        return self.name
