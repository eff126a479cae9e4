"""What gunicorn's master loads before it forks the workers (preload_app): the application,
the URLconfs and no content API, and no database connection for the workers to inherit; its
objects frozen, so the workers' garbage collection leaves the shared pages shared."""

import gc
import json
import os
import runpy
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _after_import() -> dict:
    script = textwrap.dedent(
        """
        import json, sys
        import muhabir.wsgi
        from django.db import connections
        urlconfs = [name for name in ("muhabir.urls", "wagtail.admin.urls") if name in sys.modules]
        opened = [alias for alias in connections if connections[alias].connection is not None]
        print(json.dumps(
            {"urlconfs": urlconfs, "ninja": "ninja" in sys.modules, "connections": opened}
        ))
        """
    )
    environ = {**os.environ, "DJANGO_SETTINGS_MODULE": "muhabir.settings.test"}
    result = subprocess.run(  # noqa: S603 - the test's own interpreter
        [sys.executable, "-c", script], cwd=ROOT, env=environ, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_master_loads_the_urlconfs_and_opens_no_connection():
    loaded = _after_import()
    assert loaded["urlconfs"] == ["muhabir.urls", "wagtail.admin.urls"]
    assert not loaded["ninja"]
    assert loaded["connections"] == []


def test_gunicorn_freezes_the_masters_objects_before_each_fork():
    settings = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
    assert settings["preload_app"] is True
    gc.unfreeze()
    try:
        settings["pre_fork"](server=None, worker=None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
