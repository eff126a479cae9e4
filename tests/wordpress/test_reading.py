"""The pieces: reading WXR, dates across the DST change, wpautop, captions and credits."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from muhabir.wordpress.content import convert, split_credit, wpautop
from muhabir.wordpress.language import detect_language
from muhabir.wordpress.media import original_candidates, upload_path
from muhabir.wordpress.wxr import Channel, Item, Term, WxrError, parse_date, read_wxr
from tests.wordpress.conftest import DATA

BERLIN = ZoneInfo("Europe/Berlin")


def test_reads_channel_terms_and_items_of_wxr_1_2():
    entries = list(read_wxr(DATA / "site.xml"))
    channel = next(e for e in entries if isinstance(e, Channel))
    assert channel.wxr_version == "1.2"
    assert channel.site_url == "https://eski.example.com"
    terms = {e.slug: e for e in entries if isinstance(e, Term)}
    assert terms["magazin-kultur"].name == "Magazin & Kültür"
    assert terms["konser"].parent == "magazin-kultur"
    items = [e for e in entries if isinstance(e, Item)]
    post = next(i for i in items if i.wp_id == "100")
    assert post.meta["_thumbnail_id"] == "10"
    assert post.sticky
    assert "[caption" in post.content


@pytest.mark.parametrize("version", ["1.0", "1.1", "1.2"])
def test_every_wxr_namespace_is_recognised(tmp_path, version):
    path = tmp_path / "export.xml"
    path.write_text(
        f'<rss xmlns:wp="http://wordpress.org/export/{version}/" '
        f'xmlns:excerpt="http://wordpress.org/export/{version}/excerpt/">'
        "<channel><link>https://x.example</link><item><wp:post_id>7</wp:post_id>"
        "<wp:post_type>post</wp:post_type><excerpt:encoded>Kurz</excerpt:encoded>"
        "</item></channel></rss>"
    )
    entries = list(read_wxr(path))
    assert entries[0].wxr_version == version
    assert entries[1].wp_id == "7"
    assert entries[1].excerpt == "Kurz"


def test_truncated_file_names_the_line():
    with pytest.raises(WxrError, match="line 210"):
        list(read_wxr(DATA / "truncated.xml"))


def _item(gmt: str, local: str) -> Item:
    return Item(wp_id="1", post_type="post", status="draft", post_date=local, post_date_gmt=gmt)


def test_gmt_date_is_the_truth():
    date = parse_date(_item("2019-11-19 09:00:00", "2019-11-19 10:00:00"), BERLIN)
    assert date == dt.datetime(2019, 11, 19, 9, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("local", "utc"),
    [
        # Spring forward, 31 March 2019: 02:00 CET becomes 03:00 CEST.
        ("2019-03-31 01:59:00", dt.datetime(2019, 3, 31, 0, 59, tzinfo=dt.UTC)),
        ("2019-03-31 03:00:00", dt.datetime(2019, 3, 31, 1, 0, tzinfo=dt.UTC)),
        # Fall back, 27 October 2019.
        ("2019-10-27 01:30:00", dt.datetime(2019, 10, 26, 23, 30, tzinfo=dt.UTC)),
        ("2019-10-27 03:30:00", dt.datetime(2019, 10, 27, 2, 30, tzinfo=dt.UTC)),
    ],
)
def test_floating_draft_date_is_read_in_the_site_zone_across_dst(local, utc):
    assert parse_date(_item("0000-00-00 00:00:00", local), BERLIN) == utc


def test_no_date_at_all():
    assert parse_date(_item("0000-00-00 00:00:00", "0000-00-00 00:00:00"), BERLIN) is None


def test_wpautop_blank_line_is_a_paragraph_and_newline_a_break():
    result = wpautop("Eins\nzwei\n\nDrei")
    assert result == "<p>Eins<br />\nzwei</p>\n<p>Drei</p>"


def test_wpautop_leaves_block_elements_alone():
    result = wpautop("Text\n<h2>Titel</h2>\nMehr")
    assert "<p>Text</p>" in result
    assert "<h2>Titel</h2>" in result
    assert "<p>Mehr</p>" in result


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        ("Çay bahçesi. Foto: Ilgın Şahin", ("Çay bahçesi.", "Foto: Ilgın Şahin")),
        ("Rathaus (Bild: Stadt Duisburg)", ("Rathaus", "Bild: Stadt Duisburg")),
        ("Konser — Fotoğraf: AA", ("Konser", "Fotoğraf: AA")),
        ("Mosque in Cologne. Photo: J. Doe", ("Mosque in Cologne.", "Photo: J. Doe")),
        ("Kiosk © dpa", ("Kiosk", "© dpa")),
        ("Fotomontage der Redaktion", ("Fotomontage der Redaktion", "")),
    ],
)
def test_credit_is_split_from_the_caption(caption, expected):
    assert split_credit(caption) == expected


def test_size_reference_resolves_to_the_original():
    assert upload_path("https://s.example/wp-content/uploads/2019/11/foto-300x225.jpg") == (
        "2019/11/foto-300x225.jpg"
    )
    assert upload_path("https://s.example/wp-content/uploads/sites/3/2019/11/a.jpg") == (
        "2019/11/a.jpg"
    )
    assert upload_path("https://s.example/2019/11/a.jpg") == ""
    candidates = original_candidates("2019/11/foto-300x225.jpg")
    assert candidates.index("2019/11/foto.jpg") < candidates.index("2019/11/foto-300x225.jpg")


def test_cleaning_removes_scripts_handlers_and_styles():
    blocks = convert('<p style="x" onmouseover="y()">Hallo <script>bad()</script><em>Welt</em></p>')
    assert blocks.blocks == [("paragraph", "<p>Hallo <i>Welt</i></p>")]


def test_other_shortcodes_are_reported_and_kept():
    result = convert('Vor\n\n[gallery ids="1,2,3"]\n\nNach [sic] Ende')
    assert result.shortcodes == {"gallery"}
    assert any("[gallery" in str(value) for _kind, value in result.blocks)


def test_vimeo_iframe_becomes_a_link():
    result = convert('<iframe src="https://player.vimeo.com/video/123456"></iframe>')
    assert result.blocks == [
        ("paragraph", '<p><a href="https://vimeo.com/123456">https://vimeo.com/123456</a></p>')
    ]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Duisburg'da yeni bir çay bahçesi açıldı ve mahalle sakinleri çok memnun.", "tr"),
        ("In Duisburg hat ein neuer Teegarten eröffnet, die Nachbarn freuen sich.", "de"),
        ("A new tea garden opened in Duisburg and the neighbours are very happy.", "en"),
        ("Kurz.", None),
    ],
)
def test_language_detection(text, language):
    assert detect_language(text) == language


@pytest.mark.parametrize(
    "content",
    [
        '<!-- wp:paragraph --><p>Bak <iframe src="https://kotu.example/x"></iframe> şimdi</p>',
        '<!-- wp:list --><ul><li>Bak <iframe src="https://kotu.example/x"></iframe></li></ul>',
        '<!-- wp:paragraph --><p><b>Bak <iframe src="https://kotu.example/x"></iframe></b></p>',
    ],
)
def test_a_frame_inside_a_paragraph_or_list_is_dropped_with_a_warning(content):
    result = convert(content)
    markup = "".join(str(value) for _kind, value in result.blocks)
    assert "iframe" not in markup and "kotu.example" not in markup
    assert "Bak" in markup
    assert result.warnings == ["embedded frame dropped: https://kotu.example/x"]


def test_a_known_providers_frame_inside_a_paragraph_becomes_a_link():
    result = convert(
        '<!-- wp:paragraph --><p>İzle: <iframe src="https://player.vimeo.com/video/123456">'
        "</iframe></p>"
    )
    assert result.blocks == [
        (
            "paragraph",
            '<p>İzle: <a href="https://vimeo.com/123456">https://vimeo.com/123456</a></p>',
        )
    ]


@pytest.mark.parametrize(
    "href",
    ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "java&#9;script:x",
     "data:text/html,<script>alert(1)</script>", "vbscript:x", "ftp://example.org/", "#oben",
     "sms:+49123"],
)  # fmt: skip
def test_links_other_than_web_mail_and_phone_lose_their_address(href):
    (block,) = convert(f'<p>Bir <a href="{href}">bağlantı</a>.</p>').blocks
    assert block == ("paragraph", "<p>Bir bağlantı.</p>")


def test_relative_links_lead_to_the_old_site():
    (block,) = convert(
        '<p><a href="/2019/11/yazi/">eski</a></p>', base_url="https://eski.example.com"
    ).blocks
    assert block == (
        "paragraph",
        '<p><a href="https://eski.example.com/2019/11/yazi/">eski</a></p>',
    )
