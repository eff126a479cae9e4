"""Heartbeats of the periodic jobs, and which of them are overdue.

A job is watched once it has run at least once, or when ``MUHABIR_EXPECTED_JOBS`` names it
(then from the moment it is first looked at, so a cron line that never fires is noticed
too). A site started with ``make run`` and no cron shows no warning; a production server
lists its cron jobs there. ``0`` as a job's overdue time stops watching it.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from muhabir.operations.models import JobHeartbeat

logger = logging.getLogger("muhabir.jobs")

MESSAGE_LENGTH = 1000


def _overdue_minutes() -> dict[str, int]:
    return dict(getattr(settings, "MUHABIR_JOB_OVERDUE_MINUTES", {}))


@contextmanager
def _job_run(name: str) -> Iterator[None]:
    started = timezone.now()
    clock = time.perf_counter()
    JobHeartbeat.objects.update_or_create(name=name, defaults={"last_started_at": started})
    try:
        yield
    except BaseException as error:
        message = f"{type(error).__name__}: {error}"[:MESSAGE_LENGTH]
        JobHeartbeat.objects.filter(name=name).update(
            last_failed_at=timezone.now(), last_message=message
        )
        _log(name, "failed", clock, message)
        raise
    JobHeartbeat.objects.filter(name=name).update(last_succeeded_at=timezone.now(), last_message="")
    _log(name, "succeeded", clock, "")


class record_job_run:
    """Record the start and the outcome of one run of the periodic job ``name``.

    A context manager, or a decorator of a command's ``handle``: there a dry run
    (``dry_run``/``dryrun`` true) is not recorded, since it did not do the job. A failure
    is recorded with its message and raised again.
    """

    def __init__(self, name: str):
        self.name = name
        self._context: AbstractContextManager[None] | None = None

    def __enter__(self) -> None:
        context = _job_run(self.name)
        context.__enter__()
        self._context = context

    def __exit__(self, *exc_info) -> bool:
        context, self._context = self._context, None
        if context is None:
            raise RuntimeError("record_job_run: __exit__ without __enter__")
        return bool(context.__exit__(*exc_info))

    def __call__(self, function: Callable) -> Callable:
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            if kwargs.get("dry_run") or kwargs.get("dryrun"):
                return function(*args, **kwargs)
            with _job_run(self.name):
                return function(*args, **kwargs)

        return wrapper


def _log(name: str, status: str, clock: float, message: str) -> None:
    duration_ms = round((time.perf_counter() - clock) * 1000, 1)
    level = logging.INFO if status == "succeeded" else logging.ERROR
    logger.log(
        level,
        "job %s %s in %s ms",
        name,
        status,
        duration_ms,
        extra={"job": name, "status": status, "duration_ms": duration_ms, "error": message},
    )


@dataclass(frozen=True)
class JobStatus:
    name: str
    overdue_after: dt.timedelta
    last_succeeded_at: dt.datetime | None
    last_failed_at: dt.datetime | None
    last_message: str
    overdue: bool


def job_statuses(now: dt.datetime | None = None) -> list[JobStatus]:
    """Every watched job with whether its last success is older than its overdue time."""
    now = now or timezone.now()
    minutes = _overdue_minutes()
    rows = {row.name: row for row in JobHeartbeat.objects.all()}
    for name in getattr(settings, "MUHABIR_EXPECTED_JOBS", []):
        if name not in rows and minutes.get(name):
            rows[name], _created = JobHeartbeat.objects.get_or_create(name=name)
    statuses = []
    for name, row in sorted(rows.items()):
        allowed = minutes.get(name)
        if not allowed:
            continue
        overdue_after = dt.timedelta(minutes=allowed)
        reference = row.last_succeeded_at or row.created_at
        statuses.append(
            JobStatus(
                name=name,
                overdue_after=overdue_after,
                last_succeeded_at=row.last_succeeded_at,
                last_failed_at=row.last_failed_at,
                last_message=row.last_message,
                overdue=now - reference > overdue_after,
            )
        )
    return statuses


def overdue_jobs(now: dt.datetime | None = None) -> list[JobStatus]:
    return [status for status in job_statuses(now) if status.overdue]
