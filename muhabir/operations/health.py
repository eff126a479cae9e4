"""The checks behind /healthz: each cheap, none rendering a page or an image."""

from __future__ import annotations

import logging
import os
import uuid
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection

from muhabir.operations.jobs import overdue_jobs

logger = logging.getLogger(__name__)

OK = "ok"
DOWN = "down"
PROBE_PREFIX = ".healthz-"


def database_check() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return OK


def cache_check() -> str:
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, 1, 10)
    found = cache.get(key)
    cache.delete(key)
    if found != 1:
        raise RuntimeError("the cache did not return what was stored")
    return OK


def media_check() -> str:
    if isinstance(default_storage, FileSystemStorage):
        # A byte written and removed: a full disk or a read-only mount fails here, not in
        # an editor's upload.
        root = Path(settings.MEDIA_ROOT)
        root.mkdir(parents=True, exist_ok=True)
        probe = root / f"{PROBE_PREFIX}{uuid.uuid4().hex}"
        descriptor = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(descriptor, b"1")
        finally:
            os.close(descriptor)
            probe.unlink(missing_ok=True)
    else:
        # Object storage: one cheap request that needs credentials and the bucket.
        default_storage.exists(f"{PROBE_PREFIX}probe")
    return OK


COMPONENTS = {"database": database_check, "cache": cache_check, "media": media_check}
# Without the cache pages are served uncached (muhabir.core.cache): slower, not down. A 503
# for it would make a load balancer take every app server out at once.
ESSENTIAL = frozenset({"database", "media"})


def health_report() -> tuple[bool, dict]:
    """(the essential components up, the JSON body). A cache that is down and overdue jobs
    are reported as a warning, not as a failure."""
    components = {}
    for name, check in COMPONENTS.items():
        try:
            components[name] = check()
        except Exception as error:
            # The log gets the reason; the public answer only says which part is down.
            logger.error("healthz: %s is down: %s", name, error)
            components[name] = DOWN
    healthy = all(components[name] == OK for name in ESSENTIAL)
    degraded = any(state != OK for state in components.values())
    jobs = {}
    if components["database"] == OK:
        try:
            jobs = {status.name: "overdue" for status in overdue_jobs()}
        except Exception as error:
            logger.error("healthz: cannot read the job heartbeats: %s", error)
            jobs = {"heartbeats": "unreadable"}
    body = {
        "status": "error" if not healthy else ("warning" if jobs or degraded else "ok"),
        "components": components,
        "overdue_jobs": sorted(jobs),
    }
    return healthy, body
