"""What a fresh Python process sees: for what a test's own process has loaded already."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def fresh_python_json(script: str):
    """Run ``script`` in a new interpreter with the test settings; the JSON it printed last."""
    environ = {**os.environ, "DJANGO_SETTINGS_MODULE": "muhabir.settings.test"}
    result = subprocess.run(  # noqa: S603 - the test's own interpreter
        [sys.executable, "-c", textwrap.dedent(script)],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])
