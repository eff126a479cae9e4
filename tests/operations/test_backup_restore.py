"""A backup restores the whole site, onto SQLite or PostgreSQL, and a bad archive changes nothing.

The backup is made from the run's own database (SQLite, or PostgreSQL in CI's second
run); each restore runs ``manage.py restore`` in a separate process on a new, empty
database of the other kind too, as an operator would on a new server.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Revision

from muhabir.images.models import CustomImage
from muhabir.newsroom.models import ArticlePage
from muhabir.operations.archive import MANIFEST
from muhabir.operations.backup import backups_prune
from tests.factories import CustomImageFactory
from tests.operations.helpers import (
    manage,
    target_connection,
    target_database,
)

# Committed rows: a backup reads the database from outside the test's transaction (SQLite's
# backup API, pg_dump). The migrations' rows (locales, home pages) come back after each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DEMO_PASSWORD = "demo-password-for-backup-tests"
DIRECTORY_MODELS = ["Place", "Association", "IntegrationCentre", "Offer", "Event"]


def _site_content_add() -> None:
    """The demo site, plus what the demo has none of: a redirect, a reader, more revisions."""
    call_command("load_demo_site", password=DEMO_PASSWORD, stdout=io.StringIO())
    Redirect.objects.create(old_path="/eski-haber-yıldız", redirect_link="/tr/", site=None)
    get_user_model().objects.create_user(
        username="okur.şule", email="şule@muhabir.example", password="Gizli-Şifre-2024"
    )
    CustomImageFactory(title="Çay bahçesi in Köln – Straße")
    article = ArticlePage.objects.filter(locale__language_code="de").first()
    for number in range(3):
        article.title = f"{article.title.rstrip(' 0123456789')} {number}"
        article.save_revision(log_action=False)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _json(value) -> str:
    # PostgreSQL's jsonb keeps keys in its own order; what matters is the content.
    return json.dumps(value, sort_keys=True)


def site_snapshot(using: str, media_root: Path) -> dict:
    """What readers and editors would notice if it changed."""
    articles = {}
    for article in ArticlePage.objects.using(using).order_by("pk"):
        articles[article.pk] = {
            "title": article.title,
            "slug": article.slug,
            "url_path": article.url_path,
            "live": article.live,
            "body": _json(list(article.body.raw_data)),
            "sections": sorted(article.sections.values_list("pk", flat=True)),
            "revisions": Revision.objects.using(using)
            .filter(
                object_id=str(article.pk),
                base_content_type__app_label="wagtailcore",
                base_content_type__model="page",
            )
            .count(),
        }
    revisions = [
        (revision.pk, revision.object_id, revision.created_at, _json(revision.content))
        for revision in Revision.objects.using(using).order_by("pk")
    ]
    images = [
        (image.pk, image.title, image.file.name, _sha(media_root / image.file.name))
        for image in CustomImage.objects.using(using).order_by("pk")
    ]
    directory = {}
    for name in DIRECTORY_MODELS:
        model = apps.get_model("directory", name)
        directory[name] = list(model._base_manager.using(using).order_by("pk").values())
    redirects = list(
        Redirect.objects.using(using)
        .order_by("pk")
        .values_list("old_path", "redirect_link", "is_permanent")
    )
    users = list(
        get_user_model()
        .objects.using(using)
        .order_by("pk")
        .values_list("username", "email", "password", "is_active", "groups__name")
    )
    pages = list(Page.objects.using(using).order_by("path").values_list("path", "title", "live"))
    return {
        "articles": articles,
        "revisions": revisions,
        "images": images,
        "directory": directory,
        "redirects": redirects,
        "users": users,
        "pages": pages,
    }


@pytest.mark.parametrize(
    "target", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_backup_restores_every_article_revision_image_entry_redirect_and_user(
    target, tmp_path, settings
):
    _site_content_add()
    media_root = Path(settings.MEDIA_ROOT)
    before = site_snapshot("default", media_root)
    assert before["redirects"] and len(before["users"]) >= 4 and before["images"]
    assert all(before["directory"].values())
    assert max(article["revisions"] for article in before["articles"].values()) >= 4

    output = io.StringIO()
    call_command("backup", output=tmp_path / "backups", stdout=output)
    archive = next((tmp_path / "backups").glob("muhabir-backup-*.tar.gz"))
    assert "Backup written" in output.getvalue()

    restored_media = tmp_path / "restored-media"
    with target_database(target, tmp_path) as database_url:
        result = manage(
            "restore", str(archive), database_url=database_url, media_root=restored_media
        )
        assert result.returncode == 0, result.stderr
        expected_method = "native" if target == connection.vendor else "database-neutral"
        assert expected_method in result.stdout
        with target_connection(database_url) as alias:
            after = site_snapshot(alias, restored_media)

    for key in before:
        assert after[key] == before[key], key


@pytest.fixture
def small_archive(db, tmp_path) -> Path:
    """A real archive of the test database with one uploaded image."""
    CustomImageFactory(title="Küçük")
    call_command("backup", output=tmp_path / "small.tar.gz", stdout=io.StringIO())
    return tmp_path / "small.tar.gz"


def _members(archive: Path) -> dict[str, bytes]:
    with tarfile.open(archive, "r:gz") as tar:
        return {member.name: tar.extractfile(member).read() for member in tar.getmembers()}


def _repack(path: Path, members: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def _altered_member(archive: Path, target: Path) -> Path:
    members = _members(archive)
    name = next(name for name in members if name.startswith("media/"))
    data = bytearray(members[name])
    data[len(data) // 2] ^= 0xFF
    members[name] = bytes(data)
    return _repack(target, members)


def _without_manifest(archive: Path, target: Path) -> Path:
    members = _members(archive)
    del members[MANIFEST]
    return _repack(target, members)


def _unknown_version(archive: Path, target: Path) -> Path:
    members = _members(archive)
    manifest = json.loads(members[MANIFEST])
    manifest["format_version"] = 99
    members[MANIFEST] = json.dumps(manifest).encode()
    return _repack(target, members)


def _truncated(archive: Path, target: Path) -> Path:
    data = archive.read_bytes()
    target.write_bytes(data[: len(data) // 2])
    return target


def _flipped_byte(archive: Path, target: Path) -> Path:
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0x01
    target.write_bytes(bytes(data))
    return target


def _foreign(archive: Path, target: Path) -> Path:
    return _repack(target, {"wp-content/uploads/2019/11/foto.jpg": b"\xff\xd8\xff\xe0 not ours"})


def _not_an_archive(archive: Path, target: Path) -> Path:
    target.write_bytes(gzip.compress(b"-- PostgreSQL database dump\n"))
    return target


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (_truncated, "is damaged or truncated"),
        (_flipped_byte, "is damaged"),
        (_altered_member, "the checksum of media/"),
        (_without_manifest, "holds no manifest.json"),
        (_unknown_version, "format version 99"),
        (_foreign, "holds no manifest.json"),
        (_not_an_archive, "is damaged or truncated"),
    ],
)
def test_damaged_archive_is_refused_before_anything_changes(
    damage, message, small_archive, tmp_path, settings, django_user_model
):
    django_user_model.objects.create_user(username="kalır", password="x-unchanged-1")
    users_before = list(django_user_model.objects.values_list("username", flat=True))
    broken = damage(small_archive, tmp_path / "broken.tar.gz")
    media_before = sorted(Path(settings.MEDIA_ROOT).rglob("*"))

    with pytest.raises(CommandError, match=message) as refusal:
        call_command("restore", str(broken), yes=True, stdout=io.StringIO())

    assert "\n" not in str(refusal.value)
    assert list(django_user_model.objects.values_list("username", flat=True)) == users_before
    assert sorted(Path(settings.MEDIA_ROOT).rglob("*")) == media_before


def test_restore_refuses_a_database_with_users_without_yes(small_archive, django_user_model):
    django_user_model.objects.create_user(username="editör", password="x-unchanged-2")

    with pytest.raises(CommandError, match=r"already holds \d+ users.*--yes"):
        call_command("restore", str(small_archive), stdout=io.StringIO())

    assert django_user_model.objects.filter(username="editör").exists()


def test_restore_fails_loudly_when_the_restored_counts_differ_from_the_manifest(
    small_archive, tmp_path
):
    members = _members(small_archive)
    manifest = json.loads(members[MANIFEST])
    manifest["models"]["images.customimage"] += 1
    members[MANIFEST] = json.dumps(manifest).encode()
    lying = _repack(tmp_path / "lying.tar.gz", members)

    with target_database("sqlite", tmp_path) as database_url:
        result = manage("restore", str(lying), database_url=database_url, media_root=tmp_path / "m")

    assert result.returncode != 0
    assert "rows of images.customimage, the archive says" in result.stderr
    assert "Traceback" not in result.stderr


def test_keep_deletes_all_but_the_newest_archives_and_ignores_unfinished_ones(tmp_path):
    tmp_path = tmp_path / "backups"
    tmp_path.mkdir()
    names = [f"muhabir-backup-2026010{day}-030000.tar.gz" for day in range(1, 6)]
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / ".muhabir-backup-20260106-030000.tar.gz.partial").write_bytes(b"x")

    deleted = backups_prune(tmp_path, 2)

    assert [path.name for path in deleted] == names[:3]
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        [*names[3:], ".muhabir-backup-20260106-030000.tar.gz.partial"]
    )


def test_backup_manifest_counts_the_important_models_and_lists_every_file(small_archive):
    members = _members(small_archive)
    manifest = json.loads(members[MANIFEST])

    assert manifest["format_version"] == 1
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["counts"]["images"] == CustomImage.objects.count()
    assert manifest["counts"]["users"] == get_user_model().objects.count()
    assert manifest["counts"]["pages"]["wagtailcore.page"] == Page.objects.count()
    assert "operations" in manifest["migrations"]
    assert set(manifest["files"]) == set(members) - {MANIFEST}
    for name, data in members.items():
        if name != MANIFEST:
            assert manifest["files"][name]["sha256"] == hashlib.sha256(data).hexdigest()


def test_backup_refuses_keep_below_one():
    with pytest.raises(CommandError, match="--keep must be at least 1"):
        call_command("backup", keep=0)
