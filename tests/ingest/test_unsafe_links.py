"""A feed's links and pictures reach a public page only as http(s) (and mailto) addresses."""

from __future__ import annotations

import pytest

from muhabir.core.links import link_scheme
from muhabir.images.models import CustomImage
from muhabir.ingest.images import image_candidate
from muhabir.ingest.models import IngestedItem
from muhabir.ingest.services import feed_source_ingest
from muhabir.newsroom.models import ArticlePage
from tests.helpers import soup
from tests.ingest.conftest import atom, atom_entry, rss, rss_item

# As they stand in the feed's XML: the parser decodes the entities.
LINK_PAYLOADS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java&#9;script:alert(1)",
    "&#106;avascript:alert(1)",
    " &#10;javascript:alert(1)",
    "data:text/html,%3Cscript%3Ealert(1)%3C/script%3E",
    "vbscript:msgbox(1)",
]
SAFE_SCHEMES = {"", "http", "https", "mailto"}


def _public_hrefs(client, article: ArticlePage) -> list[str]:
    response = client.get(article.url)
    assert response.status_code == 200
    return [link["href"] for link in soup(response).select("main a[href]")]


@pytest.mark.parametrize("link", LINK_PAYLOADS)
def test_item_link_that_is_not_a_web_address_is_no_source_link(
    client, feed_server, make_source, sections, link
):
    item = rss_item("Kötü bağlantı", guid="1", link=link, description="Metin.")
    source = make_source(feed_server.serve("/feed.xml", rss(item)), needs_review=False)

    report = feed_source_ingest(source=source)

    assert report.created == 1
    article = ArticlePage.objects.get()
    hrefs = _public_hrefs(client, article)
    assert {link_scheme(href) for href in hrefs} <= SAFE_SCHEMES
    assert "alert" not in " ".join(hrefs) and "msgbox" not in " ".join(hrefs)
    assert link_scheme(IngestedItem.objects.get().link) in {"", "http", "https"}


def test_atom_link_that_is_not_a_web_address_is_no_source_link(
    client, feed_server, make_source, sections
):
    entry = atom_entry("Kötü", id="urn:1", link="JaVaScRiPt:alert(1)", summary="Metin.")
    source = make_source(
        feed_server.serve("/atom.xml", atom(entry), content_type="application/atom+xml"),
        needs_review=False,
    )

    feed_source_ingest(source=source)

    hrefs = _public_hrefs(client, ArticlePage.objects.get())
    assert {link_scheme(href) for href in hrefs} <= SAFE_SCHEMES


def test_web_link_of_an_item_is_its_source_link(client, feed_server, make_source, sections):
    item = rss_item("İyi", guid="1", link="https://www.duisburg.de/presse/1", description="x")
    source = make_source(feed_server.serve("/feed.xml", rss(item)), needs_review=False)

    feed_source_ingest(source=source)

    assert "https://www.duisburg.de/presse/1" in _public_hrefs(client, ArticlePage.objects.get())


def test_links_in_the_body_keep_their_words_but_not_an_unsafe_address(
    client, feed_server, make_source, sections
):
    content = (
        '<p><a href="java&#9;script:alert(1)">bir</a> <a href="&#106;avascript:alert(2)">iki</a>'
        ' <a href="JAVASCRIPT:alert(3)">üç</a> <a href="vbscript:msgbox(4)">dört</a>'
        ' <a href="data:text/html,x">beş</a> <a href="https://nrw.example/">altı</a></p>'
    )
    item = rss_item("Gövde", guid="1", link="https://nrw.example/1", content=content)
    source = make_source(feed_server.serve("/feed.xml", rss(item)), needs_review=False)

    feed_source_ingest(source=source)

    response = client.get(ArticlePage.objects.get().url)
    main = soup(response).select_one("main")
    hrefs = [link["href"] for link in main.select("a[href]")]
    assert {link_scheme(href) for href in hrefs} <= SAFE_SCHEMES
    assert "https://nrw.example/" in hrefs
    assert "bir iki üç dört beş altı" in main.get_text(" ", strip=True)


@pytest.mark.parametrize(
    "address", ["javascript:alert(1)", "data:image/png;base64,iVBORw0KGgo=", "file:///etc/passwd"]
)
def test_picture_that_is_not_a_web_address_is_no_candidate(address):
    entry = {
        "enclosures": [{"href": address, "type": "image/png"}],
        "media_content": [{"url": address, "medium": "image"}],
        "summary": f'<p><img src="{address}" alt="x"></p>',
    }

    assert image_candidate(entry, base_url="https://nrw.example/1") is None


def test_item_with_an_unsafe_picture_is_made_without_it(feed_server, make_source, sections):
    enclosure = '<enclosure url="javascript:alert(1)" type="image/png"/>'
    item = rss_item("Resimsiz", guid="1", link="https://nrw.example/1", extra=enclosure)
    source = make_source(feed_server.serve("/feed.xml", rss(item)))

    report = feed_source_ingest(source=source)

    assert (report.created, report.warnings) == (1, [])
    assert not CustomImage.objects.exists()
