"""Every old URL leads to the new page with a 301; unpublished ones reveal nothing."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from muhabir.newsroom.models import ArticlePage, SectionPage
from muhabir.wordpress.models import ImportedItem, LegacyLink

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(home_tr, home_de, uploads, run_import):
    run_import("site.xml", "--media-dir", str(uploads))


def page_of(kind: str, wp_id: str):
    return ImportedItem.objects.get(kind=kind, key=wp_id).page


def assert_redirect(client, url: str, target: str) -> None:
    response = client.get(url)
    assert response.status_code == 301, (url, response.status_code)
    assert response["Location"] == target, url


def test_old_permalink_redirects_permanently(imported, client):
    target = page_of("post", "100").url
    assert target.startswith("/tr/magazin-kultur/")
    assert_redirect(client, "/2019/11/duisburgda-cay-bahcesi/", target)
    assert_redirect(client, "/2019/11/duisburgda-cay-bahcesi", target)
    assert_redirect(client, "/2019/11/duisburgda-cay-bahcesi/?utm_source=x", target)
    assert client.get(target).status_code == 200


def test_percent_encoded_turkish_slug_redirects(imported, client):
    target = page_of("post", "108").url
    assert_redirect(client, "/2019/12/mahallede-yeni-kutuphane/", target)


def test_query_string_ids_redirect_before_the_front_page(imported, client):
    assert_redirect(client, "/?p=100", page_of("post", "100").url)
    assert_redirect(client, "/?page_id=200", page_of("page", "200").url)
    assert_redirect(client, "/?p=200", page_of("page", "200").url)
    assert_redirect(client, "/impressum/", page_of("page", "200").url)


def test_attachment_pages_lead_to_their_post(imported, client):
    assert_redirect(
        client, "/2019/11/duisburgda-cay-bahcesi/cay-bahcesi/", page_of("post", "100").url
    )
    assert_redirect(client, "/?attachment_id=11", page_of("post", "106").url)


def test_category_archives_and_feeds_lead_to_sections(imported, client):
    section = SectionPage.objects.get(title="Magazin & Kültür")
    assert_redirect(client, "/category/magazin-kultur/", section.url)
    assert_redirect(client, "/?cat=3", section.url)
    assert_redirect(client, "/category/magazin-kultur/feed/", "/tr/feed/section/magazin-kultur/")
    # A subcategory's archive leads to its top-level section.
    assert_redirect(client, "/category/magazin-kultur/konser/", section.url)
    german = SectionPage.objects.get(title="Gesellschaft")
    assert_redirect(client, "/category/gesellschaft/", german.url)
    assert_redirect(client, "/category/gesellschaft/feed/", "/de/feed/section/gesellschaft/")


def test_tag_archives_lead_to_a_search_and_the_tag_feed(imported, client):
    assert_redirect(client, "/tag/cay-bahcesi/", "/tr/ara/?q=%C3%87ay+bah%C3%A7esi")
    response = client.get("/tag/duisburg/feed/")
    assert response.status_code == 301
    assert response["Location"].endswith("/feed/tag/duisburg/")
    assert client.get(response["Location"]).status_code == 200


def test_site_feed_and_author_archives(imported, client, home_tr):
    assert_redirect(client, "/feed/", "/tr/feed/")
    assert client.get("/tr/feed/").status_code == 200
    assert_redirect(client, "/author/ilgin/", home_tr.url)


@pytest.mark.parametrize(
    ("url", "wp_id"),
    [
        ("/?p=101", "101"),
        ("/2099/06/sommerfest/", "103"),
        ("/?p=103", "103"),
        ("/2019/11/gizli-notlar/", "104"),
        ("/?p=104", "104"),
    ],
)
def test_unpublished_posts_old_links_are_plain_404s(imported, client, url, wp_id):
    page = page_of("post", wp_id)
    response = client.get(url, follow=True)
    assert response.status_code == 404
    assert all(status != 301 for _url, status in response.redirect_chain)
    own_address = f"/{page.get_parent().slug}/{page.slug}/"
    assert all(own_address not in target for target, _status in response.redirect_chain)
    body = response.content.decode()
    assert page.title not in body
    # The page's own address (under its section) appears nowhere.
    assert page.url_path not in body
    assert f"/{page.get_parent().slug}/{page.slug}/" not in body


def test_unknown_id_looks_the_same_as_an_unpublished_one(imported, client):
    unknown = client.get("/?p=999999")
    draft = client.get("/?p=101")
    assert unknown.status_code == draft.status_code == 404


def test_trashed_post_has_no_redirect(imported, client):
    # Like any unknown path: the site's own language redirect, then a 404.
    response = client.get("/2019/10/silinen-haber/", follow=True)
    assert response.status_code == 404
    assert all(status != 301 for _url, status in response.redirect_chain)
    assert not LegacyLink.objects.filter(path="/2019/10/silinen-haber").exists()


def test_redirect_follows_publication(imported, client):
    draft = ArticlePage.objects.get(pk=page_of("post", "101").pk)
    assert client.get("/?p=101").status_code == 404
    draft.save_revision().publish()
    assert_redirect(client, "/?p=101", ArticlePage.objects.get(pk=draft.pk).url)


def test_normal_pages_do_not_consult_the_old_links(imported, client):
    url = page_of("post", "100").url
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert not any("wordpress_legacylink" in q["sql"] for q in queries.captured_queries)


def test_a_404_costs_one_lookup(imported, client):
    with CaptureQueriesContext(connection) as queries:
        client.get("/does/not/exist/")
    lookups = [q for q in queries.captured_queries if "wordpress_legacylink" in q["sql"]]
    assert len(lookups) == 1


def test_subdirectory_install_keeps_its_path(home_tr, home_de, run_import, client):
    run_import("mixed.xml")
    item = ImportedItem.objects.get(
        kind="post", key="6", site_url="http://mahalle.example.net/blog"
    )
    assert_redirect(client, "/blog/2009/05/13/neuer-kulturverein/", item.page.url)
    assert_redirect(client, "/blog/?p=6", item.page.url)


# An export whose posts were partly created through the REST API, WP-CLI or an importer:
# their GUID is the pretty permalink itself (see the comment at the top of the file).
@pytest.fixture
def guid_permalinks(home_tr, home_de, run_import):
    run_import("guid_permalinks.xml")


GUID_SITE = "https://example.org"


def guid_site_page(kind: str, wp_id: str):
    return ImportedItem.objects.get(site_url=GUID_SITE, kind=kind, key=wp_id).page


@pytest.mark.parametrize(
    ("url", "kind", "wp_id"),
    [
        # GUID ?p=123, link date-based: the common case.
        ("/2019/11/19/duisburgda-cay-bahcesi/", "post", "123"),
        ("/?p=123", "post", "123"),
        # GUID equal to the link.
        ("/2019/11/19/marxlohta-yeni-kutuphane/", "post", "124"),
        ("/2019/11/19/marxlohta-yeni-kutuphane", "post", "124"),
        ("/2019/11/19/marxlohta-yeni-kutuphane/?utm_source=facebook", "post", "124"),
        ("/?p=124", "post", "124"),
        ("/2019/11/21/strassenfest-in-marxloh/", "post", "126"),
        # A percent-encoded Turkish slug, as browsers send it and as WordPress wrote it.
        ("/2019/11/20/%C3%BCniversitede-t%C3%BCrk%C3%A7e-dersleri/", "post", "125"),
        ("/2019/11/20/%c3%bcniversitede-t%c3%bcrk%c3%a7e-dersleri", "post", "125"),
        ("/2019/11/20/üniversitede-türkçe-dersleri/", "post", "125"),
        # Created under the old /%category%/%postname%/ structure, over http.
        ("/2018/03/02/eski-mahalle-gazetesi/", "post", "127"),
        ("/toplum/eski-mahalle-gazetesi/", "post", "127"),
        ("/toplum/eski-mahalle-gazetesi", "post", "127"),
        # Pages: /slug/ and /parent/slug/, ?page_id= and ?p=.
        ("/kunye/", "page", "128"),
        ("/kunye", "page", "128"),
        ("/?page_id=128", "page", "128"),
        ("/?p=128", "page", "128"),
        ("/hakkimizda/", "page", "129"),
        ("/hakkimizda/ekibimiz/", "page", "130"),
        ("/?page_id=130", "page", "130"),
        ("/2019/12/01/essende-dernek-gunu/", "post", "131"),
        # The attachment page of an image leads to its post.
        ("/2019/11/19/marxlohta-yeni-kutuphane/kutuphane-foto/", "post", "124"),
    ],
)
def test_old_permalinks_of_an_export_with_permalink_guids_lead_to_the_page_in_one_301(
    guid_permalinks, client, url, kind, wp_id
):
    target = guid_site_page(kind, wp_id).url

    response = client.get(url, follow=True)

    assert response.redirect_chain == [(target, 301)], url
    assert response.status_code == 200


def test_category_archive_of_an_export_with_permalink_guids_leads_to_its_section(
    guid_permalinks, client
):
    section = SectionPage.objects.get(title="Toplum")
    assert_redirect(client, "/category/toplum/", section.url)


def test_another_blogs_guid_does_not_take_over_an_id_of_this_site(guid_permalinks, client):
    # Post 131 was imported from komsu.example.net, where it was ?p=123; here ?p=123 is
    # post 123.
    assert_redirect(client, "/?p=123", guid_site_page("post", "123").url)
    assert_redirect(client, "/?p=131", guid_site_page("post", "131").url)


def test_draft_with_permalink_guid_export_stays_a_plain_404(guid_permalinks, client):
    response = client.get("/?p=132")

    assert response.status_code == 404
    assert "Location" not in response


def answer(client, url: str) -> tuple:
    """What a client learns from ``url``: each hop, the final status, headers and page,
    with the address itself blanked out."""
    response = client.get(url, follow=True)
    path = url.split("?")[0].strip("/")
    query = url.split("?")[1] if "?" in url else ""

    def blank(text: str) -> str:
        text = text.replace(path, "PATH") if path else text
        return text.replace(query, "QUERY") if query else text

    headers = {
        name: blank(value)
        for name, value in response.headers.items()
        # Besides length and date, the request id differs from one request to any other.
        if name.lower() not in ("content-length", "date", "x-request-id")
    }
    return (
        [(blank(target), status) for target, status in response.redirect_chain],
        response.status_code,
        headers,
        blank(response.content.decode()),
    )


@pytest.mark.parametrize(
    ("hidden", "unknown"),
    [
        ("/2019/11/gizli-notlar/", "/2019/11/yokki-notlar/"),  # private
        ("/2099/06/sommerfest/", "/2099/06/winterfest/"),  # scheduled
        ("/2019/10/silinen-haber/", "/2019/10/silinmez-haber/"),  # trashed
        ("/?p=101", "/?p=901"),  # draft
        ("/?p=102", "/?p=902"),  # pending review
        ("/2019/11/gizli-notlar/?p=104", "/2019/11/yokki-notlar/?p=904"),
        ("/tr/2019/11/gizli-notlar/", "/tr/2019/11/yokki-notlar/"),
    ],
)
def test_hidden_posts_old_links_answer_exactly_like_unknown_addresses(
    imported, client, hidden, unknown
):
    hidden_answer, unknown_answer = answer(client, hidden), answer(client, unknown)
    assert hidden_answer[1] == 404
    assert hidden_answer == unknown_answer
