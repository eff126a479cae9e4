"""Writing a backup archive while the site keeps serving."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import django
import wagtail
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from muhabir.operations import database
from muhabir.operations.archive import (
    ARCHIVE_PREFIX,
    ARCHIVE_SUFFIX,
    DATA_PREFIX,
    FORMAT_VERSION,
    MANIFEST,
    MEDIA_PREFIX,
    NATIVE_POSTGRES,
    NATIVE_SQLITE,
    file_sha256,
)

SNAPSHOT_ALIAS = "muhabir_backup_snapshot"


class BackupError(Exception):
    """The backup could not be made; the message is one line for the operator."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    rows: int
    media_files: int
    size: int
    seconds: float


def postgres_environment(settings_dict: dict) -> tuple[list[str], dict[str, str]]:
    """Connection arguments for pg_dump/pg_restore; the password goes in the environment."""
    arguments = []
    if settings_dict.get("HOST"):
        arguments += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        arguments += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        arguments += ["--username", str(settings_dict["USER"])]
    environment = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        environment["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    options = settings_dict.get("OPTIONS") or {}
    for option, variable in (("sslmode", "PGSSLMODE"), ("sslrootcert", "PGSSLROOTCERT")):
        if options.get(option):
            environment[variable] = str(options[option])
    return arguments, environment


def archive_path_for(output: Path | None, now: dt.datetime) -> Path:
    """A file name is used as given; a folder gets a time-stamped name in it."""
    default_folder = Path(settings.BASE_DIR) / "data" / "backups"
    target = output or default_folder
    if target.name.endswith(ARCHIVE_SUFFIX) and not target.is_dir():
        return target
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%d-%H%M%S")
    return target / f"{ARCHIVE_PREFIX}{stamp}{ARCHIVE_SUFFIX}"


def backups_prune(folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` archives in ``folder``; return the deleted ones."""
    archives = sorted(folder.glob(f"{ARCHIVE_PREFIX}*{ARCHIVE_SUFFIX}"))
    doomed = archives[:-keep] if keep > 0 else archives
    for path in doomed:
        path.unlink()
    return doomed


def _sqlite_snapshot(connection, target: Path) -> None:
    # SQLite's online backup API copies a consistent image while others keep reading
    # and writing; a plain file copy could catch a half-written page.
    if connection.in_atomic_block:
        # Our own open write transaction would lock the copy out, and it would wait forever.
        raise BackupError("Cannot back up SQLite from inside a transaction.")
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
    finally:
        destination.close()


def _media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    return sorted(
        path
        for path in root.rglob("*")
        if path.is_file() and not path.is_symlink() and not path.name.endswith(".restoring")
    )


def backup_create(*, output: Path | None = None, using: str = "default") -> BackupResult:
    """Write one archive of the database and the media files; return where and what.

    Raises:
        BackupError: pg_dump failed or the output cannot be written.
    """
    started = time.perf_counter()
    now = timezone.now()
    path = archive_path_for(output, now)
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = connections[using]
    with tempfile.TemporaryDirectory(prefix=".muhabir-backup-", dir=path.parent) as work:
        work_dir = Path(work)
        (work_dir / DATA_PREFIX).mkdir(parents=True)
        if connection.vendor == "sqlite":
            native = NATIVE_SQLITE
            _sqlite_snapshot(connection, work_dir / native)
            dump = _dump_sqlite_copy(connection, work_dir, native)
        elif connection.vendor == "postgresql":
            native = NATIVE_POSTGRES
            dump = _dump_postgres(connection, work_dir, native)
        else:
            raise BackupError(f"Backups of {connection.vendor} databases are not supported.")
        members = [native, *(DATA_PREFIX + name for name in dump["files"])]
        media = _media_files() if _media_is_local() else []
        manifest = {
            "format_version": FORMAT_VERSION,
            "created_at": now.isoformat(),
            "database": {"vendor": connection.vendor, "native": native},
            "software": {"django": django.get_version(), "wagtail": wagtail.__version__},
            "migrations": dump["migrations"],
            "models": dump["counts"],
            "counts": dump["summary"],
            "media": {
                "storage": "local" if _media_is_local() else "object storage, not in this archive",
                "files": len(media),
            },
            "files": {},
        }
        partial = path.with_name(f".{path.name}.partial")
        try:
            with tarfile.open(partial, mode="w:gz", compresslevel=6) as tar:
                for name in members:
                    manifest["files"][name] = _add(tar, work_dir / name, name)
                media_root = Path(settings.MEDIA_ROOT)
                for file in media:
                    name = MEDIA_PREFIX + file.relative_to(media_root).as_posix()
                    manifest["files"][name] = _add(tar, file, name)
                manifest_path = work_dir / MANIFEST
                manifest_path.write_text(database.dump_json(manifest), encoding="utf-8")
                tar.add(manifest_path, arcname=MANIFEST, recursive=False)
            # Only a finished archive carries the final name: a killed backup leaves a
            # .partial file that neither restore nor --keep mistakes for a backup.
            partial.replace(path)
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise BackupError(f"Cannot write {path}: {error.strerror or error}.") from None
    return BackupResult(
        path=path,
        rows=sum(dump["counts"].values()),
        media_files=len(media),
        size=path.stat().st_size,
        seconds=time.perf_counter() - started,
    )


def _media_is_local() -> bool:
    return isinstance(default_storage, FileSystemStorage)


def _add(tar: tarfile.TarFile, source: Path, name: str) -> dict:
    digest = file_sha256(source)
    info = tar.gettarinfo(str(source), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with source.open("rb") as stream:
        tar.addfile(info, stream)
    return {"sha256": digest, "size": info.size}


def _dump_tables(connection, alias: str, work_dir: Path) -> dict:
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    migrations = database.migration_state(connection)
    apps = database.historical_apps(loader, migrations)
    counts = {}
    files = []
    for model in database.dumped_models(apps):
        label = model._meta.label_lower
        name = f"{label}.jsonl"
        counts[label] = database.model_dump(model, using=alias, path=work_dir / DATA_PREFIX / name)
        files.append(name)
    return {
        "migrations": migrations,
        "counts": counts,
        "summary": database.counts_summary(apps, counts),
        "files": files,
    }


def _dump_sqlite_copy(connection, work_dir: Path, native: str) -> dict:
    # The neutral dump is read from the snapshot just taken, so both describe one moment
    # and the live database is not held in a read transaction meanwhile.
    config = {**connection.settings_dict, "NAME": str(work_dir / native)}
    with database.extra_connection(SNAPSHOT_ALIAS, config) as snapshot:
        return _dump_tables(snapshot, SNAPSHOT_ALIAS, work_dir)


def _dump_postgres(connection, work_dir: Path, native: str) -> dict:
    arguments, environment = postgres_environment(connection.settings_dict)
    nested = connection.in_atomic_block
    with transaction.atomic(using=connection.alias):
        with connection.cursor() as cursor:
            if not nested:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            # pg_dump reads the very snapshot the neutral dump and the counts read.
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        command = [
            "pg_dump",
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            f"--snapshot={snapshot}",
            f"--file={work_dir / native}",
            *arguments,
            connection.settings_dict["NAME"],
        ]
        try:
            subprocess.run(  # noqa: S603 - fixed program, arguments from our settings
                command, env=environment, check=True, capture_output=True, text=True
            )
        except FileNotFoundError:
            raise BackupError("pg_dump is not installed (package postgresql-client).") from None
        except subprocess.CalledProcessError as error:
            lines = error.stderr.strip().splitlines() or ["no message"]
            raise BackupError(f"pg_dump failed: {lines[-1]}") from None
        return _dump_tables(connection, connection.alias, work_dir)
