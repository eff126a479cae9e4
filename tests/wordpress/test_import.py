"""Importing a realistic WXR 1.2 export: what editors and readers find afterwards."""

from __future__ import annotations

import datetime as dt

import pytest
from wagtail.models import Page

from muhabir.home.models import StandardPage
from muhabir.images.models import CustomImage
from muhabir.newsroom.models import ArticlePage, ArticlePlacement, Author, SectionPage
from muhabir.search.models import SearchDocument
from muhabir.wordpress.models import ImportedItem
from tests.helpers import soup

pytestmark = pytest.mark.django_db

UTC = dt.UTC


@pytest.fixture
def imported(home_tr, home_de, uploads, run_import):
    return run_import("site.xml", "--media-dir", str(uploads))


def article(wp_id: str) -> ArticlePage:
    item = ImportedItem.objects.get(kind="post", key=wp_id)
    return ArticlePage.objects.get(pk=item.page_id)


def test_report_counts_what_was_done(imported):
    assert "created: article 8, page 1" in imported
    assert "skipped post 105: status trash" in imported
    assert "skipped post 107: in language 'en'" in imported
    assert "images: 2 imported" in imported
    assert "warning post 108: image file missing: 2019/12/kayip-640x480.jpg" in imported
    assert "warning post 100: shortcode [contact-form-7] kept as text" in imported
    assert "nav_menu_item 1, revision 1" in imported


def test_published_post_is_live_with_wordpress_dates(imported):
    page = article("100")
    when = dt.datetime(2019, 11, 19, 9, 0, tzinfo=UTC)
    assert page.live and not page.has_unpublished_changes
    assert page.first_published_at == when
    assert page.last_published_at == when
    assert page.editorial_date == when
    assert page.published_date == when
    assert page.title == "Duisburg’da çay bahçesi açıldı"
    assert page.slug == "duisburgda-cay-bahcesi"
    assert page.teaser == "Marxloh’ta yeni buluşma yeri"
    assert page.featured is True
    assert page.locale.language_code == "tr"


def test_each_status_is_kept(imported):
    draft, pending, scheduled, private = (article(i) for i in ("101", "102", "103", "104"))
    for page in (draft, pending, private):
        assert not page.live
        assert page.first_published_at is None
        assert page.go_live_at is None
    assert not scheduled.live
    assert scheduled.go_live_at == dt.datetime(2099, 6, 20, 8, 0, tzinfo=UTC)
    assert scheduled.latest_revision.approved_go_live_at == scheduled.go_live_at
    assert not ImportedItem.objects.filter(key="105").exists()
    assert not ArticlePage.objects.filter(title="Silinen haber").exists()


def test_draft_dates_come_from_local_time_on_both_sides_of_the_dst_change(imported):
    # 31 March 2019: Berlin clocks jump from 02:00 CET to 03:00 CEST.
    after, before = article("101"), article("111")
    assert after.editorial_date == dt.datetime(2019, 3, 31, 1, 30, tzinfo=UTC)
    assert before.editorial_date == dt.datetime(2019, 3, 31, 0, 30, tzinfo=UTC)


def test_articles_have_a_revision_editors_can_open(imported, editor_client):
    for wp_id in ("100", "101", "106"):
        page = article(wp_id)
        assert page.latest_revision is not None
        assert page.latest_revision.as_object().title == page.title
        response = editor_client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200
    live = article("100")
    assert live.live_revision_id == live.latest_revision_id
    assert article("101").live_revision_id is None


def test_revision_holds_bylines_tags_and_sections(imported):
    page = article("100")
    revised = page.latest_revision.as_object()
    assert [b.author.name for b in revised.bylines.all()] == ["Ilgın Şahin"]
    assert sorted(t.name for t in revised.tags.all()) == ["Duisburg", "Konser", "Çay bahçesi"]


def test_categories_become_sections_with_decoded_names(imported, home_tr, home_de):
    page = article("100")
    section = page.get_parent().specific
    assert section.title == "Magazin & Kültür"
    assert section.slug == "magazin-kultur"
    assert section.live and section.get_parent().pk == home_tr.pk
    german = article("106").get_parent().specific
    assert german.title == "Gesellschaft"
    assert german.get_parent().pk == home_de.pk
    assert ArticlePlacement.objects.filter(article=page, section=section, is_primary=True).exists()


def test_child_category_files_under_its_parent_and_becomes_a_tag(imported):
    page = article("100")
    assert page.get_parent().title == "Magazin & Kültür"
    assert not SectionPage.objects.filter(title="Konser").exists()
    assert "Konser" in {tag.name for tag in page.tags.all()}


def test_uncategorized_goes_to_the_languages_first_section(imported, home_tr):
    first = SectionPage.objects.child_of(home_tr).order_by("path").first()
    assert article("108").get_parent().pk == first.pk
    assert not SectionPage.objects.filter(title="Uncategorized").exists()


def test_uncategorized_uses_an_existing_first_section(sections, uploads, run_import):
    run_import("site.xml", "--media-dir", str(uploads))
    assert article("108").get_parent().pk == sections["tr"][0].pk


