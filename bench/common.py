"""What every benchmark does first: a throwaway database with the demo site and N articles."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def bench_site_build(*, articles: int, prefix: str = "muhabir-bench-") -> float:
    """Set up Django on a throwaway SQLite database (unless DATABASE_URL names one), migrate,
    load the demo site with ``articles`` synthetic articles; return the seconds it took."""
    workdir = tempfile.mkdtemp(prefix=prefix)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ.setdefault("MEDIA_ROOT", f"{workdir}/media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "muhabir.settings.development")
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost"

    import django

    django.setup()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_demo_site", synthetic=articles, password="bench-password", verbosity=0)
    return time.perf_counter() - started
