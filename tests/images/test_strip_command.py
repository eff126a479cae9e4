"""``strip_image_metadata`` cleans images stored before uploads were stripped."""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command

from muhabir.images.models import CustomImage, CustomRendition
from muhabir.images.renditions import ARTICLE_FILTERS
from tests.images.test_metadata import assert_clean, camera_jpeg, sha1, stored

pytestmark = pytest.mark.django_db


@pytest.fixture
def old_image(make_image):
    """An image whose file (and a rendition of it) still has its camera's EXIF."""
    image = make_image()
    storage = image.file.storage
    storage.delete(image.file.name)
    storage.save(image.file.name, ContentFile(camera_jpeg()))
    CustomImage.objects.filter(pk=image.pk).update(width=60, height=40, file_hash="")
    image = CustomImage.objects.get(pk=image.pk)
    rendition = image.get_rendition("width-30")
    with rendition.file.open("rb") as handle:
        assert b"Fairphone" in handle.read()
    return image


def run(*args: str) -> str:
    output = io.StringIO()
    call_command("strip_image_metadata", *args, stdout=output)
    return output.getvalue()


def test_dry_run_counts_and_changes_nothing(old_image):
    before = stored(old_image)
    assert run("--dry-run") == "Dry run: would strip metadata from 1 of 1 images.\n"
    assert stored(CustomImage.objects.get(pk=old_image.pk)) == before


def test_command_strips_originals_and_remakes_their_renditions(
    old_image, django_capture_on_commit_callbacks
):
    old_name = old_image.file.name
    old_rendition = old_image.renditions.get()
    storage = old_image.file.storage

    with django_capture_on_commit_callbacks(execute=True):
        assert run() == "Stripped metadata from 1 of 1 images.\n"

    image = CustomImage.objects.get(pk=old_image.pk)
    data = stored(image)
    assert_clean(data)
    assert image.file_hash == sha1(data)
    assert image.file_size == len(data)
    assert not storage.exists(old_name)
    assert not storage.exists(old_rendition.file.name)
    renditions = CustomRendition.objects.filter(image=image)
    assert sorted(renditions.values_list("filter_spec", flat=True)) == sorted(ARTICLE_FILTERS)
    for rendition in renditions:
        with rendition.file.open("rb") as handle:
            assert_clean(handle.read())


def test_second_run_changes_nothing(old_image, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run()
    assert run() == "Stripped metadata from 0 of 1 images.\n"
