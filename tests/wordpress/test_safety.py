"""All or nothing: bad files change nothing, dry runs change nothing, re-runs duplicate nothing."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.management import CommandError
from taggit.models import Tag
from wagtail.models import Page, Revision

from muhabir.images.models import CustomImage
from muhabir.newsroom.models import (
    ArticlePage,
    ArticlePageAuthor,
    ArticlePlacement,
    Author,
    SectionPage,
)
from muhabir.newsroom.models.articles import ArticlePageTag
from muhabir.search.models import SearchDocument
from muhabir.wordpress.models import ImportedItem, LegacyLink
from tests.wordpress.conftest import DATA

pytestmark = pytest.mark.django_db

MODELS = [
    Page, ArticlePage, SectionPage, Revision, CustomImage, Author, Tag, ArticlePageTag,
    ArticlePageAuthor, ArticlePlacement, SearchDocument, ImportedItem, LegacyLink,
]  # fmt: skip


def snapshot(media_root) -> dict:
    counts = {model.__name__: model.objects.count() for model in MODELS}
    counts["search index entries"] = apps.get_model("wagtailsearch", "IndexEntry").objects.count()
    counts["files"] = sorted(p.name for p in media_root.rglob("*") if p.is_file())
    return counts


@pytest.fixture
def site_tree(home_tr, home_de, sections):
    return sections


@pytest.mark.parametrize(
    ("name", "message"),
    [("malformed.xml", "line 289"), ("truncated.xml", "line 210")],
)
def test_broken_file_stops_with_the_line_and_changes_nothing(
    site_tree, uploads, run_import, media_root, name, message
):
    before = snapshot(media_root)
    with pytest.raises(CommandError) as error:
        run_import(name, "--media-dir", str(uploads))
    assert message in str(error.value)
    assert "nothing was imported" in str(error.value)
    assert snapshot(media_root) == before


def test_failure_midway_rolls_back_rows_and_removes_stored_files(
    site_tree, uploads, run_import, media_root, monkeypatch
):
    from muhabir.wordpress import importing

    before = snapshot(media_root)

    def broken(*args, **kwargs):
        raise KeyboardInterrupt

    # Interrupted after the images and the first articles were written.
    monkeypatch.setattr(importing._Importer, "_attachment_links", broken)
    with pytest.raises(CommandError, match="interrupted"):
        run_import("site.xml", "--media-dir", str(uploads))
    assert snapshot(media_root) == before


def test_not_a_wordpress_file_is_refused(site_tree, tmp_path, run_import, media_root):
    path = tmp_path / "feed.xml"
    path.write_text(
        '<?xml version="1.0"?><rss><channel><item><title>x</title></item></channel></rss>'
    )
    before = snapshot(media_root)
    with pytest.raises(CommandError, match="not a WordPress export"):
        run_import(path)
    assert snapshot(media_root) == before


def test_missing_file_and_folder_are_clear_errors(site_tree, run_import, tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run_import(tmp_path / "nope.xml")
    with pytest.raises(CommandError, match="no such folder"):
        run_import("site.xml", "--media-dir", str(tmp_path / "nope"))


def test_dry_run_reports_and_writes_nothing(site_tree, uploads, run_import, media_root):
    before = snapshot(media_root)
    output = run_import("site.xml", "--media-dir", str(uploads), "--dry-run")
    assert output.startswith("Dry run:")
    assert "created: article 8, page 1" in output
    assert "images: 2 would be imported" in output
    assert snapshot(media_root) == before


def test_second_run_creates_no_duplicates(site_tree, uploads, run_import, media_root):
    run_import("site.xml", "--media-dir", str(uploads))
    after_first = snapshot(media_root)
    output = run_import("site.xml", "--media-dir", str(uploads))
    assert "created: 0" in output
    assert "unchanged: 9" in output
    assert snapshot(media_root) == after_first


def test_rerun_with_an_updated_export_updates_changed_posts(
    site_tree, uploads, run_import, tmp_path, client
):
    run_import("site.xml", "--media-dir", str(uploads))
    page_id = ImportedItem.objects.get(kind="post", key="100").page_id
    draft_id = ImportedItem.objects.get(kind="post", key="101").page_id
    pages_before = Page.objects.count()
    images_before = CustomImage.objects.count()
    text = (DATA / "site.xml").read_text()
    text = text.replace(
        "Duisburg&#8217;da çay bahçesi açıldı]]", "Marxloh&#8217;ta çay bahçesi açıldı]]", 1
    )
    # The draft is published in the newer export.
    start = text.index("<wp:post_id>101</wp:post_id>")
    end = text.index("</item>", start)
    text = (
        text[:start]
        + text[start:end]
        .replace("<![CDATA[draft]]>", "<![CDATA[publish]]>")
        .replace("0000-00-00 00:00:00", "2019-03-31 01:30:00")
        + text[end:]
    )
    updated = tmp_path / "site-2.xml"
    updated.write_text(text)
    output = run_import(updated, "--media-dir", str(uploads))
    assert "created: 0" in output
    assert "updated: article 2" in output
    assert Page.objects.count() == pages_before
    assert CustomImage.objects.count() == images_before
    article = ArticlePage.objects.get(pk=page_id)
    assert article.title == "Marxloh’ta çay bahçesi açıldı"
    assert article.live
    assert article.latest_revision.as_object().title == article.title
    published = ArticlePage.objects.get(pk=draft_id)
    assert published.live
    assert SearchDocument.objects.filter(article_id=draft_id).exists()
    response = client.get("/?p=101")
    assert response.status_code == 301
    assert response["Location"] == published.url


def test_post_trashed_since_the_last_run_is_unpublished(site_tree, uploads, run_import, tmp_path):
    run_import("site.xml", "--media-dir", str(uploads))
    page_id = ImportedItem.objects.get(kind="post", key="106").page_id
    text = (DATA / "site.xml").read_text()
    start = text.index("<wp:post_id>106</wp:post_id>")
    end = text.index("</item>", start)
    text = text[:start] + text[start:end].replace("[publish]", "[trash]") + text[end:]
    updated = tmp_path / "site-2.xml"
    updated.write_text(text)
    run_import(updated, "--media-dir", str(uploads))
    assert not Page.objects.get(pk=page_id).live
    assert not SearchDocument.objects.filter(article_id=page_id).exists()


def test_images_are_reused_across_runs_and_exports(site_tree, uploads, run_import):
    run_import("site.xml", "--media-dir", str(uploads))
    assert CustomImage.objects.count() == 2
    run_import("site.xml", "--media-dir", str(uploads))
    assert CustomImage.objects.count() == 2
    assert ImportedItem.objects.filter(kind="file").count() == 2


def test_section_map_files_categories_into_existing_sections(
    site_tree, uploads, run_import, tmp_path
):
    mapping = tmp_path / "sections.csv"
    mapping.write_text("category,section\n# comment\nmagazin-kultur,toplum\nGesellschaft,vereine\n")
    run_import("site.xml", "--media-dir", str(uploads), "--section-map", str(mapping))
    turkish = ArticlePage.objects.get(pk=ImportedItem.objects.get(key="100").page_id)
    german = ArticlePage.objects.get(pk=ImportedItem.objects.get(key="106").page_id)
    assert turkish.get_parent().pk == site_tree["tr"][1].pk
    assert german.get_parent().pk == site_tree["de"][2].pk


def test_section_map_naming_an_unknown_section_is_refused(site_tree, run_import, tmp_path):
    mapping = tmp_path / "sections.csv"
    mapping.write_text("magazin-kultur,toplum\nkonser,yok-boyle-bir-bolum\n")
    with pytest.raises(
        CommandError, match="line 2: no section with the slug 'yok-boyle-bir-bolum'"
    ):
        run_import("site.xml", "--section-map", str(mapping))
