"""The corpus of script-injection vectors through every way text reaches a public page.

Rich text and plain fields written in the admin, a WordPress export, a press-release
feed, readers' proposals and a directory CSV file: afterwards the pages that show the
text hold nothing that would run (``runnable_markup``), apart from the site's own
script files. The browser test in tests/browser/test_xss.py opens such pages and
watches for a script that runs.
"""

from __future__ import annotations

import io
import json
from xml.sax.saxutils import escape as xml_escape

import pytest
from django.core.management import call_command
from django.urls import reverse

from muhabir.directory.models import Event, Place
from muhabir.directory.views.common import entry_url, event_url
from muhabir.ingest.services import feed_source_ingest
from muhabir.newsroom.models import ArticlePage
from tests.directory.conftest import directory_pages  # noqa: F401 - the directory's pages
from tests.factories import ArticlePageFactory
from tests.ingest.conftest import feed_server, make_source, rss, rss_item  # noqa: F401
from tests.newsroom.admin_forms import article_form
from tests.security.xss import VECTORS, own_script_sources, runnable_markup

pytestmark = pytest.mark.django_db


def assert_inert(client, *urls: str) -> None:
    own = own_script_sources(client.get("/tr/", follow=True).content.decode())
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert runnable_markup(response.content.decode(), own_scripts=own) == [], url


def test_corpus_is_large_enough_to_mean_something():
    assert len(VECTORS) >= 40
    assert len(set(VECTORS)) == len(VECTORS)


def test_checker_finds_each_vector_in_raw_markup():
    """The checker sees each vector inserted raw, except those aimed at filters, not browsers."""
    inert_as_text = {
        "javascript:alert(1)",
        # Runs only after a filter that removes "<script>" once has rebuilt it.
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "{{ request.user }}{% debug %}<script>alert(1)</script>",
    }
    for vector in VECTORS:
        if vector in inert_as_text:
            continue
        page = f"<html><body><main>{vector}</main></body></html>"
        assert runnable_markup(page) or "<style>" in vector or "<noscript>" in vector, vector


def contentstate(paragraphs: list[str], links: list[str]) -> str:
    """Draftail's value: the vectors typed as text, and links whose address is a vector."""
    blocks = [
        {"key": f"p{i}", "type": "unstyled", "depth": 0, "text": text,
         "inlineStyleRanges": [], "entityRanges": [], "data": {}}
        for i, text in enumerate(paragraphs)
    ] + [
        {"key": f"l{i}", "type": "unstyled", "depth": 0, "text": "bağlantı",
         "inlineStyleRanges": [], "entityRanges": [{"offset": 0, "length": 8, "key": i}],
         "data": {}}
        for i in range(len(links))
    ]  # fmt: skip
    entities = {
        str(i): {"type": "LINK", "mutability": "MUTABLE", "data": {"url": url}}
        for i, url in enumerate(links)
    }
    return json.dumps({"blocks": blocks, "entityMap": entities})


LINK_VECTORS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
]


def test_rich_text_and_plain_fields_written_in_the_admin(editor_client, client, sections):
    section = sections["tr"][0]
    add = reverse("wagtailadmin_pages:add", args=["newsroom", "articlepage", section.pk])
    data = article_form(
        title=f"Başlık {VECTORS[0]}",
        slug="xss-zengin-metin",
        teaser=" ".join(VECTORS[:10]),
        action="publish",
    )
    data["body-0-value"] = contentstate(VECTORS, LINK_VECTORS)
    data.update(
        kicker=VECTORS[1][:60],
        subtitle=VECTORS[2],
        hero_caption=VECTORS[3],
        hero_credit=VECTORS[4],
        tags=", ".join(v[:90] for v in VECTORS[5:12]),
    )

    response = editor_client.post(add, data)

    assert response.status_code == 302, response.context and response.context["form"].errors
    article = ArticlePage.objects.get(slug="xss-zengin-metin")
    assert article.live
    assert_inert(client, article.url, section.url, "/tr/", "/tr/ara/?q=Ba%C5%9Fl%C4%B1k")


