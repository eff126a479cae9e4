"""The demo site for transactional tests: loaded once, then copied back for each test.

Browser tests need ``transaction=True`` (the live server reads the database from its own
thread), so the database is emptied after each of them and the demo site has to be there
again for the next one. Loading it runs the loader's thousands of queries, renditions and
index updates, seconds per test; copying the rows back takes a fraction of that. The first
test of a run loads it with the project's loader, so the loader itself still runs; the
rows it made are copied aside (SQLite: the whole database through SQLite's backup API;
PostgreSQL: every table into a schema of its own, with the sequences' positions), and so
are the uploaded files.
"""

from __future__ import annotations

import copy
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, transaction

from muhabir.demo import services as demo_services
from tests.demo_once import demo_media_copy

SCHEMA = "muhabir_demo_snapshot"


@dataclass
class DemoSnapshot:
    """What the first load made, and how to put it back."""

    workdir: Path
    report: demo_services.DemoReport | None = None
    sqlite: sqlite3.Connection | None = None
    # Each table with the columns it stores (not those PostgreSQL computes).
    tables: dict[str, str] = field(default_factory=dict)
    sequences: list[tuple[str, int | None, int]] = field(default_factory=list)

    def demo_site(self, *, password: str, media_root: Path) -> demo_services.DemoReport:
        """The demo site in the test's database and MEDIA_ROOT, loaded or copied back."""
        if self.report is None:
            report = demo_services.demo_site_load(password=password)
            self._take(Path(media_root))
            self.report = report
        else:
            self._restore(Path(media_root))
        return copy.deepcopy(self.report)

    def _take(self, media_root: Path) -> None:
        if media_root.exists():
            shutil.copytree(media_root, self.workdir / "media", dirs_exist_ok=True)
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            self.sqlite = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(self.sqlite)
            return
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT table_name, column_name FROM information_schema.columns"
                " WHERE table_schema = 'public' AND is_generated = 'NEVER'"
                " ORDER BY table_name, ordinal_position"
            )
            columns: dict[str, list[str]] = {}
            for table, column in cursor.fetchall():
                columns.setdefault(table, []).append(quote(column))
            stored = set(connection.introspection.table_names(include_views=False))
            self.tables = {
                quote(table): ", ".join(names)
                for table, names in columns.items()
                if table in stored
            }
            cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
            cursor.execute(f"CREATE SCHEMA {SCHEMA}")
            for name, names in self.tables.items():
                keep = f"CREATE TABLE {SCHEMA}.{name} AS SELECT {names} FROM public.{name}"  # noqa: S608
                cursor.execute(keep)
            cursor.execute(
                "SELECT sequencename, last_value, start_value FROM pg_sequences"
                " WHERE schemaname = 'public'"
            )
            self.sequences = list(cursor.fetchall())

    def _restore(self, media_root: Path) -> None:
        demo_media_copy(self.workdir, media_root)
        connection.ensure_connection()
        if self.sqlite is not None:
            self.sqlite.backup(connection.connection)
            return
        with transaction.atomic(), connection.cursor() as cursor:
            # Foreign keys are checked at commit (Django declares them deferrable), so the
            # tables can be filled in any order.
            cursor.execute(f"TRUNCATE {', '.join(f'public.{n}' for n in self.tables)}")
            for name, names in self.tables.items():
                # Names from the database's own catalogue, quoted.
                copy_back = (
                    f"INSERT INTO public.{name} ({names}) SELECT {names} FROM {SCHEMA}.{name}"  # noqa: S608
                )
                cursor.execute(copy_back)
            for sequence, last_value, start_value in self.sequences:
                cursor.execute(
                    "SELECT setval(%s, %s, %s)",
                    [
                        f"public.{connection.ops.quote_name(sequence)}",
                        start_value if last_value is None else last_value,
                        last_value is not None,
                    ],
                )
