"""scripts/check-catalogues-fresh: fails on an outdated catalogue, never writes to the tree."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.skipif(
    shutil.which("xgettext") is None, reason="makemessages needs GNU gettext (xgettext)"
)

CATALOGUES = [f"muhabir/locale/{code}/LC_MESSAGES/django.po" for code in ("tr", "de")]


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project whose catalogues are fresh, so the real ones stay untouched."""
    root = tmp_path / "project"
    shutil.copytree(
        settings.BASE_DIR / "muhabir",
        root / "muhabir",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo"),
    )
    shutil.copy(settings.BASE_DIR / "manage.py", root)
    (root / "scripts").mkdir()
    shutil.copy(settings.BASE_DIR / "scripts" / "check-catalogues-fresh", root / "scripts")
    (root / ".venv").symlink_to(Path(sys.prefix))
    makemessages = ["makemessages", "-l", "tr", "-l", "de", "--add-location", "file"]
    subprocess.run(  # noqa: S603 (a fixed command line)
        [root / ".venv" / "bin" / "python", "manage.py", *makemessages, "--no-obsolete"],
        cwd=root,
        check=True,
    )
    return root


def _check(root: Path) -> subprocess.CompletedProcess:
    # Run from elsewhere: the script finds the project from its own path.
    return subprocess.run(  # noqa: S603 (a fixed command line)
        [root / "scripts" / "check-catalogues-fresh"],
        cwd=root.parent,
        capture_output=True,
        text=True,
    )


def test_fresh_catalogues_pass(project):
    result = _check(project)

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_a_new_string_fails_and_leaves_the_catalogues_as_they_were(project):
    (project / "muhabir" / "core" / "freshness_probe.py").write_text(
        'from django.utils.translation import gettext_lazy\n\nPROBE = gettext_lazy("Probe")\n'
    )
    before = {path: (project / path).read_bytes() for path in CATALOGUES}

    result = _check(project)

    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"Outdated catalogue: {path} (run: make messages, then translate)" for path in CATALOGUES
    ]
    assert {path: (project / path).read_bytes() for path in CATALOGUES} == before
    assert not list((project / "muhabir" / "locale").glob("*.pot"))
