"""The command's progress bar and its final report."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_progress_bar_only_when_asked_or_on_a_terminal(home_tr, home_de, run_import, capsys):
    run_import("mixed.xml")
    assert capsys.readouterr().err == ""
    run_import("mixed.xml", "--progress", "--dry-run")
    err = capsys.readouterr().err
    assert "4/4 100%" in err
    assert "ETA" in err


def test_report_names_each_count(home_tr, home_de, run_import):
    output = run_import("mixed.xml")
    for label in ("created:", "updated:", "skipped:", "redirects:", "images:", "warnings:"):
        assert label in output


def test_other_time_zone_changes_floating_dates(home_tr, home_de, run_import):
    from muhabir.newsroom.models import ArticlePage
    from muhabir.wordpress.models import ImportedItem

    run_import("site.xml", "--timezone", "Europe/Istanbul")
    page = ArticlePage.objects.get(pk=ImportedItem.objects.get(key="101").page_id)
    # 03:30 in Istanbul (UTC+3 all year) is 00:30 UTC.
    assert page.editorial_date.isoformat() == "2019-03-31T00:30:00+00:00"


def test_unknown_time_zone_is_refused(home_tr, run_import):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="unknown time zone"):
        run_import("mixed.xml", "--timezone", "Mars/Olympus")


def test_the_newest_articles_photos_are_ready_for_the_first_reader(
    home_tr, home_de, run_import, uploads
):
    from wagtail.images import get_image_model

    from muhabir.images.renditions import ARTICLE_FILTERS

    output = run_import("site.xml", "--media-dir", str(uploads))

    assert "Renditions: made for" in output
    Rendition = get_image_model().get_rendition_model()
    images = get_image_model().objects.all()
    assert images.exists()
    assert Rendition.objects.filter(image__in=images).count() >= len(ARTICLE_FILTERS)


def test_prepare_renditions_makes_what_is_missing_and_can_run_again(
    home_tr, home_de, run_import, uploads
):
    import io

    from django.core.management import call_command
    from wagtail.images import get_image_model

    run_import("site.xml", "--media-dir", str(uploads))
    Rendition = get_image_model().get_rendition_model()
    made = Rendition.objects.count()
    Rendition.objects.all().delete()

    output = io.StringIO()
    call_command("prepare_renditions", stdout=output)
    assert Rendition.objects.count() == made
    call_command("prepare_renditions", "--limit", "1", stdout=output)
    assert Rendition.objects.count() == made
    assert "Renditions:" in output.getvalue()
