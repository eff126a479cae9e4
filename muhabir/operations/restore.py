"""Rebuilding a site from a backup archive onto an empty database of either kind."""

from __future__ import annotations

import sqlite3
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.management.sql import sql_flush
from django.db import connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from muhabir.operations import database
from muhabir.operations.archive import (
    DATA_PREFIX,
    NATIVE_POSTGRES,
    NATIVE_SQLITE,
    ArchiveError,
    StagedArchive,
    archive_stage,
    media_file_restore,
)
from muhabir.operations.backup import postgres_environment


class RestoreError(Exception):
    """The restore was refused or failed; the message is one line for the operator."""


@dataclass(frozen=True)
class RestoreResult:
    method: str
    rows: int
    media_files: int
    seconds: float


def database_contents(connection) -> tuple[int, int, int]:
    """(tables, users, page revisions) in the target database."""
    tables = set(connection.introspection.table_names())
    if not tables:
        return 0, 0, 0
    counts = []
    with connection.cursor() as cursor:
        for table in ("auth_user", "wagtailcore_revision"):
            if table in tables:
                cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 - a fixed table name
                counts.append(cursor.fetchone()[0])
            else:
                counts.append(0)
    return len(tables), counts[0], counts[1]


def archive_restore(
    archive: Path,
    *,
    replace: bool = False,
    portable: bool = False,
    using: str = "default",
    log=lambda line: None,
) -> RestoreResult:
    """Check ``archive`` completely, then rebuild the database and media files from it.

    Args:
        replace: also overwrite a database that holds users or revisions.
        portable: load the database-neutral rows even where the native dump would do.

    Raises:
        RestoreError: the archive is damaged or foreign, or the target database is in use.
    """
    started = time.perf_counter()
    connection = connections[using]
    with tempfile.TemporaryDirectory(prefix="muhabir-restore-") as work:
        try:
            staged = archive_stage(archive, Path(work))
        except ArchiveError as error:
            raise RestoreError(str(error)) from None
        loader = MigrationLoader(connection, ignore_no_migrations=True)
        unknown = database.unknown_migrations(loader, staged.manifest["migrations"])
        if unknown:
            raise RestoreError(
                f"{archive.name} was made by a newer version of Muhabir "
                f"(migration {unknown[0]} is unknown here); update the code first."
            )
        for name in staged.data_files():
            label = name[len(DATA_PREFIX) : -len(".jsonl")]
            if label.split(".")[0] not in loader.migrated_apps:
                raise RestoreError(f"{archive.name} holds rows of {label}, unknown here.")
        tables, users, revisions = database_contents(connection)
        if (users or revisions) and not replace:
            raise RestoreError(
                f"The database already holds {users} users and {revisions} page revisions; "
                "restore onto an empty database, or pass --yes to replace everything in it."
            )
        source_vendor = staged.manifest["database"]["vendor"]
        native = staged.manifest["database"].get("native")
        use_native = not portable and source_vendor == connection.vendor and native
        log(f"Archive checked: {len(staged.manifest['files'])} files, all checksums match.")
        if tables:
            _database_empty(connection)
        if use_native:
            method = f"native {connection.vendor} dump"
            _native_restore(connection, staged, native)
            rows = _counts_compare(connection, staged)
        else:
            method = f"database-neutral rows ({source_vendor} to {connection.vendor})"
            rows = _portable_restore(connection, staged)
        log(f"Database restored from the {method}: {rows} rows, counts match the manifest.")
        call_command("migrate", interactive=False, verbosity=0, database=using)
        if not use_native:
            call_command("rebuild_search_index", verbosity=0)
            call_command("update_index", verbosity=0)
        media_root = Path(settings.MEDIA_ROOT)
        media = staged.media_files()
        for name in media:
            media_file_restore(staged, name, media_root)
        if media:
            log(f"Media: {len(media)} files written to {media_root}, checksums verified.")
    return RestoreResult(
        method=method, rows=rows, media_files=len(media), seconds=time.perf_counter() - started
    )


def _database_empty(connection) -> None:
    """Remove every table, so that the restore starts from nothing."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
        return
    name = connection.settings_dict["NAME"]
    connection.close()
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{name}{suffix}").unlink(missing_ok=True)


def _native_restore(connection, staged: StagedArchive, native: str) -> None:
    if native == NATIVE_SQLITE:
        source = sqlite3.connect(staged.path(native))
        try:
            connection.ensure_connection()
            source.backup(connection.connection)
        finally:
            source.close()
        connection.close()
        return
    if native != NATIVE_POSTGRES:
        raise RestoreError(f"Unknown native dump {native!r}.")
    arguments, environment = postgres_environment(connection.settings_dict)
    command = [
        "pg_restore",
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        f"--dbname={connection.settings_dict['NAME']}",
        *arguments,
        str(staged.path(native)),
    ]
    connection.close()
    try:
        subprocess.run(  # noqa: S603 - fixed program, arguments from our settings
            command, env=environment, check=True, capture_output=True, text=True
        )
    except FileNotFoundError:
        raise RestoreError("pg_restore is not installed (package postgresql-client).") from None
    except subprocess.CalledProcessError as error:
        lines = error.stderr.strip().splitlines() or ["no message"]
        raise RestoreError(f"pg_restore failed: {lines[-1]}") from None


def _counts_compare(connection, staged: StagedArchive) -> int:
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    apps = database.historical_apps(loader, staged.manifest["migrations"])
    expected = staged.manifest["models"]
    found = database.model_counts(apps, expected, using=connection.alias)
    differing = [label for label in sorted(expected) if found[label] != expected[label]]
    if differing:
        label = differing[0]
        raise RestoreError(
            f"Restored {found[label]} rows of {label}, the archive says {expected[label]}: "
            "the restore is incomplete."
        )
    return sum(found.values())


def _portable_restore(connection, staged: StagedArchive) -> int:
    """Migrate to the archive's schema, replace the migrations' rows by the archive's."""
    executor = MigrationExecutor(connection)
    targets = database.state_leaves(executor.loader, staged.manifest["migrations"])
    executor.migrate(targets)
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    apps = database.historical_apps(loader, staged.manifest["migrations"])
    with transaction.atomic(using=connection.alias):
        # The migrations made locales, groups, content types and the first pages; the
        # archive holds the same rows with the ids that the content refers to.
        connection.ops.execute_sql_flush(
            sql_flush(no_style(), connection, reset_sequences=True, allow_cascade=True)
        )
        loaded = []
        for name in staged.data_files():
            label = name[len(DATA_PREFIX) : -len(".jsonl")]
            model = apps.get_model(label)
            database.model_load(model, connection=connection, path=staged.path(name))
            loaded.append(model)
        database.sequences_reset(connection, loaded)
        rows = _counts_compare(connection, staged)
    ContentType.objects.clear_cache()
    return rows
