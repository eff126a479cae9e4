"""Which language each post lands in: Polylang groups, detection, or --language."""

from __future__ import annotations

import pytest

from muhabir.newsroom.models import ArticlePage
from muhabir.wordpress.models import ImportedItem

pytestmark = pytest.mark.django_db


def article(site: str, wp_id: str) -> ArticlePage:
    item = ImportedItem.objects.get(site_url=site, kind="post", key=wp_id)
    return ArticlePage.objects.select_related("locale").get(pk=item.page_id)


POLYLANG = "https://zweisprachig.example.org"
MIXED = "http://mahalle.example.net/blog"


def test_polylang_group_becomes_linked_translations(home_tr, home_de, run_import, client):
    run_import("polylang.xml")
    turkish, german = article(POLYLANG, "1"), article(POLYLANG, "2")
    # The texts are too short to detect; Polylang says which is which.
    assert turkish.locale.language_code == "tr"
    assert german.locale.language_code == "de"
    assert turkish.translation_key == german.translation_key
    assert turkish.get_translation(german.locale).pk == german.pk
    alone = article(POLYLANG, "3")
    assert alone.locale.language_code == "de"
    assert alone.translation_key != german.translation_key
    response = client.get(turkish.url)
    assert german.url in response.content.decode()


def test_polylang_rerun_keeps_the_link(home_tr, home_de, run_import):
    run_import("polylang.xml")
    output = run_import("polylang.xml")
    assert "unchanged: 3" in output
    assert article(POLYLANG, "1").translation_key == article(POLYLANG, "2").translation_key


def test_mixed_export_without_plugin_is_sorted_by_detected_language(home_tr, home_de, run_import):
    output = run_import("mixed.xml")
    assert "languages: de 2, tr 2" in output
    assert article(MIXED, "5").locale.language_code == "tr"
    assert article(MIXED, "6").locale.language_code == "de"
    assert article(MIXED, "7").locale.language_code == "tr"
    assert article(MIXED, "8").locale.language_code == "de"
    # One WordPress category, a section in each language it is used in.
    assert article(MIXED, "5").get_parent().locale.language_code == "tr"
    assert article(MIXED, "6").get_parent().locale.language_code == "de"
    assert article(MIXED, "5").get_parent().title == "Haberler"


def test_wxr_1_0_tags_and_entities(home_tr, home_de, run_import):
    run_import("mixed.xml")
    page = article(MIXED, "5")
    assert page.title == "Köln’de yeni dernek kuruldu"
    assert [tag.name for tag in page.tags.all()] == ["Köln"]
    assert page.first_published_at.isoformat() == "2009-05-12T12:00:00+00:00"


def test_language_option_forces_every_post(home_tr, home_de, run_import):
    output = run_import("mixed.xml", "--language", "de")
    assert "languages: de 4" in output
    assert article(MIXED, "5").locale.language_code == "de"


def test_unknown_language_option_is_refused(home_tr, run_import):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="invalid choice"):
        run_import("mixed.xml", "--language", "en")
