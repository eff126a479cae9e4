"""Throwaway target databases and a restore in a separate process, as on a new server."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from muhabir.operations.database import extra_connection
from muhabir.settings import env
from tests.servers import server_unreachable

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"
TARGET_ALIAS = "restored"


def postgres_server_url() -> str:
    """The server the run uses (CI sets DATABASE_URL), or the development machine's."""
    url = os.environ.get("DATABASE_URL", "")
    if urlsplit(url).scheme.startswith("postgres"):
        return url
    return DEFAULT_POSTGRES


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _admin_connection():
    import psycopg

    parts = urlsplit(postgres_server_url())
    return psycopg.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password,
        dbname="postgres",
        autocommit=True,
        connect_timeout=3,
    )


@contextmanager
def target_database(kind: str, tmp_path: Path) -> Iterator[str]:
    """A new, empty database of ``kind``; its DATABASE_URL. PostgreSQL ones are dropped."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"muhabir_restore_{uuid.uuid4().hex[:12]}"
    try:
        admin = _admin_connection()
    except Exception as error:  # any connection failure means no server
        server_unreachable("PostgreSQL", error)
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield _with_database(postgres_server_url(), name)
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(*arguments: str, database_url: str, media_root: Path) -> subprocess.CompletedProcess:
    """Run manage.py as an operator would on a new server: its own database and media."""
    environ = {
        key: value
        for key, value in os.environ.items()
        # The browser tests' async flag and the run's own database are not the target's.
        if key
        not in {
            "DATABASE_URL",
            "REDIS_URL",
            "MEDIA_ROOT",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    environ.update(
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media_root),
        DJANGO_SETTINGS_MODULE="muhabir.settings.development",
    )
    return subprocess.run(  # noqa: S603 - our own manage.py, arguments from the tests
        [sys.executable, "manage.py", *arguments],
        cwd=REPO_ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@contextmanager
def target_connection(database_url: str) -> Iterator[str]:
    """The restored database, readable in this process as ``.using(TARGET_ALIAS)``."""
    config = env.database({"DATABASE_URL": database_url})
    config["CONN_MAX_AGE"] = 0
    with extra_connection(TARGET_ALIAS, config):
        yield TARGET_ALIAS
