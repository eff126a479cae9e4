"""Every old URL leads to the new page with a 301; unpublished ones reveal nothing.

One export (site.xml), imported once for the module; other exports are in
test_redirects_other_exports.py.
"""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from muhabir.newsroom.models import ArticlePage, SectionPage
from muhabir.wordpress.models import ImportedItem, LegacyLink
from tests.demo_once import built_once_for_module, demo_media_copy
from tests.wordpress.conftest import DATA, uploads_folder

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def imported_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """site.xml imported once for the module; every test here reads it."""
    workdir = tmp_path_factory.mktemp("wordpress-site")

    def build() -> None:
        uploads = uploads_folder(workdir / "uploads")
        call_command(
            "import_wordpress",
            str(DATA / "site.xml"),
            "--media-dir",
            str(uploads),
            stdout=io.StringIO(),
        )

    with built_once_for_module(django_db_blocker, workdir, build):
        yield workdir


@pytest.fixture
def imported(imported_once, db, media_root):
    demo_media_copy(imported_once, media_root)


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
