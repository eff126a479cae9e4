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
