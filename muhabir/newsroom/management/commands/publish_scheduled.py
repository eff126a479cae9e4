"""Wagtail's ``publish_scheduled``, saying what it did: one line per item and a summary.

Django runs the first app's command of a name, and muhabir's apps come before Wagtail's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.management.commands import publish_scheduled
from wagtail.models import Page, Revision

from muhabir.newsroom.scheduling import NEWSROOM_TIME_ZONE, schedulable_models
from muhabir.operations.jobs import record_job_run


@dataclass(frozen=True)
class Due:
    """A go-live or expiry whose time has come, with what to check afterwards."""

    model: type
    pk: str
    title: str
    type_name: str
    language: str
    at: dt.datetime
    revision_pk: int | None = None


def _language(obj) -> str:
    locale = getattr(obj, "locale", None)
    return locale.language_code if locale is not None else "-"


def _due_expiries(now: dt.datetime) -> list[Due]:
    """What Wagtail's command unpublishes: live objects whose expiry has passed."""
    due = []
    for model in schedulable_models():
        objects = model._default_manager.filter(live=True, expire_at__lt=now).order_by("expire_at")
        if model is Page:
            objects = objects.select_related("locale")
        for obj in objects:
            type_name = obj.specific_class.__name__ if model is Page else model.__name__
            due.append(Due(model, str(obj.pk), str(obj), type_name, _language(obj), obj.expire_at))
    return due


def _due_go_lives(now: dt.datetime) -> list[Due]:
    """What Wagtail's command publishes: revisions approved to go live before now."""
    revisions = list(
        Revision.objects.filter(approved_go_live_at__lt=now)
        .defer("content")
        .order_by("approved_go_live_at")
    )
    page_type = ContentType.objects.get_for_model(Page)
    languages = dict(
        Page.objects.filter(
            pk__in=[int(r.object_id) for r in revisions if r.base_content_type_id == page_type.pk]
        ).values_list("pk", "locale__language_code")
    )
    due = []
    for revision in revisions:
        model = ContentType.objects.get_for_id(revision.content_type_id).model_class()
        base = ContentType.objects.get_for_id(revision.base_content_type_id).model_class()
        language = languages.get(int(revision.object_id), "-") if base is Page else "-"
        due.append(
            Due(
                base,
                revision.object_id,
                revision.object_str,
                (model or base).__name__,
                language,
                revision.approved_go_live_at,
                revision.pk,
            )
        )
    return due


def _local(at: dt.datetime) -> str:
    return timezone.localtime(at, NEWSROOM_TIME_ZONE).strftime("%Y-%m-%d %H:%M %Z")


class Command(publish_scheduled.Command):
    help = (
        "Publish revisions whose go-live time has passed and unpublish objects whose expiry "
        "has passed, printing a line for each."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        # Wagtail's flag is --dryrun; the newsroom's other commands take --dry-run.
        parser.add_argument(
            "--dry-run", action="store_true", dest="dryrun", help="Change nothing; list what's due."
        )

    @record_job_run("publish_scheduled")
    def handle(self, *args, **options):
        dry_run = options["dryrun"]
        now = timezone.now()
        # Wagtail's command reads the clock again; what falls due in between waits for the
        # next run and is not reported now.
        expiries, go_lives = _due_expiries(now), _due_go_lives(now)
        if dry_run:
            for item in expiries:
                self._line("Would unpublish", item, "expiring")
            for item in go_lives:
                self._line("Would publish", item, "scheduled for")
            self._summary(0, 0, len(expiries) + len(go_lives))
            return

        # Wagtail's own command does the work; it prints nothing when not a dry run.
        super().handle(*args, **{**options, "dryrun": False})

        expired = [item for item in expiries if self._is_expired(item)]
        published = [item for item in go_lives if self._is_published(item)]
        for item in expired:
            self._line("Unpublished", item, "expiring")
        for item in published:
            self._line("Published", item, "scheduled for")
        left = len(expiries) - len(expired) + len(go_lives) - len(published)
        self._summary(len(published), len(expired), left)

    def _line(self, verb: str, item: Due, when: str) -> None:
        self.stdout.write(
            f"{verb}: {item.title} ({item.type_name}, {item.language}) {when} {_local(item.at)}"
        )

    def _summary(self, published: int, expired: int, due: int) -> None:
        self.stdout.write(f"{published} published, {expired} expired, {due} due.")

    @staticmethod
    def _is_expired(item: Due) -> bool:
        return item.model._default_manager.filter(pk=item.pk, live=False, expired=True).exists()

    @staticmethod
    def _is_published(item: Due) -> bool:
        # Publishing clears approved_go_live_at on all of the object's revisions.
        return not Revision.objects.filter(
            pk=item.revision_pk, approved_go_live_at__isnull=False
        ).exists()
