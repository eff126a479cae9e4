"""The backup archive's layout, and reading one back with every checksum checked.

A backup is one gzip-compressed tar file::

    database/native.sqlite3 or database/native.pgdump   the database in its own format
    database/data/<app>.<model>.jsonl                    every row, database-neutral
    media/<path>                                         the uploaded files
    manifest.json                                        last: versions, counts, checksums

The manifest lists the SHA-256 of every other member; an archive whose members and
manifest disagree in any way is refused before anything is changed.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import tarfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

FORMAT_VERSION = 1
KNOWN_FORMAT_VERSIONS = {1}
MANIFEST = "manifest.json"
NATIVE_SQLITE = "database/native.sqlite3"
NATIVE_POSTGRES = "database/native.pgdump"
DATA_PREFIX = "database/data/"
MEDIA_PREFIX = "media/"
ARCHIVE_PREFIX = "muhabir-backup-"
ARCHIVE_SUFFIX = ".tar.gz"
CHUNK = 1024 * 1024


class ArchiveError(Exception):
    """An archive that cannot be used; the message is one line for the operator."""


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _safe_member_name(name: str) -> bool:
    path = PurePosixPath(name)
    return bool(name) and not path.is_absolute() and ".." not in path.parts and "\\" not in name


@dataclass
class StagedArchive:
    """An archive unpacked into ``root`` whose members all match its manifest."""

    root: Path
    manifest: dict

    def path(self, name: str) -> Path:
        return self.root / name

    def data_files(self) -> list[str]:
        return sorted(name for name in self.manifest["files"] if name.startswith(DATA_PREFIX))

    def media_files(self) -> list[str]:
        return sorted(name for name in self.manifest["files"] if name.startswith(MEDIA_PREFIX))


def archive_stage(archive: Path, root: Path) -> StagedArchive:
    """Unpack ``archive`` into the empty folder ``root`` and check it against its manifest.

    Raises:
        ArchiveError: unreadable, truncated, foreign, of an unknown format version, or a
            member whose checksum differs from the manifest's.
    """
    name = archive.name
    if not archive.is_file():
        raise ArchiveError(f"{archive}: no such file.")
    digests: dict[str, str] = {}
    try:
        # Through gzip's own reader, drained to the end below: it checks the CRC and the
        # length in gzip's trailer, which tarfile's stream mode never reads.
        with (
            gzip.open(archive, "rb") as compressed,
            tarfile.open(fileobj=compressed, mode="r|") as tar,
        ):
            for member in tar:
                if not member.isfile():
                    raise ArchiveError(
                        f"{name} is not a Muhabir backup: it holds {member.name!r}, "
                        "which is not a plain file."
                    )
                if not _safe_member_name(member.name) or member.name in digests:
                    raise ArchiveError(
                        f"{name} is not a Muhabir backup: "
                        f"member name {member.name!r} is not allowed."
                    )
                target = root / member.name
                target.parent.mkdir(parents=True, exist_ok=True)
                digest = hashlib.sha256()
                source = tar.extractfile(member)
                if source is None:
                    raise ArchiveError(f"{name}: {member.name} cannot be read.")
                with target.open("wb") as output:
                    while chunk := source.read(CHUNK):
                        digest.update(chunk)
                        output.write(chunk)
                digests[member.name] = digest.hexdigest()
            while compressed.read(CHUNK):
                pass
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        raise ArchiveError(
            f"{name} is damaged or truncated and cannot be read ({_reason(error)})."
        ) from None
    if MANIFEST not in digests:
        raise ArchiveError(f"{name} is not a Muhabir backup: it holds no {MANIFEST}.")
    try:
        manifest = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise ArchiveError(f"{name}: its {MANIFEST} is not valid JSON.") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
        raise ArchiveError(f"{name} is not a Muhabir backup: its {MANIFEST} lists no files.")
    version = manifest.get("format_version")
    if version not in KNOWN_FORMAT_VERSIONS:
        raise ArchiveError(
            f"{name} has format version {version!r}, which this version of Muhabir cannot "
            f"restore (it knows {', '.join(map(str, sorted(KNOWN_FORMAT_VERSIONS)))})."
        )
    listed = manifest["files"]
    present = set(digests) - {MANIFEST}
    missing = sorted(set(listed) - present)
    if missing:
        raise ArchiveError(f"{name} is incomplete: {missing[0]} is listed but missing.")
    extra = sorted(present - set(listed))
    if extra:
        raise ArchiveError(f"{name} holds {extra[0]}, which its manifest does not list.")
    for member_name in sorted(present):
        if digests[member_name] != listed[member_name].get("sha256"):
            raise ArchiveError(f"{name} is damaged: the checksum of {member_name} does not match.")
    return StagedArchive(root=root, manifest=manifest)


def _reason(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


def media_file_restore(staged: StagedArchive, name: str, media_root: Path) -> None:
    """Copy one media member under ``media_root``, atomically, and check what was written."""
    relative = name[len(MEDIA_PREFIX) :]
    target = media_root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.restoring")
    shutil.copyfile(staged.path(name), partial)
    if file_sha256(partial) != staged.manifest["files"][name]["sha256"]:
        partial.unlink()
        raise ArchiveError(f"{relative}: the file written to {media_root} differs from the backup.")
    partial.replace(target)
