"""The demo site built once per module, for modules whose tests only read it."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings


@contextmanager
def demo_site_for_module(django_db_blocker, workdir: Path, *, password: str) -> Iterator[str]:
    """The demo site built once, for every test of a module; yields the loader's output.

    Building it takes seconds, and the tests that read it need not pay that each time. It
    is built in a transaction that stays open until the module's last test and is rolled
    back then; each test runs in a savepoint inside it (pytest-django's ``db``), so what a
    test changes is gone before the next one. Only for modules whose every test uses the
    demo site, and never with ``transaction=True``. The uploaded files are kept in
    ``workdir``; ``demo_media_copy`` puts them under each test's MEDIA_ROOT.
    """
    from muhabir.demo import services as demo_services

    media = workdir / "media"
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media),
        pytest.MonkeyPatch.context() as patch,
    ):
        patch.setattr(demo_services, "_password_file", lambda: workdir / "demo-password")
        outer = transaction.atomic()
        outer.__enter__()
        try:
            output = io.StringIO()
            call_command("load_demo_site", password=password, stdout=output)
            yield output.getvalue()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def demo_media_copy(workdir: Path, media_root: Path) -> None:
    """The demo's uploaded images and renditions, under this test's MEDIA_ROOT."""
    if (workdir / "media").exists():
        shutil.copytree(workdir / "media", media_root, dirs_exist_ok=True)