@pytest.mark.parametrize("vector", VECTORS)
def test_each_vector_as_title_and_teaser(client, sections, vector):
    section = sections["de"][0]
    article = ArticlePageFactory(parent=section, title=f"Titel {vector}", teaser=vector)

    assert_inert(client, article.url, section.url, "/de/")


def test_wordpress_export(client, sections, tmp_path):
    content = "\n".join(f"<p>{vector}</p>" for vector in VECTORS)
    export = tmp_path / "export.xml"
    export.write_text(
        f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Eski site</title><link>https://eski.example.com</link>
<language>tr-TR</language><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://eski.example.com</wp:base_site_url>
<wp:base_blog_url>https://eski.example.com</wp:base_blog_url>
<item><title>{xml_escape("Saldırı " + VECTORS[0])}</title>
<link>https://eski.example.com/2019/11/saldiri/</link>
<guid isPermaLink="false">https://eski.example.com/?p=900</guid>
<content:encoded><![CDATA[{content}]]></content:encoded>
<excerpt:encoded><![CDATA[{VECTORS[1]}]]></excerpt:encoded>
<wp:post_id>900</wp:post_id><wp:post_date_gmt>2019-11-20 09:00:00</wp:post_date_gmt>
<wp:post_name>saldiri</wp:post_name><wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type></item>
</channel></rss>""",
        encoding="utf-8",
    )

    call_command("import_wordpress", str(export), "--language", "tr", stdout=io.StringIO())

    article = ArticlePage.objects.get(slug="saldiri")
    assert article.live
    assert_inert(client, article.url, article.get_parent().url, "/tr/")


def test_press_release_feed(client, feed_server, make_source, sections):  # noqa: F811
    content = "".join(f"<p>{vector}</p>" for vector in VECTORS)
    item = rss_item(
        xml_escape("Basın bülteni " + VECTORS[0]),
        guid="xss-1",
        link="javascript:alert(1)",
        description=VECTORS[1],
        content=content,
    )
    source = make_source(feed_server.serve("/feed.xml", rss(item)), needs_review=False)

    assert feed_source_ingest(source=source).created == 1

    article = ArticlePage.objects.get()
    assert article.live
    assert_inert(client, article.url, article.get_parent().url)


def test_readers_proposal_published_by_an_editor(client, directory_pages):  # noqa: F811
    url = "/tr/rehber/oner/event/"
    data = {
        "title": f"Etkinlik {VECTORS[0]}"[:200],
        "start": "01.05.2030 19:00",
        "end": "",
        "venue_name": VECTORS[1],
        "street": VECTORS[5][:100],
        "postcode": "47051",
        "city": "Duisburg",
        "organiser_name": VECTORS[2],
        "price": VECTORS[6][:100],
        "description": "\n".join(VECTORS),
        "title_other": VECTORS[7][:200],
        "description_other": "\n".join(VECTORS[:20]),
        "submitter_name": VECTORS[3][:100],
        "submitter_email": "okur@example.org",
        "homepage": "",
    }

    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    event = Event.objects.get()
    event.save_revision().publish()
    pages = directory_pages
    assert_inert(client, event_url(pages["tr"], event), event_url(pages["de"], event))


def test_directory_csv_import(client, directory_pages, tmp_path):  # noqa: F811
    rows = [
        "name;category;street;postcode;city;website;description_tr;description_de;live",
        ";".join(
            [
                f'"Çay bahçesi {VECTORS[0]}"',
                "tea-garden",
                '"Ruhrorter Str. 1"',
                "47059",
                "Duisburg",
                "https://cay.example.org/",
                '"' + " ".join(VECTORS[:20]).replace('"', '""') + '"',
                '"' + " ".join(VECTORS[20:]).replace('"', '""') + '"',
                "true",
            ]
        ),
    ]
    path = tmp_path / "places.csv"
    path.write_text("\n".join(rows), encoding="utf-8")

    call_command("directory_import", "places", str(path), stdout=io.StringIO())

    place = Place.objects.get()
    assert place.live
    pages = directory_pages
    assert_inert(
        client,
        entry_url(pages["tr"], "places", place),
        entry_url(pages["de"], "places", place),
        "/tr/rehber/",
    )
