"""`manage.py ingest_feeds`: a line per source, failures on stderr, exit code 0."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from muhabir.newsroom.models import ArticlePage
from tests.ingest.conftest import rss, rss_item

pytestmark = pytest.mark.django_db


def _run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("ingest_feeds", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_one_line_per_source_and_failures_on_stderr(feed_server, make_source, sections):
    good = make_source(
        feed_server.serve("/good.xml", rss(rss_item("Bir", guid="1"), rss_item("Bir", guid="1"))),
        name="Stadt Duisburg",
    )
    bad_url = feed_server.serve("/bad.xml", "<html/>", content_type="text/html")
    bad = make_source(bad_url, name="AWO")

    out, err = _run()

    assert f"Stadt Duisburg (#{good.pk}): 1 new, 1 duplicates skipped" in out
    assert err.strip() == (
        f"AWO (#{bad.pk}): failed (content_type): content type text/html is not a feed"
    )
    assert "2 sources fetched, 1 articles created, 1 with errors." in out


def test_not_modified_is_reported(feed_server, make_source, sections):
    def not_modified(handler):
        handler.send_response(304)
        handler.end_headers()

    source = make_source(feed_server.serve("/feed.xml", not_modified), etag='"x"')

    out, err = _run()

    assert f"(#{source.pk}): not modified" in out and err == ""


def test_source_option_runs_only_that_source_even_if_inactive(feed_server, make_source, sections):
    other = make_source(feed_server.serve("/other.xml", rss(rss_item("Öteki", guid="1"))))
    chosen = make_source(
        feed_server.serve("/chosen.xml", rss(rss_item("Seçilen", guid="1"))), active=False
    )

    out, _err = _run("--source", str(chosen.pk))

    assert [a.title for a in ArticlePage.objects.all()] == ["Seçilen"]
    assert f"#{other.pk}" not in out


def test_timeout_and_cap_options_reach_the_fetch(feed_server, make_source, sections):
    def slow(handler):
        feed_server.release.wait(10)

    make_source(feed_server.serve("/slow.xml", slow), name="Yavaş")
    make_source(feed_server.serve("/big.xml", rss(rss_item("x" * 3000, guid="1"))), name="Büyük")

    _out, err = _run("--timeout", "0.2", "--max-bytes", "2000")

    assert "Yavaş" in err and "(timeout): no complete answer within 0.2 seconds" in err
    assert "Büyük" in err and "(too_large)" in err


def test_image_warning_goes_to_stderr_and_the_article_is_made(feed_server, make_source, sections):
    item = rss_item("Resim yok", guid="1", extra=f'<enclosure url="{feed_server.url("/x.jpg")}"/>')
    source = make_source(feed_server.serve("/feed.xml", rss(item)), name="Belediye")

    out, err = _run()

    assert f"Belediye (#{source.pk}): 1 new" in out
    assert "image skipped" in err and "HTTP 404" in err
    assert ArticlePage.objects.count() == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--source", "999"], "No feed source with ID 999."),
        (["--timeout", "0"], "--timeout must be more than 0 seconds."),
        (["--max-bytes", "0"], "--max-bytes must be at least 1."),
    ],
)
def test_bad_options_stop_with_a_clear_message(db, args, message):
    with pytest.raises(CommandError, match=f"^{message}$"):
        _run(*args)


def test_dry_run_creates_nothing(feed_server, make_source, sections):
    make_source(feed_server.serve("/feed.xml", rss(rss_item("Deneme", guid="1"))))

    out, _err = _run("--dry-run")

    assert "[dry run]" in out and "1 new" in out
    assert not ArticlePage.objects.exists()
