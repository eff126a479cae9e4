"""The head of every public page: canonical URL, alternates, OpenGraph, JSON-LD, feeds."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from muhabir.home.models import StandardPage
from tests.factories import CustomImageFactory, png_file
from tests.helpers import soup
from tests.syndication.conftest import SUMMER_DATE, WINTER_DATE

ISO_BERLIN = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00$")
# https://developers.google.com/search/docs/appearance/structured-data/article: no property
# is required; these are the recommended ones.
GOOGLE_ARTICLE_RECOMMENDED = {"author", "dateModified", "datePublished", "headline", "image"}


def head(response):
    assert response.status_code == 200, response.status_code
    return soup(response).head


def meta(document, name: str) -> list[str]:
    return [
        tag["content"]
        for tag in document.find_all("meta")
        if tag.get("property") == name or tag.get("name") == name
    ]


def json_ld(document) -> dict[str, dict]:
    """Each JSON-LD object of the page by its @type; every script must be valid JSON."""
    result = {}
    for script in document.find_all("script", type="application/ld+json"):
        data = json.loads(script.string)
        assert data["@context"] == "https://schema.org"
        assert data["@type"] not in result
        result[data["@type"]] = data
    return result


def hreflang(document) -> dict[str, str]:
    return {
        link["hreflang"]: link["href"]
        for link in document.find_all("link", rel="alternate")
        if link.get("hreflang")
    }


def feed_links(document) -> dict[str, str]:
    return {
        link["href"].removeprefix("http://testserver"): link["type"]
        for link in document.find_all("link", rel="alternate")
        if link.get("type")
    }


@pytest.fixture
def translated_article(sections, publish_article):
    turkish = publish_article(
        sections["tr"][0],
        title="Yıldız Kenter son yolculuğuna uğurlandı",
        date=WINTER_DATE,
        hero=True,
        hero_credit="Foto: M. Hermenau",
        authors=("Şule Öztürk",),
        tags=("Yıldız Kenter", "Tiyatro"),
        further_sections=[sections["tr"][1]],
    )
    german = publish_article(
        sections["de"][0],
        title="Yıldız Kenter auf ihrem letzten Weg begleitet",
        date=WINTER_DATE,
        translation_key=turkish.translation_key,
    )
    return turkish, german


def test_article_names_its_canonical_url_and_both_languages(client, translated_article):
    turkish, german = translated_article

    document = head(client.get(turkish.url))

    canonical = [link["href"] for link in document.find_all("link", rel="canonical")]
    assert canonical == [f"http://testserver{turkish.url}"]
    assert hreflang(document) == {
        "tr": f"http://testserver{turkish.url}",
        "de": f"http://testserver{german.url}",
        "x-default": f"http://testserver{turkish.url}",
    }
    assert hreflang(head(client.get(german.url))) == hreflang(document)


def test_article_opengraph_describes_the_article(client, translated_article, sections):
    turkish, _german = translated_article

    document = head(client.get(turkish.url))

    assert meta(document, "og:type") == ["article"]
    assert meta(document, "og:title") == ["Yıldız Kenter son yolculuğuna uğurlandı"]
    assert meta(document, "og:url") == [f"http://testserver{turkish.url}"]
    assert meta(document, "og:locale") == ["tr_TR"]
    assert meta(document, "og:locale:alternate") == ["de_DE"]
    assert meta(document, "og:site_name") == ["Muhabirce NRW"]
    assert meta(document, "og:description")
    assert meta(document, "article:published_time") == ["2019-11-19T10:30:00+01:00"]
    assert ISO_BERLIN.match(meta(document, "article:modified_time")[0])
    assert meta(document, "article:section") == [sections["tr"][0].title]
    assert meta(document, "article:tag") == ["Yıldız Kenter", "Tiyatro"]
    image = meta(document, "og:image")[0]
    assert image.startswith("http://testserver/media/images/")
    assert (meta(document, "og:image:width"), meta(document, "og:image:height")) == (
        ["1200"],
        ["750"],
    )
    assert meta(document, "og:image:alt") == [turkish.hero_image.description]
    assert client.get(image.removeprefix("http://testserver")).status_code == 200


def test_article_has_a_large_image_twitter_card(client, translated_article):
    turkish, _german = translated_article

    document = head(client.get(turkish.url))

    assert meta(document, "twitter:card") == ["summary_large_image"]
    assert meta(document, "twitter:title") == [turkish.title]
    assert meta(document, "twitter:image") == meta(document, "og:image")


def test_article_json_ld_has_googles_recommended_properties(client, translated_article, sections):
    turkish, _german = translated_article

    data = json_ld(head(client.get(turkish.url)))
    article = data["NewsArticle"]

    assert set(article) >= GOOGLE_ARTICLE_RECOMMENDED
    assert article["headline"] == turkish.title
    assert article["datePublished"] == "2019-11-19T10:30:00+01:00"
    assert ISO_BERLIN.match(article["dateModified"])
    assert article["dateModified"] >= article["datePublished"]
    assert article["author"] == [{"@type": "Person", "name": "Şule Öztürk"}]
    assert article["inLanguage"] == "tr"
    assert article["articleSection"] == [sections["tr"][0].title, sections["tr"][1].title]
    assert article["mainEntityOfPage"] == {
        "@type": "WebPage",
        "@id": f"http://testserver{turkish.url}",
    }
    publisher = article["publisher"]
    assert publisher["name"] == "Muhabirce NRW"
    assert publisher["logo"]["url"] == "http://testserver/static/muhabir/img/logo.png"
    assert client.get("/static/muhabir/img/logo.png").status_code == 200
    ratios = set()
    for image in article["image"]:
        # Google: at least 50,000 pixels, in 16x9, 4x3 and 1x1.
        assert image["width"] * image["height"] >= 50_000
        assert client.get(image["url"].removeprefix("http://testserver")).status_code == 200
        assert image["creditText"] == "Foto: M. Hermenau"
        ratios.add(round(image["width"] / image["height"], 2))
    assert ratios == {1.78, 1.33, 1.0}


def test_article_without_byline_is_authored_by_the_site(client, sections, publish_article):
    article = publish_article(sections["de"][0])

    author = json_ld(head(client.get(article.url)))["NewsArticle"]["author"]

    assert author == [
        {"@type": "Organization", "name": "Muhabirce NRW", "url": "http://testserver/"}
    ]


def test_article_breadcrumbs_lead_from_front_page_through_section(
    client, translated_article, sections, home_tr
):
    turkish, _german = translated_article

    crumbs = json_ld(head(client.get(turkish.url)))["BreadcrumbList"]["itemListElement"]

    assert [(crumb["position"], crumb["name"], crumb["item"]) for crumb in crumbs] == [
        (1, home_tr.title, "http://testserver/tr/"),
        (2, sections["tr"][0].title, f"http://testserver{sections['tr'][0].url}"),
        (3, turkish.title, f"http://testserver{turkish.url}"),
    ]


def test_home_page_describes_the_organization_and_its_search(client, sections, home_de):
    document = head(client.get("/de/"))
    data = json_ld(document)

    organization = data["NewsMediaOrganization"]
    website = data["WebSite"]
    assert organization["name"] == "Muhabirce NRW"
    assert organization["url"] == "http://testserver/"
    assert organization["logo"]["url"].endswith("/static/muhabir/img/logo.png")
    assert (organization["logo"]["width"], organization["logo"]["height"]) == (512, 512)
    assert website["url"] == "http://testserver/de/"
    assert website["inLanguage"] == "de"
    assert website["publisher"] == {"@id": organization["@id"]}
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    template = action["target"]["urlTemplate"]
    assert template == "http://testserver/de/suche/?q={search_term_string}"
    search = template.removeprefix("http://testserver").replace("{search_term_string}", "Köln")
    assert client.get(search).status_code == 200
    assert action["query-input"] == "required name=search_term_string"
    assert meta(document, "og:type") == ["website"]
    assert meta(document, "og:title") == ["Muhabirce NRW"]
    assert hreflang(document) == {
        "de": "http://testserver/de/",
        "tr": "http://testserver/tr/",
        "x-default": "http://testserver/tr/",
    }
    assert "BreadcrumbList" not in data


def test_section_page_has_breadcrumbs_and_its_own_feeds(client, sections):
    section = sections["de"][1]

    document = head(client.get(section.url))

    crumbs = json_ld(document)["BreadcrumbList"]["itemListElement"]
    assert [crumb["name"] for crumb in crumbs] == ["Startseite", section.title]
    assert feed_links(document) == {
        "/de/feed/": "application/rss+xml",
        "/de/feed/atom/": "application/atom+xml",
        "/de/feed/json/": "application/feed+json",
        f"/de/feed/section/{section.slug}/": "application/rss+xml",
        f"/de/feed/section/{section.slug}/atom/": "application/atom+xml",
        f"/de/feed/section/{section.slug}/json/": "application/feed+json",
    }
    assert hreflang(document)["tr"] == f"http://testserver{sections['tr'][1].url}"


def test_later_listing_pages_are_canonical_to_themselves(
    client, sections, publish_article, settings
):
    settings.MUHABIR_SECTION_PAGE_SIZE = 1
    section = sections["tr"][0]
    publish_article(section)
    publish_article(section)

    document = head(client.get(f"{section.url}?page=2"))

    canonical = [link["href"] for link in document.find_all("link", rel="canonical")]
    assert canonical == [f"http://testserver{section.url}?page=2"]
    assert hreflang(document) == {}


def test_every_kind_of_page_advertises_the_languages_feeds(
    client, sections, publish_article, home_tr
):
    article = publish_article(sections["tr"][0])
    impressum = StandardPage(title="Künye", slug="kunye", body="<p>Muhabirce NRW</p>")
    home_tr.add_child(instance=impressum)
    impressum.save_revision().publish()
    expected = {
        "/tr/feed/": "application/rss+xml",
        "/tr/feed/atom/": "application/atom+xml",
        "/tr/feed/json/": "application/feed+json",
    }

    for url in ("/tr/", sections["tr"][2].url, article.url, impressum.url):
        links = feed_links(head(client.get(url)))
        assert expected.items() <= links.items(), url
        for href in links:
            assert client.get(href).status_code == 200, href
    missing = client.get("/tr/boyle-bir-sayfa-yok/")
    assert missing.status_code == 404
    assert expected.items() <= feed_links(soup(missing).head).items()


def test_draft_translation_is_no_alternate(client, sections, publish_article):
    turkish = publish_article(sections["tr"][0])
    publish_article(sections["de"][0], translation_key=turkish.translation_key, publish=False)

    document = head(client.get(turkish.url))

    assert hreflang(document) == {}
    assert meta(document, "og:locale:alternate") == []


SHARE_CARD = "http://testserver/static/muhabir/img/share-card.png"


def test_article_without_lead_image_shows_the_share_card_to_google_and_previews(
    client, sections, publish_article
):
    article = publish_article(sections["tr"][0], date=SUMMER_DATE)

    document = head(client.get(article.url))

    news_article = json_ld(document)["NewsArticle"]
    assert news_article.keys() >= GOOGLE_ARTICLE_RECOMMENDED
    assert news_article["image"] == [
        {"@type": "ImageObject", "url": SHARE_CARD, "width": 1200, "height": 675}
    ]
    card = client.get(SHARE_CARD.removeprefix("http://testserver"))
    assert card.status_code == 200
    assert Image.open(io.BytesIO(b"".join(card.streaming_content))).size == (1200, 675)
    assert meta(document, "og:image") == [SHARE_CARD]
    assert meta(document, "og:image:type") == ["image/png"]
    assert (meta(document, "og:image:width"), meta(document, "og:image:height")) == (
        ["1200"],
        ["675"],
    )
    assert meta(document, "og:image:alt") == ["Muhabirce NRW"]
    assert meta(document, "twitter:card") == ["summary_large_image"]
    assert meta(document, "twitter:image") == [SHARE_CARD]
    assert meta(document, "article:published_time") == ["2016-06-29T12:00:00+02:00"]


@pytest.mark.parametrize("page", ["home", "section"])
def test_pages_without_an_image_of_their_own_preview_with_the_share_card(
    client, sections, home_de, page
):
    url = home_de.url if page == "home" else sections["de"][1].url

    document = head(client.get(url))

    assert meta(document, "og:image") == [SHARE_CARD]
    assert meta(document, "twitter:card") == ["summary_large_image"]


def test_article_without_lead_image_shows_the_default_share_image_of_the_settings(
    client, sections, publish_article, site_settings
):
    site_settings.default_share_image = CustomImageFactory(
        file=png_file(width=1600, height=1000, color="navy"), description="Duisburg'da gün batımı"
    )
    site_settings.save()
    article = publish_article(sections["de"][0])

    document = head(client.get(article.url))

    images = json_ld(document)["NewsArticle"]["image"]
    assert {round(image["width"] / image["height"], 2) for image in images} == {1.78, 1.33, 1.0}
    for image in images:
        assert image["url"].startswith("http://testserver/media/images/")
        assert image["width"] * image["height"] >= 50_000
        assert client.get(image["url"].removeprefix("http://testserver")).status_code == 200
    assert meta(document, "og:image") == [images[0]["url"]]
    assert meta(document, "og:image:type") == ["image/jpeg"]
    assert meta(document, "og:image:alt") == ["Duisburg'da gün batımı"]


def test_choosing_no_default_share_image_brings_the_share_card_back(
    client, sections, publish_article, site_settings
):
    site_settings.default_share_image = CustomImageFactory(file=png_file(width=1600, height=1000))
    site_settings.save()
    article = publish_article(sections["tr"][0])
    assert meta(head(client.get(article.url)), "og:image") != [SHARE_CARD]

    site_settings.default_share_image = None
    site_settings.save()

    assert meta(head(client.get(article.url)), "og:image") == [SHARE_CARD]


def test_default_share_image_costs_no_query_once_read(
    client, sections, publish_article, site_settings
):
    site_settings.default_share_image = CustomImageFactory(file=png_file(width=1600, height=1000))
    site_settings.save()
    first, second = publish_article(sections["tr"][0]), publish_article(sections["tr"][1])
    client.get(first.url)

    with CaptureQueriesContext(connection) as captured:
        response = client.get(second.url)

    assert json_ld(head(response))["NewsArticle"]["image"]
    # The articles have no images, so nothing else on the page reads these tables.
    tables = (
        'FROM "home_sitesettings"',
        'FROM "images_customimage"',
        'FROM "images_customrendition"',
    )
    assert not [q["sql"] for q in captured.captured_queries if any(t in q["sql"] for t in tables)]


def test_json_ld_cannot_close_its_script_element(client, sections, publish_article):
    article = publish_article(sections["tr"][0], title="Etiket </script><b>kalın</b>")

    response = client.get(article.url)

    assert "</script><b>" not in response.content.decode()
    assert json_ld(head(response))["NewsArticle"]["headline"] == "Etiket </script><b>kalın</b>"


def test_article_head_costs_no_more_queries_with_more_authors_and_tags(
    client, sections, publish_article
):
    few = publish_article(sections["tr"][0], hero=True, authors=("A",), tags=("bir",))
    many = publish_article(
        sections["tr"][0],
        hero=True,
        authors=("A", "B", "C", "D"),
        tags=("bir", "iki", "üç", "dört", "beş"),
        further_sections=[sections["tr"][1], sections["tr"][2]],
    )
    counts = []
    for article in (few, many):
        client.get(article.url)
        with CaptureQueriesContext(connection) as captured:
            client.get(article.url)
        counts.append(len(captured.captured_queries))

    assert counts[1] <= counts[0], counts
    assert dt.datetime.fromisoformat(
        json_ld(head(client.get(many.url)))["NewsArticle"]["datePublished"]
    )
