"""What gunicorn's master loads before it forks the workers (preload_app): the application,
the URLconfs and no content API, and no database connection for the workers to inherit."""

import json
import os
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
