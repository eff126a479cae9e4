"""Sitemaps as crawlers read them, validated against the sitemaps.org and Google schemas."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lxml import etree
from wagtail.models import Page, PageViewRestriction

from muhabir.home.models import StandardPage
from tests.helpers import soup
from tests.syndication.conftest import NS, SUMMER_DATE, WINTER_DATE, xml_valid

W3C_DATETIME_BERLIN = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00$")


def sitemap_urls(document) -> dict[str, dict]:
    """Each <url> of a urlset: its lastmod and its alternates by hreflang."""
    result = {}
    for url in document.findall("sm:url", NS):
        loc = url.findtext("sm:loc", namespaces=NS)
        assert loc not in result, f"{loc} listed twice"
        result[loc] = {
            "lastmod": url.findtext("sm:lastmod", namespaces=NS),
            "alternates": {
                link.get("hreflang"): link.get("href")
                for link in url.findall("xhtml:link", NS)
                if link.get("rel") == "alternate"
            },
            "links": url.findall("xhtml:link", NS),
        }
    return result


def all_sitemap_urls(client, urlset_schema, siteindex_schema) -> dict[str, dict]:
    index = xml_valid(siteindex_schema, client.get("/sitemap.xml"))
    urls: dict[str, dict] = {}
    for loc in index.findall("sm:sitemap/sm:loc", NS):
        path = loc.text.removeprefix("http://testserver")
        if path == "/news-sitemap.xml":
            continue
        page_urls = sitemap_urls(xml_valid(urlset_schema, client.get(path)))
        assert not set(page_urls) & set(urls), "a URL is on two sitemap pages"
        urls.update(page_urls)
    return urls


def public_page_urls() -> set[str]:
    return {
        f"http://testserver{page.url}"
        for page in Page.objects.live().public().filter(depth__gte=2).specific()
    }


@pytest.fixture
def small_pages(settings):
    settings.MUHABIR_SITEMAP_PAGE_SIZE = 4
    return 4


@pytest.fixture
def translated_site(sections, publish_article, home_tr):
    """Articles in both languages, one pair translated, one placed in two sections."""
    turkish = publish_article(sections["tr"][0], date=WINTER_DATE, tags=("Yıldız Kenter",))
    german = publish_article(
        sections["de"][0], date=WINTER_DATE, translation_key=turkish.translation_key
    )
    alone = publish_article(
        sections["tr"][1], date=SUMMER_DATE, further_sections=[sections["tr"][2]]
    )
    impressum = StandardPage(title="Künye", slug="kunye", body="<p>Muhabirce NRW</p>")
    home_tr.add_child(instance=impressum)
    impressum.save_revision().publish()
    return {"turkish": turkish, "german": german, "alone": alone, "impressum": impressum}


def test_sitemap_index_pages_list_every_public_page_once(
    client, translated_site, small_pages, urlset_schema, siteindex_schema
):
    index = xml_valid(siteindex_schema, client.get("/sitemap.xml"))
    locs = [loc.text for loc in index.findall("sm:sitemap/sm:loc", NS)]

    urls = all_sitemap_urls(client, urlset_schema, siteindex_schema)

    expected = public_page_urls()
    assert set(urls) == expected
    pages = [loc for loc in locs if "/sitemap-" in loc]
    assert len(pages) == -(-len(expected) // small_pages) > 1
    assert locs[-1] == "http://testserver/news-sitemap.xml"
    assert client.get(f"/sitemap-{len(pages) + 1}.xml").status_code == 404
    assert client.get("/sitemap-0.xml").status_code == 404


def test_sitemap_index_gives_each_page_the_newest_lastmod_of_its_urls(
    client, translated_site, small_pages, siteindex_schema
):
    index = xml_valid(siteindex_schema, client.get("/sitemap.xml"))

    lastmods = [node.text for node in index.findall("sm:sitemap/sm:lastmod", NS)]

    assert lastmods
    assert all(W3C_DATETIME_BERLIN.match(lastmod) for lastmod in lastmods)


def test_every_url_has_a_lastmod_with_the_berlin_offset(
    client, translated_site, urlset_schema, siteindex_schema
):
    urls = all_sitemap_urls(client, urlset_schema, siteindex_schema)

    assert all(W3C_DATETIME_BERLIN.match(url["lastmod"] or "") for url in urls.values()), urls


def test_article_lastmod_is_its_last_publication(client, translated_site, urlset_schema):
    article = translated_site["alone"]

    urls = sitemap_urls(xml_valid(urlset_schema, client.get("/sitemap-1.xml")))

    expected = timezone.localtime(article.last_published_at).replace(microsecond=0)
    assert urls[f"http://testserver{article.url}"]["lastmod"] == expected.isoformat()


def test_section_lastmod_follows_its_newest_article(
    client, sections, publish_article, urlset_schema
):
    section = sections["tr"][0]
    Page.objects.filter(pk=section.pk).update(
        last_published_at=timezone.now() - dt.timedelta(days=30)
    )
    article = publish_article(section, date=timezone.now() - dt.timedelta(days=1))

    urls = sitemap_urls(xml_valid(urlset_schema, client.get("/sitemap-1.xml")))

    lastmod = dt.datetime.fromisoformat(urls[f"http://testserver{section.url}"]["lastmod"])
    assert lastmod == article.published_date.replace(microsecond=0)


def test_hreflang_alternates_are_symmetric_and_name_a_default(
    client, translated_site, urlset_schema, siteindex_schema
):
    urls = all_sitemap_urls(client, urlset_schema, siteindex_schema)
    turkish = f"http://testserver{translated_site['turkish'].url}"
    german = f"http://testserver{translated_site['german'].url}"

    assert urls[turkish]["alternates"] == {"tr": turkish, "de": german, "x-default": turkish}
    for loc, url in urls.items():
        alternates = {code: href for code, href in url["alternates"].items() if code != "x-default"}
        if not alternates:
            continue
        assert loc in alternates.values(), f"{loc} does not name itself"
        for code, href in alternates.items():
            assert href in urls, f"{href} is an alternate but not in the sitemap"
            back = {c: h for c, h in urls[href]["alternates"].items() if c != "x-default"}
            assert back == alternates, f"{loc} and {href} disagree"
            assert code in {"tr", "de"}
        # x-default names one of the cluster, itself a URL of the sitemap.
        assert url["alternates"]["x-default"] in alternates.values()
        for link in url["links"]:
            assert set(link.keys()) == {"rel", "hreflang", "href"}


def test_front_pages_default_to_the_turkish_front_page_not_the_redirecting_root(
    client, translated_site, urlset_schema, home_tr, home_de
):
    urls = sitemap_urls(xml_valid(urlset_schema, client.get("/sitemap-1.xml")))

    expected = {
        "tr": "http://testserver/tr/",
        "de": "http://testserver/de/",
        "x-default": "http://testserver/tr/",
    }
    assert urls["http://testserver/tr/"]["alternates"] == expected
    assert urls["http://testserver/de/"]["alternates"] == expected
    # The bare root only redirects by language, so it is no URL of any sitemap.
    assert "http://testserver/" not in urls
    assert client.get("/", headers={"accept-language": "de"}).status_code == 302


def test_x_default_is_a_crawlable_sitemap_url_and_page_heads_agree_with_the_sitemap(
    client, translated_site, urlset_schema, siteindex_schema
):
    urls = all_sitemap_urls(client, urlset_schema, siteindex_schema)

    defaults = {url["alternates"]["x-default"] for url in urls.values() if url["alternates"]}
    assert defaults
    for href in defaults:
        assert href in urls, href
        assert client.get(href.removeprefix("http://testserver")).status_code == 200, href
    for loc, url in urls.items():
        page = soup(client.get(loc.removeprefix("http://testserver")))
        head = {
            link["hreflang"]: link["href"]
            for link in page.head.find_all("link", rel="alternate")
            if link.get("hreflang")
        }
        assert head == url["alternates"], loc


def test_untranslated_page_has_no_alternates(client, translated_site, urlset_schema):
    urls = sitemap_urls(xml_valid(urlset_schema, client.get("/sitemap-1.xml")))

    assert urls[f"http://testserver{translated_site['alone'].url}"]["alternates"] == {}


def _hide(kind: str, article) -> None:
    if kind == "unpublished":
        article.unpublish()
    elif kind == "private":
        PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    elif kind == "private_section":
        PageViewRestriction.objects.create(
            page=article.get_parent(), restriction_type=PageViewRestriction.PASSWORD, password="x"
        )


@pytest.mark.parametrize(
    "kind", ["draft", "scheduled", "unpublished", "private", "private_section"]
)
def test_hidden_articles_are_absent_from_every_sitemap(
    client, sections, publish_article, urlset_schema, siteindex_schema, kind
):
    visible = publish_article(sections["tr"][1], title="Herkese açık haber")
    if kind == "draft":
        hidden = publish_article(sections["tr"][0], title="Gizli taslak", publish=False)
    elif kind == "scheduled":
        hidden = publish_article(sections["tr"][0], title="Zamanlanmış haber", publish=False)
        hidden.go_live_at = timezone.now() + dt.timedelta(days=1)
        hidden.save_revision().publish()
    else:
        hidden = publish_article(sections["tr"][0], title="Özel haber")
        _hide(kind, hidden)

    urls = all_sitemap_urls(client, urlset_schema, siteindex_schema)
    news = client.get("/news-sitemap.xml").content.decode()

    assert f"http://testserver{visible.url}" in urls
    assert not [loc for loc in urls if hidden.slug in loc]
    assert hidden.slug not in news
    assert hidden.title not in news
    assert visible.title in news
    for url in urls.values():
        assert not [href for href in url["alternates"].values() if hidden.slug in href]


def test_hidden_translation_is_not_an_alternate(client, sections, publish_article, urlset_schema):
    turkish = publish_article(sections["tr"][0])
    german = publish_article(sections["de"][0], translation_key=turkish.translation_key)
    german.unpublish()

    urls = sitemap_urls(xml_valid(urlset_schema, client.get("/sitemap-1.xml")))

    assert urls[f"http://testserver{turkish.url}"]["alternates"] == {}


def test_news_sitemap_lists_articles_of_the_last_two_days(
    client, sections, publish_article, urlset_schema
):
    fresh_tr = publish_article(sections["tr"][0], title="Taze haber: İltis Park’ta çay")
    fresh_de = publish_article(sections["de"][0], title="Frische Nachricht: Straßenfest")
    old = publish_article(sections["tr"][1], date=timezone.now() - dt.timedelta(days=3))

    document = xml_valid(urlset_schema, client.get("/news-sitemap.xml"))

    entries = {
        url.findtext("sm:loc", namespaces=NS): url.find("news:news", NS)
        for url in document.findall("sm:url", NS)
    }
    assert set(entries) == {f"http://testserver{fresh_tr.url}", f"http://testserver{fresh_de.url}"}
    assert f"http://testserver{old.url}" not in entries
    news = entries[f"http://testserver{fresh_tr.url}"]
    assert news.findtext("news:publication/news:name", namespaces=NS) == "Muhabirce NRW"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "tr"
    assert news.findtext("news:title", namespaces=NS) == "Taze haber: İltis Park’ta çay"
    assert W3C_DATETIME_BERLIN.match(news.findtext("news:publication_date", namespaces=NS))
    german = entries[f"http://testserver{fresh_de.url}"]
    assert german.findtext("news:publication/news:language", namespaces=NS) == "de"


def test_news_sitemap_on_a_quiet_day_lists_the_newest_articles_without_news_metadata(
    client, sections, publish_article, urlset_schema, siteindex_schema
):
    older = publish_article(sections["tr"][0], date=timezone.now() - dt.timedelta(days=6))
    newer = publish_article(sections["de"][0], date=timezone.now() - dt.timedelta(days=5))

    # An empty <urlset> is invalid (sitemap.xsd: <url> minOccurs 1), so it lists something.
    document = xml_valid(urlset_schema, client.get("/news-sitemap.xml"))
    index = xml_valid(siteindex_schema, client.get("/sitemap.xml"))

    locs = [url.findtext("sm:loc", namespaces=NS) for url in document.findall("sm:url", NS)]
    assert locs == [f"http://testserver{newer.url}", f"http://testserver{older.url}"]
    # Google: once older than two days, drop the URL or its <news:news>; Google News
    # then takes none of them for new.
    assert document.findall(".//news:news", NS) == []
    index_locs = [loc.text for loc in index.findall("sm:sitemap/sm:loc", NS)]
    assert "http://testserver/news-sitemap.xml" in index_locs


def test_site_without_articles_has_no_news_sitemap_yet_a_valid_index(
    client, sections, siteindex_schema, urlset_schema
):
    index = xml_valid(siteindex_schema, client.get("/sitemap.xml"))
    robots = client.get("/robots.txt").content.decode().splitlines()

    locs = [loc.text for loc in index.findall("sm:sitemap/sm:loc", NS)]
    assert "http://testserver/news-sitemap.xml" not in locs
    assert client.get("/news-sitemap.xml").status_code == 404
    assert "Sitemap: http://testserver/news-sitemap.xml" not in robots
    assert "Sitemap: http://testserver/sitemap.xml" in robots
    for loc in locs:
        xml_valid(urlset_schema, client.get(loc.removeprefix("http://testserver")))


def test_robots_txt_names_both_sitemaps(client, sections, publish_article):
    publish_article(sections["tr"][0], date=timezone.now() - dt.timedelta(days=30))

    response = client.get("/robots.txt")

    lines = response.content.decode().splitlines()
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/news-sitemap.xml" in lines
    assert "Disallow: /admin/" in lines


def test_unpublished_article_leaves_the_sitemap_at_once(
    client, sections, publish_article, urlset_schema
):
    article = publish_article(sections["tr"][0])
    assert f"http://testserver{article.url}" in sitemap_urls(
        xml_valid(urlset_schema, client.get("/sitemap-1.xml"))
    )

    article.unpublish()

    assert f"http://testserver{article.url}" not in sitemap_urls(
        xml_valid(urlset_schema, client.get("/sitemap-1.xml"))
    )


@pytest.mark.parametrize("url", ["/sitemap.xml", "/sitemap-1.xml", "/news-sitemap.xml"])
def test_unchanged_sitemap_answers_conditional_get_with_304(client, translated_site, url):
    first = client.get(url)

    again = client.get(url, headers={"if-none-match": first["ETag"]})
    by_date = client.get(url, headers={"if-modified-since": first["Last-Modified"]})

    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
    assert by_date.status_code == 304


def _queries(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_sitemaps_of_many_pages_cost_no_more_queries_than_of_few(
    client, sections, publish_article, django_assert_max_num_queries
):
    def add(count: int) -> None:
        for number in range(count):
            language = ("tr", "de")[number % 2]
            article = publish_article(sections[language][number % 3])
            if language == "tr":
                publish_article(sections["de"][number % 3], translation_key=article.translation_key)

    add(4)
    urls = ["/sitemap.xml", "/sitemap-1.xml", "/news-sitemap.xml"]
    few = {url: _queries(client, url) for url in urls}
    add(40)

    for url in urls:
        client.get(url)
        with django_assert_max_num_queries(few[url]):
            assert client.get(url).status_code == 200


GOOD_URL = "<url><loc>http://testserver/tr/</loc>{extra}</url>"
NEWS = (
    "<news:news><news:publication><news:name>Muhabirce NRW</news:name>"
    "<news:language>tr</news:language></news:publication>"
    "<news:publication_date>2019-11-19T10:30:00+01:00</news:publication_date>"
    "{title}</news:news>"
)


@pytest.mark.parametrize(
    ("extra", "valid"),
    [
        ("<lastmod>2019-11-19T10:30:00+01:00</lastmod>", True),
        ("<lastmod>gestern</lastmod>", False),
        ('<xhtml:link rel="alternate" hreflang="de" href="http://testserver/de/"/>', True),
        ('<xhtml:link rel="alternate" hreflang="de" lang-of="x"/>', False),
        ('<foo:bar xmlns:foo="urn:example:unknown"/>', False),
        (NEWS.format(title="<news:title>Haber</news:title>"), True),
        (NEWS.format(title=""), False),
        (
            NEWS.replace("+01:00", "").format(title="<news:title>Haber</news:title>"),
            False,
        ),
    ],
)
def test_schemas_reject_what_the_protocols_forbid(urlset_schema, extra, valid):
    document = etree.fromstring(
        (
            f'<urlset xmlns="{NS["sm"]}" xmlns:news="{NS["news"]}" xmlns:xhtml="{NS["xhtml"]}">'
            f"{GOOD_URL.format(extra=extra)}</urlset>"
        ).encode()
    )

    assert urlset_schema.validate(document) is valid


def test_schemas_reject_an_empty_urlset_and_index(urlset_schema, siteindex_schema):
    assert not urlset_schema.validate(etree.fromstring(f'<urlset xmlns="{NS["sm"]}"/>'.encode()))
    assert not siteindex_schema.validate(
        etree.fromstring(f'<sitemapindex xmlns="{NS["sm"]}"/>'.encode())
    )


@pytest.mark.parametrize(
    ("url", "valid"),
    [
        ("<url><loc>http://testserver/tr/</loc><lastmod>2019-11-19</lastmod></url>", True),
        ("<url><lastmod>2019-11-19</lastmod></url>", False),
        ("<url><lastmod>2019-11-19</lastmod><loc>http://testserver/tr/</loc></url>", False),
        ("<url><loc>http://testserver/tr/</loc><loc>http://testserver/de/</loc></url>", False),
    ],
)
def test_schema_wants_one_loc_first_in_each_url(urlset_schema, url, valid):
    document = etree.fromstring(f'<urlset xmlns="{NS["sm"]}">{url}</urlset>'.encode())

    assert urlset_schema.validate(document) is valid


def test_index_schema_wants_a_loc_in_each_sitemap(siteindex_schema):
    document = etree.fromstring(
        f'<sitemapindex xmlns="{NS["sm"]}"><sitemap><lastmod>2019-11-19</lastmod></sitemap>'
        "</sitemapindex>".encode()
    )

    assert not siteindex_schema.validate(document)
