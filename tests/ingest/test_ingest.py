"""Feeds read from a real local server into draft articles."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation
from wagtail.models import Page

from muhabir.ingest.models import FailureReason, FetchStatus, IngestedItem
from muhabir.ingest.services import feed_source_ingest, feed_sources_ingest
from muhabir.newsroom.models import ArticlePage
from tests.ingest.conftest import ATOM, atom, atom_entry, png_bytes, rss, rss_item

pytestmark = pytest.mark.django_db

PRESS_RELEASE = (
    "<p>Das <strong>Kommunale Integrationszentrum</strong> lädt ein.</p>"
    '<p>Mehr auf <a href="/programm" onclick="steal()">der Seite</a>.</p>'
    "<script>alert('x')</script>"
    "<h3>Termine im Überblick</h3>"
    "<ul><li>Montag</li><li>Dienstag</li></ul>"
    "<blockquote><p>Wir freuen uns auf alle.</p></blockquote>"
    '<p style="color:red">Ende.</p>'
)


def _articles(section):
    return list(ArticlePage.objects.child_of(section).order_by("pk"))


def test_rss_items_become_drafts_in_the_section_with_the_source_named(
    feed_server, make_source, sections
):
    item = rss_item(
        "Kültür gecesi İltis Park'ta",
        guid="tag:duisburg.de,2019:1",
        link="http://example.org/news/kultur-gecesi",
        description="<p>Yıldız Kenter anısına &amp; bir gece.</p>",
        content=PRESS_RELEASE,
    )
    source = make_source(feed_server.serve("/feed.xml", rss(item)), name="Stadt Duisburg")

    report = feed_source_ingest(source=source)

    assert (report.created, report.duplicates, report.error) == (1, 0, None)
    (article,) = _articles(sections["tr"][0])
    assert article.title == "Kültür gecesi İltis Park'ta"
    assert article.slug == "kultur-gecesi-iltis-parkta"
    assert article.locale.language_code == "tr"
    assert not article.live and article.first_published_at is None
    assert article.latest_revision is not None
    assert article.teaser == "Yıldız Kenter anısına & bir gece."
    assert article.editorial_date == dt.datetime(2019, 11, 19, 9, 30, tzinfo=dt.UTC)
    blocks = [(block.block_type, block.value) for block in article.body]
    assert [kind for kind, _value in blocks] == [
        "paragraph",
        "subheading",
        "paragraph",
        "quote",
        "paragraph",
        "paragraph",
    ]
    first = blocks[0][1].source
    assert "<b>Kommunale Integrationszentrum</b>" in first
    assert '<a href="http://example.org/programm">der Seite</a>' in first
    assert "onclick" not in first and "script" not in str(article.body.raw_data)
    assert blocks[1][1] == "Termine im Überblick"
    assert blocks[2][1].source == "<ul><li>Montag</li><li>Dienstag</li></ul>"
    assert blocks[3][1]["text"] == "Wir freuen uns auf alle."
    assert blocks[4][1].source == "<p>Ende.</p>"
    assert blocks[5][1].source.endswith(
        '<a href="http://example.org/news/kultur-gecesi">Stadt Duisburg</a></p>'
    )
    ingested = IngestedItem.objects.get()
    assert (ingested.source, ingested.article_id) == (source, article.pk)
    assert ingested.key == "tag:duisburg.de,2019:1"
    source.refresh_from_db()
    assert source.last_status == FetchStatus.OK
    assert source.items_created_total == 1
    assert source.last_success_at is not None and source.last_error == ""


@pytest.mark.parametrize(("language", "label"), [("tr", "Kaynak:"), ("de", "Quelle:")])
def test_source_line_is_in_the_articles_language(
    feed_server, make_source, sections, language, label
):
    url = feed_server.serve("/feed.xml", rss(rss_item("Haber", guid="1", link="http://e.org/1")))
    source = make_source(url, section=sections[language][1], name="Polizei Duisburg")

    feed_source_ingest(source=source)

    (article,) = _articles(sections[language][1])
    last = article.body[-1].value.source
    assert last == f'<p>{label} <a href="http://e.org/1">Polizei Duisburg</a></p>'


def test_atom_entries_become_drafts(feed_server, make_source, sections):
    entry = atom_entry(
        "Förderung für Vereine",
        id="urn:uuid:1",
        link="http://example.org/foerderung",
        summary="Neue Förderung &amp; Beratung.",
        content="<p>Die <em>Stadt</em> fördert Vereine.</p>",
        updated="2019-11-20T08:00:00Z",
    )
    url = feed_server.serve("/atom.xml", atom(entry), content_type=ATOM)
    source = make_source(url, section=sections["de"][2])

    report = feed_source_ingest(source=source)

    assert report.created == 1
    (article,) = _articles(sections["de"][2])
    assert article.title == "Förderung für Vereine"
    assert article.slug == "foerderung-fuer-vereine"
    assert article.teaser == "Neue Förderung & Beratung."
    assert article.body[0].value.source == "<p>Die <i>Stadt</i> fördert Vereine.</p>"
    assert article.editorial_date == dt.datetime(2019, 11, 20, 8, 0, tzinfo=dt.UTC)
    assert IngestedItem.objects.get().key == "urn:uuid:1"


def test_second_fetch_sends_validators_and_a_304_creates_nothing(
    feed_server, make_source, sections
):
    feed = rss(rss_item("Bir", guid="1", link="http://e.org/1")).encode()
    etag = '"v1"'
    modified = "Tue, 19 Nov 2019 10:00:00 GMT"

    def conditional(handler):
        if (
            handler.headers.get("If-None-Match") == etag
            and handler.headers.get("If-Modified-Since") == modified
        ):
            handler.send_response(304)
            handler.end_headers()
            return
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        handler.send_header("ETag", etag)
        handler.send_header("Last-Modified", modified)
        handler.send_header("Content-Length", str(len(feed)))
        handler.end_headers()
        handler.wfile.write(feed)

    source = make_source(feed_server.serve("/feed.xml", conditional))

    first = feed_source_ingest(source=source)
    source.refresh_from_db()
    assert (source.etag, source.last_modified) == (etag, modified)
    second = feed_source_ingest(source=source)

    assert first.created == 1
    assert second.not_modified and second.created == 0
    first_request, second_request = feed_server.requests_to("/feed.xml")
    assert "If-None-Match" not in first_request
    assert second_request["If-None-Match"] == etag
    assert second_request["User-Agent"] == "Muhabir feed ingest"
    source.refresh_from_db()
    assert source.last_status == FetchStatus.NOT_MODIFIED
    assert ArticlePage.objects.count() == 1


def test_same_guid_twice_in_a_feed_and_again_next_run_makes_one_article(
    feed_server, make_source, sections
):
    items = [
        rss_item("İlk", guid="same", link="http://e.org/a"),
        rss_item("İlk (düzeltilmiş)", guid="same", link="http://e.org/b"),
        rss_item("İkinci", guid="other", link="http://e.org/c"),
    ]
    source = make_source(feed_server.serve("/feed.xml", rss(*items)))

    first = feed_source_ingest(source=source)
    second = feed_source_ingest(source=source)

    assert (first.created, first.duplicates) == (2, 1)
    assert (second.created, second.duplicates) == (0, 3)
    assert [a.title for a in _articles(sections["tr"][0])] == ["İlk", "İkinci"]
    source.refresh_from_db()
    assert source.items_created_total == 2


def test_item_without_guid_is_recognised_by_its_link(feed_server, make_source, sections):
    url = feed_server.serve(
        "/feed.xml", rss(rss_item("Bağlantılı", link="http://e.org/without-guid"))
    )
    source = make_source(url)
    feed_source_ingest(source=source)
    # The publisher edits the title; the link still says it is the same press release.
    feed_server.serve(
        "/feed.xml", rss(rss_item("Bağlantılı (güncel)", link="http://e.org/without-guid"))
    )

    again = feed_source_ingest(source=source)

    assert (again.created, again.duplicates) == (0, 1)
    assert IngestedItem.objects.get().key == "http://e.org/without-guid"
    assert ArticlePage.objects.count() == 1


def test_deleted_article_is_not_imported_again(feed_server, make_source, sections):
    source = make_source(feed_server.serve("/feed.xml", rss(rss_item("Silinen", guid="x"))))
    feed_source_ingest(source=source)
    ArticlePage.objects.get().delete()

    again = feed_source_ingest(source=source)

    assert (again.created, again.duplicates) == (0, 1)
    assert not ArticlePage.objects.exists()
    assert IngestedItem.objects.get().article is None


def test_source_without_review_publishes_at_once(feed_server, make_source, sections):
    url = feed_server.serve("/feed.xml", rss(rss_item("Hemen yayında", guid="1")))
    source = make_source(url, needs_review=False)

    feed_source_ingest(source=source)

    (article,) = _articles(sections["tr"][0])
    assert article.live and article.first_published_at is not None
    assert not article.has_unpublished_changes


def test_enclosure_image_becomes_the_lead_image(feed_server, make_source, sections):
    image_url = feed_server.serve("/media/foto.png", png_bytes(), content_type="image/png")
    item = rss_item(
        "Fotoğraflı haber",
        guid="1",
        extra=f'<enclosure url="{image_url}" type="image/png" length="100"/>',
    )
    source = make_source(feed_server.serve("/feed.xml", rss(item)), name="Stadt Duisburg")

    feed_source_ingest(source=source)

    article = ArticlePage.objects.get()
    assert article.hero_image is not None
    assert article.hero_image.description == "Fotoğraflı haber"
    assert article.hero_image.credit == "Stadt Duisburg"
    assert article.hero_image.file.name.endswith(".png")
    assert (article.hero_image.width, article.hero_image.height) == (40, 30)


def test_first_img_in_the_content_is_used_with_its_alt_text(feed_server, make_source, sections):
    feed_server.serve("/media/bild.png", png_bytes("orange"), content_type="image/png")
    item = rss_item(
        "Bildmeldung",
        guid="1",
        link=feed_server.url("/news/1"),
        content='<p><img src="/media/bild.png" alt="Der Bürgermeister am Rednerpult"> Text.</p>',
    )
    source = make_source(feed_server.serve("/feed.xml", rss(item)), section=sections["de"][0])

    feed_source_ingest(source=source)

    article = ArticlePage.objects.get()
    assert article.hero_image.description == "Der Bürgermeister am Rednerpult"
    assert "<img" not in str(article.body.raw_data)


@pytest.mark.parametrize(
    ("path", "body", "content_type"),
    [
        ("/missing.png", None, "image/png"),
        ("/page.png", b"<html>not an image</html>", "text/html"),
        ("/broken.png", b"\x89PNG not really", "image/png"),
    ],
)
def test_failing_image_is_a_warning_and_the_article_is_made(
    feed_server, make_source, sections, path, body, content_type
):
    if body is not None:
        feed_server.serve(path, body, content_type=content_type)
    item = rss_item(
        "Resimsiz kaldı",
        guid="1",
        extra=f'<enclosure url="{feed_server.url(path)}" type="image/png"/>',
    )
    source = make_source(feed_server.serve("/feed.xml", rss(item)))

    report = feed_source_ingest(source=source)

    assert report.created == 1 and not report.failed
    assert len(report.warnings) == 1 and path in report.warnings[0]
    assert ArticlePage.objects.get().hero_image is None


def test_image_larger_than_the_cap_is_skipped(feed_server, make_source, sections):
    big = png_bytes() + b"\0" * 5000
    image_url = feed_server.serve("/big.png", big, content_type="image/png")
    enclosure = f'<enclosure url="{image_url}" type="image/png"/>'
    item = rss_item("Büyük resim", guid="1", extra=enclosure)
    source = make_source(feed_server.serve("/feed.xml", rss(item)))

    report = feed_source_ingest(source=source, max_bytes=4000)

    assert report.created == 1
    assert "limit of 4000 bytes" in report.warnings[0]
    assert ArticlePage.objects.get().hero_image is None


def test_one_broken_item_does_not_cost_the_others(feed_server, make_source, sections, monkeypatch):
    from muhabir.ingest import services

    original = services._article_create

    def fail_on_second(source, item, downloaded):
        if item.key == "2":
            raise RuntimeError("disk full")
        return original(source, item, downloaded)

    monkeypatch.setattr(services, "_article_create", fail_on_second)
    items = [rss_item(f"Haber {n}", guid=str(n)) for n in (1, 2, 3)]
    feed = rss(*items)
    source = make_source(feed_server.serve("/feed.xml", feed, headers={"ETag": '"e1"'}), etag="")

    report = feed_source_ingest(source=source)

    assert report.created == 2
    assert report.failed_items == ["Haber 2: disk full"]
    assert sorted(IngestedItem.objects.values_list("key", flat=True)) == ["1", "3"]
    source.refresh_from_db()
    assert source.last_status == FetchStatus.FAILED
    assert source.last_error_reason == FailureReason.ITEMS_FAILED
    assert "Haber 2: disk full" in source.last_error
    # No validators kept: the next run fetches the feed again and retries the failed item.
    assert source.etag == ""
    monkeypatch.setattr(services, "_article_create", original)
    retry = feed_source_ingest(source=source)
    assert (retry.created, retry.duplicates) == (1, 2)
    source.refresh_from_db()
    assert source.last_status == FetchStatus.OK and source.etag == '"e1"'


def test_failing_source_is_recorded_and_the_others_still_run(
    feed_server, make_source, sections, caplog
):
    broken = make_source(feed_server.serve("/500.xml", "oops", status=500), name="Kaputt")
    fine = make_source(feed_server.serve("/ok.xml", rss(rss_item("Sağlam", guid="1"))))

    reports = feed_sources_ingest()

    assert [r.source.pk for r in reports] == [broken.pk, fine.pk]
    assert reports[0].error.reason == FailureReason.HTTP_ERROR
    assert reports[1].created == 1
    broken.refresh_from_db()
    assert broken.last_status == FetchStatus.FAILED
    assert broken.last_fetched_at is not None and broken.last_success_at is None
    # Editors see the reason; the status line, which could map ports, is in the log only.
    assert broken.last_error == ""
    with translation.override("en"):
        assert broken.status_display() == "The server answered with an error"
    assert "HTTP 500 Internal Server Error" in caplog.text


def test_unexpected_error_in_one_source_does_not_stop_the_others(
    feed_server, make_source, sections, monkeypatch
):
    from muhabir.ingest import services

    first = make_source(feed_server.serve("/a.xml", rss(rss_item("Bir", guid="1"))))
    second = make_source(feed_server.serve("/b.xml", rss(rss_item("İki", guid="2"))))
    original = services._new_items

    def broken_for_first(source, items, report):
        if source.pk == first.pk:
            raise KeyError("surprise")
        return original(source, items, report)

    monkeypatch.setattr(services, "_new_items", broken_for_first)

    reports = feed_sources_ingest()

    assert reports[0].error.reason == FailureReason.UNEXPECTED
    assert reports[0].error.detail == "KeyError: 'surprise'"
    assert (reports[1].source, reports[1].created) == (second, 1)
    first.refresh_from_db()
    assert first.last_error_reason == FailureReason.UNEXPECTED


def test_failure_is_cleared_by_the_next_good_fetch(feed_server, make_source, sections):
    url = feed_server.serve("/feed.xml", "<rss><channel><title>x</rss>", content_type="text/xml")
    source = make_source(url)
    feed_source_ingest(source=source)
    source.refresh_from_db()
    assert source.last_error_reason == FailureReason.INVALID_FEED

    feed_server.serve("/feed.xml", rss(rss_item("Düzeldi", guid="1")))
    feed_source_ingest(source=source)

    source.refresh_from_db()
    assert (source.last_status, source.last_error_reason, source.last_error) == (
        FetchStatus.OK,
        "",
        "",
    )


@pytest.mark.parametrize(
    ("body", "content_type", "reason", "detail"),
    [
        (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>x</channel>',
            "application/rss+xml",
            "invalid_feed",
            "mismatched tag",
        ),
        ("this is not xml at all", "text/xml", "invalid_feed", "valid"),
        ("<html><body>Hi</body></html>", "text/html; charset=utf-8", "content_type", "text/html"),
        ('{"items": []}', "application/json", "content_type", "application/json"),
    ],
)
def test_invalid_feeds_fail_with_the_reason(
    feed_server, make_source, sections, body, content_type, reason, detail
):
    source = make_source(feed_server.serve("/feed", body, content_type=content_type))

    report = feed_source_ingest(source=source)

    assert report.error.reason == reason and detail in report.error.detail
    assert not ArticlePage.objects.exists()
    source.refresh_from_db()
    assert source.last_error_reason == reason


def test_items_of_a_feed_with_an_xml_error_are_taken_with_a_warning(
    feed_server, make_source, sections
):
    feed = rss(rss_item("A &amp B", guid="1"), rss_item("Unescaped & ampersand", guid="2"))
    source = make_source(feed_server.serve("/feed.xml", feed))

    report = feed_source_ingest(source=source)

    assert report.created == 2
    assert len(report.warnings) == 1
    assert report.warnings[0].startswith("the feed is not well-formed:")
    assert "invalid token" in report.warnings[0]
    titles = sorted(ArticlePage.objects.values_list("title", flat=True))
    assert titles == ["A & B", "Unescaped & ampersand"]


def test_empty_item_of_a_truncated_feed_is_a_failed_item(feed_server, make_source, sections):
    source = make_source(feed_server.serve("/feed.xml", "<rss><channel><item>"))

    report = feed_source_ingest(source=source)

    assert report.created == 0
    assert report.failed_items[0].endswith("the item has no title, text or link")
    assert not ArticlePage.objects.exists()


def test_huge_feed_is_refused(feed_server, make_source, sections):
    items = [rss_item(f"Haber {n}", guid=str(n), description="x" * 500) for n in range(20)]
    source = make_source(feed_server.serve("/feed.xml", rss(*items)))

    report = feed_source_ingest(source=source, max_bytes=2000)

    assert report.error.reason == FailureReason.TOO_LARGE
    assert not ArticlePage.objects.exists()


def test_slow_server_times_out(feed_server, make_source, sections):
    def slow(handler):
        feed_server.release.wait(10)

    source = make_source(feed_server.serve("/slow.xml", slow))

    report = feed_source_ingest(source=source, timeout=0.2)

    assert report.error.reason == FailureReason.TIMEOUT
    assert "0.2 seconds" in report.error.detail


def test_source_without_section_fails_without_fetching(feed_server, make_source, sections):
    source = make_source(feed_server.serve("/feed.xml", rss()))
    Page.objects.get(pk=source.section_id).delete()
    source.refresh_from_db()

    report = feed_source_ingest(source=source)

    assert report.error.reason == FailureReason.NO_SECTION
    assert feed_server.requests == []


def test_dry_run_counts_but_writes_nothing(feed_server, make_source, sections):
    source = make_source(feed_server.serve("/feed.xml", rss(rss_item("Deneme", guid="1"))))

    report = feed_source_ingest(source=source, dry_run=True)

    assert report.created == 1
    assert not ArticlePage.objects.exists() and not IngestedItem.objects.exists()
    source.refresh_from_db()
    assert source.last_status == FetchStatus.NEVER


def test_inactive_sources_are_not_fetched(feed_server, make_source, sections):
    make_source(feed_server.serve("/feed.xml", rss(rss_item("Pasif", guid="1"))), active=False)

    assert feed_sources_ingest() == []
    assert feed_server.requests == []
