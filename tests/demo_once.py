"""Data built once per module (the demo site, say), for modules whose tests only read it."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

T = TypeVar("T")


@contextmanager
def built_once_for_module(django_db_blocker, workdir: Path, build: Callable[[], T]) -> Iterator[T]:
    """What ``build()`` makes in the database, made once for every test of a module.

    It is built in a transaction that stays open until the module's last test and is
    rolled back then; each test runs in a savepoint inside it (pytest-django's ``db``), so
    what a test changes is gone before the next one. Only for modules whose every test
    uses it, and never with ``transaction=True``. Uploaded files are kept in
    ``workdir/media``; ``demo_media_copy`` puts them under each test's MEDIA_ROOT.
    """
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=workdir / "media"):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@contextmanager
def demo_site_for_module(django_db_blocker, workdir: Path, *, password: str) -> Iterator[str]:
    """The demo site built once, for every test of a module; yields the loader's output.

    Building it takes seconds, and the tests that read it need not pay that each time
    (``built_once_for_module``).
    """
    from muhabir.demo import services as demo_services

    def build() -> str:
        output = io.StringIO()
        call_command("load_demo_site", password=password, stdout=output)
        return output.getvalue()

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(demo_services, "_password_file", lambda: workdir / "demo-password")
        with built_once_for_module(django_db_blocker, workdir, build) as output:
            yield output


def demo_media_copy(workdir: Path, media_root: Path) -> None:
    """The demo's uploaded images and renditions, under this test's MEDIA_ROOT."""
    if (workdir / "media").exists():
        shutil.copytree(workdir / "media", media_root, dirs_exist_ok=True)
