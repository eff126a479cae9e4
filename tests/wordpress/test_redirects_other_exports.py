"""Old URLs of exports other than site.xml: a blog in a subfolder, permalinks as GUIDs."""

from __future__ import annotations

import pytest

from muhabir.newsroom.models import SectionPage
from muhabir.wordpress.models import ImportedItem
from tests.wordpress.test_redirects import assert_redirect

pytestmark = pytest.mark.django_db


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