def test_existing_sections_are_reused(sections, uploads, run_import):
    before = SectionPage.objects.count()
    output = run_import("site.xml", "--media-dir", str(uploads))
    # "Magazin & Kültür" and "Gesellschaft" exist in the fixture's tree already.
    assert SectionPage.objects.count() == before
    assert "sections created" not in output
    assert article("100").get_parent().pk == sections["tr"][0].pk
    assert article("106").get_parent().pk == sections["de"][1].pk


def test_authors_become_snippets_reused_by_name(home_tr, home_de, uploads, run_import):
    Author.objects.create(name="Jens Müller", role="Reporter")
    run_import("site.xml", "--media-dir", str(uploads))
    assert Author.objects.filter(name="Jens Müller").count() == 1
    assert Author.objects.filter(name="Ilgın Şahin").count() == 1
    assert [b.author.name for b in article("106").bylines.all()] == ["Jens Müller"]


def test_classic_content_becomes_paragraphs_subheadings_and_images(imported):
    page = article("100")
    blocks = [(block.block_type, block.value) for block in page.body]
    kinds = [kind for kind, _value in blocks]
    assert kinds == ["paragraph", "image", "subheading", "paragraph", "paragraph", "paragraph"]
    first = blocks[0][1].source
    # wpautop: the single newline is a line break inside the first paragraph.
    assert first.startswith("<p>Duisburg'un Marxloh")
    assert "<br/>" in first.replace("<br>", "<br/>")
    assert blocks[2][1] == "Gençler için de bir yer"
    text = blocks[3][1].source
    assert "<b>Ayşe Yılmaz</b>" in text
    assert '<a href="https://example.org/">buraya</a>' in text
    assert "onclick" not in text and "script" not in text and "alert" not in text
    assert "style" not in blocks[4][1].source
    assert "[contact-form-7" in blocks[5][1].source


def test_caption_shortcode_on_a_size_file_imports_the_original_with_credit(imported):
    page = article("100")
    image_block = next(block.value for block in page.body if block.block_type == "image")
    image = image_block["image"]
    assert (image.width, image.height) == (800, 600)
    assert image_block["caption"] == "Çay bahçesinde sohbet."
    assert image_block["credit"] == "Foto: Ilgın Şahin"
    assert image.description == "İki kadın çay bahçesinde oturuyor"
    assert image.credit == "Foto: Ilgın Şahin"
    # The featured image is the same attachment: one image, not two.
    assert page.hero_image_id == image.pk
    assert CustomImage.objects.count() == 2


def test_block_editor_content_becomes_blocks(imported):
    page = article("106")
    blocks = [(block.block_type, block.value) for block in page.body]
    assert [kind for kind, _value in blocks] == [
        "paragraph", "image", "subheading", "quote", "paragraph", "paragraph",
    ]  # fmt: skip
    assert "<b>samstags</b>" in blocks[0][1].source
    assert blocks[1][1]["caption"] == "Das Rathaus am Burgplatz"
    assert blocks[1][1]["credit"] == "Bild: Stadt Duisburg"
    assert blocks[1][1]["image"].width == 1200
    assert blocks[2][1] == "Termine online buchen"
    assert blocks[3][1]["text"] == "Wir wollen, dass niemand lange warten muss."
    assert blocks[3][1]["speaker"] == "Oberbürgermeister"
    # The video is a link: an embedded player would load from YouTube.
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in blocks[4][1].source
    assert "<li>Montag bis Freitag</li>" in blocks[5][1].source
    assert page.hero_image_id == blocks[1][1]["image"].pk


def test_missing_image_is_a_warning_and_the_post_still_imports(imported):
    page = article("108")
    assert page.live
    assert [block.block_type for block in page.body] == ["paragraph"]
    assert page.slug == "mahallede-yeni-kutuphane"


def test_wordpress_page_becomes_a_standard_page(imported, home_de):
    item = ImportedItem.objects.get(kind="page", key="200")
    page = StandardPage.objects.get(pk=item.page_id)
    assert page.get_parent().pk == home_de.pk
    assert page.live
    assert page.first_published_at == dt.datetime(2019, 5, 1, 9, 0, tzinfo=UTC)
    assert "<p>Verantwortlich" in page.body


def test_live_articles_are_searchable_and_drafts_are_not(imported, client):
    assert SearchDocument.objects.filter(article=article("100")).exists()
    for wp_id in ("101", "102", "103", "104"):
        assert not SearchDocument.objects.filter(article=article(wp_id)).exists()
    response = client.get("/tr/ara/", {"q": "çay bahçesi"})
    assert "Duisburg’da çay bahçesi açıldı" in soup(response).get_text()


def test_imported_article_renders_with_its_image_credit(imported, client):
    page = article("100")
    response = client.get(page.url)
    assert response.status_code == 200
    page_text = soup(response).get_text()
    assert "Foto: Ilgın Şahin" in page_text
    assert "Gençler için de bir yer" in page_text


def test_drafts_stay_unreachable(imported, client):
    for wp_id in ("101", "102", "103", "104"):
        page = article(wp_id)
        assert client.get(page.url or f"/tr/{page.slug}/").status_code == 404
    assert Page.objects.live().filter(title__startswith="Gizli").count() == 0
