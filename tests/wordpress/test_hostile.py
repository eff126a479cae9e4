"""What an outside audit tried on the import: protected posts, hostile markup and paths."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from lxml import etree
from wagtail.models import Page, PageViewRestriction

from muhabir.home.models import StandardPage
from muhabir.images.models import CustomImage
from muhabir.newsroom.models import ArticlePage
from muhabir.search.models import SearchDocument
from muhabir.wordpress.models import ImportedItem
from tests.helpers import card_link, cards, soup
from tests.images.test_metadata import assert_clean, camera_jpeg
from tests.wordpress.conftest import DATA, jpeg

pytestmark = pytest.mark.django_db

SECRET_WORD = "Zümrütkelebek"
# The title shows on the password form, as on WordPress; the text must not.
SECRET_TEXT = "yalnızca şifreyle okunabilir"


@pytest.fixture
def hostile(home_tr, home_de, uploads, run_import):
    return run_import("hostile.xml", "--media-dir", str(uploads), "--language", "tr")


def imported_page(kind: str, wp_id: str) -> Page:
    return Page.objects.get(pk=ImportedItem.objects.get(kind=kind, key=wp_id).page_id).specific


def sitemap_text(client) -> str:
    """The site index and every sitemap it lists, as one text."""
    index = client.get("/sitemap.xml")
    texts = [index.content.decode()]
    for loc in etree.fromstring(index.content).iter("{*}loc"):
        texts.append(client.get(urlsplit(loc.text).path).content.decode())
    return "\n".join(texts)


def test_password_protected_post_is_imported_behind_its_password(hostile):
    article = imported_page("post", "500")
    restriction = PageViewRestriction.objects.get(page=article)
    assert restriction.restriction_type == PageViewRestriction.PASSWORD
    assert restriction.password == "çay-2019"
    assert "with a password: 2 imported behind their password" in hostile


def test_protected_post_shows_a_password_form_until_the_password_is_given(hostile, client):
    article = imported_page("post", "500")
    response = client.get(article.url)
    assert SECRET_TEXT not in response.content.decode()
    assert "raporunun özeti" not in soup(response).find("main").get_text()
    form = soup(response).find("input", attrs={"name": "password"}).find_parent("form")

    wrong = client.post(form["action"], {"password": "yanlış", "return_url": article.url})
    assert SECRET_TEXT not in wrong.content.decode()
    client.post(form["action"], {"password": "çay-2019", "return_url": article.url})
    assert SECRET_TEXT in client.get(article.url).content.decode()


def test_protected_post_is_in_no_feed_sitemap_search_or_listing(hostile, client):
    article = imported_page("post", "500")
    section = article.get_parent()
    open_article = imported_page("post", "501")
    readers_see = {
        "feed": client.get("/tr/feed/").content.decode(),
        "atom": client.get("/tr/feed/atom/").content.decode(),
        "section feed": client.get(f"/tr/feed/section/{section.slug}/").content.decode(),
        "tag feed": client.get("/tr/feed/tag/meclis/").content.decode(),
        "sitemaps": sitemap_text(client),
        "news sitemap": client.get("/news-sitemap.xml").content.decode(),
        # The search page repeats the query; its results must not hold the article.
        "search": " ".join(
            card.get_text() + card_link(card)
            for card in cards(client.get("/tr/ara/", {"q": SECRET_WORD}))
        ),
        "section": soup(client.get(section.url)).get_text(),
        "front page": soup(client.get("/tr/")).get_text(),
    }
    for where, text in readers_see.items():
        assert SECRET_WORD not in text, where
        assert article.slug not in text, where
    assert cards(client.get("/tr/ara/", {"q": "paragraf"}))
    assert not SearchDocument.objects.filter(article=article).exists()
    # The open article of the same import is listed, so the checks above can fail.
    assert open_article.title in readers_see["feed"]
    assert open_article.slug in readers_see["sitemaps"]
    assert open_article.title in readers_see["section"]


def test_protected_wordpress_page_is_behind_its_password_and_out_of_the_sitemap(hostile, client):
    page = imported_page("page", "503")
    assert isinstance(page, StandardPage)
    assert PageViewRestriction.objects.get(page=page).password == "üye"
    assert "Gizlibahçe" not in soup(client.get(page.url)).find("main").get_text()
    assert page.slug not in sitemap_text(client)


def test_rerun_keeps_the_password_and_follows_a_changed_one(hostile, uploads, run_import, tmp_path):
    changed = tmp_path / "changed.xml"
    source = (DATA / "hostile.xml").read_text()
    changed.write_text(source.replace("çay-2019", "yeni-şifre"))
    run_import(changed, "--media-dir", str(uploads), "--language", "tr")

    article = imported_page("post", "500")
    assert article.live
    restrictions = PageViewRestriction.objects.filter(page=article)
    assert [r.password for r in restrictions] == ["yeni-şifre"]
    assert not SearchDocument.objects.filter(article=article).exists()


def test_protected_post_is_never_public(hostile):
    article = imported_page("post", "500")
    assert not ArticlePage.objects.live().public().filter(pk=article.pk).exists()


# Markup and addresses -----------------------------------------------------------------


def article_main(client, wp_id: str):
    return soup(client.get(imported_page("post", wp_id).url)).find("main")


def test_links_lead_only_to_web_mail_and_phone_addresses(hostile, client):
    main = article_main(client, "501")
    hrefs = [link["href"] for link in main.find_all("a", href=True)]
    assert "mailto:haber@example.com" in hrefs
    assert "tel:+49203123456" in hrefs
    assert "https://example.org/yol" in hrefs
    # A link into the old site leads there, where the old address redirects here.
    assert "https://eski.example.com/2019/11/eski-yazi/" in hrefs
    for href in hrefs:
        assert href.startswith(("https://", "http://", "mailto:", "tel:", "/")), href
    markup = str(main).lower()
    for payload in ("javascript", "script:", "data:text", "vbscript", "alert("):
        assert payload not in markup
    # The words of a refused link stay, as text.
    text = main.get_text()
    for word in ("bir", "iki", "üç", "dört", "beş", "altı"):
        assert f" {word}," in text


def test_scripts_objects_handlers_and_styles_are_dropped(hostile, client):
    markup = str(article_main(client, "501")).lower()
    for dropped in ("<script", "<object", "<embed", "<svg", "onclick", "onerror", "onload",
                    "expression(", "style=\"background", "kotu.example"):  # fmt: skip
        assert dropped not in markup
    assert "Son paragraf." in article_main(client, "501").get_text()


def test_frames_of_known_providers_become_links_and_others_are_dropped(hostile, client):
    main = article_main(client, "501")
    assert not main.find("iframe")
    hrefs = {link["href"] for link in main.find_all("a", href=True)}
    assert {
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://vimeo.com/76979871",
        "https://www.dailymotion.com/video/x7tgad0",
    } <= hrefs
    assert "warning post 501: embedded frame dropped: https://kotu.example/cerceve.html" in hostile
    assert "warning post 501: embedded frame dropped: (no address)" in hostile


# Image paths ----------------------------------------------------------------------------


@pytest.fixture
def site_uploads(tmp_path):
    """An uploads folder two levels down, with readable pictures around it to steal."""
    uploads = tmp_path / "site" / "wp" / "uploads"
    (uploads / "2019" / "11").mkdir(parents=True)
    (uploads / "2019" / "11" / "foto.jpg").write_bytes(camera_jpeg())
    for outside in ("site/outside.jpg", "etc/passwd.jpg", "site/secret.jpg", "private.jpg"):
        (tmp_path / outside).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / outside).write_bytes(jpeg((40, 30)))
    (uploads / "2019" / "11" / "link.jpg").symlink_to(tmp_path / "private.jpg")
    return uploads


def test_image_paths_leading_out_of_the_media_folder_are_refused(
    home_tr, home_de, site_uploads, run_import
):
    report = run_import("hostile.xml", "--media-dir", str(site_uploads), "--language", "tr")

    for path in (
        "../../outside.jpg",
        "../../../etc/passwd.jpg",
        "../../secret.jpg",
        "2019/11/link.jpg",
    ):
        assert f"image path outside --media-dir refused: {path}" in report
    # The one picture inside the folder comes in, stripped of its camera's metadata.
    (image,) = CustomImage.objects.all()
    with image.open_file() as handle:
        assert_clean(handle.read())
    article = imported_page("post", "502")
    assert article.hero_image is None
    assert [block.value["image"].pk for block in article.body if block.block_type == "image"] == [
        image.pk
    ]


def test_a_nul_byte_in_an_image_path_is_refused_without_a_crash(
    home_tr, home_de, site_uploads, run_import, tmp_path
):
    export = tmp_path / "nul.xml"
    export.write_text(
        (DATA / "hostile.xml").read_text().replace("2019/11/link.jpg", "2019/11/foto%00.jpg")
    )
    report = run_import(export, "--media-dir", str(site_uploads), "--language", "tr")
    assert "image path outside --media-dir refused: 2019/11/foto\x00.jpg" in report


def test_password_protected_posts_old_link_answers_like_an_unknown_address(hostile, client):
    from tests.wordpress.test_redirects import answer

    hidden = answer(client, "/2019/11/zumrutkelebek-raporu/")
    assert hidden[1] == 404
    assert hidden == answer(client, "/2019/11/zumrutkelebek-raporx/")
    assert answer(client, "/?p=500") == answer(client, "/?p=599")


def test_password_removed_on_the_old_site_stays_here_with_a_warning(
    hostile, uploads, run_import, tmp_path
):
    export = tmp_path / "open.xml"
    export.write_text((DATA / "hostile.xml").read_text().replace("çay-2019", ""))
    report = run_import(export, "--media-dir", str(uploads), "--language", "tr")

    article = imported_page("post", "500")
    assert PageViewRestriction.objects.get(page=article).password == "çay-2019"
    assert "warning post 500: no longer has a password on the old site" in report


def test_dry_run_counts_protected_posts(home_tr, home_de, uploads, run_import):
    report = run_import("hostile.xml", "--media-dir", str(uploads), "--language", "tr", "--dry-run")
    assert "with a password: 2 would be imported behind their password" in report
    assert not PageViewRestriction.objects.exists()
