"""The index follows publishing: drafts, scheduled and private articles are never found."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageViewRestriction

from muhabir.demo.synthetic import synthetic_articles_create
from muhabir.search.models import SearchDocument
from muhabir.search.selectors import Filters, search_results, title_suggestions
from tests.factories import ArticlePageFactory
from tests.factories.newsroom import body_paragraphs

pytestmark = pytest.mark.django_db


def found(query: str) -> list[str]:
    results = search_results(query=query, filters=Filters(), interface_language="tr")
    return [hit.article.title for hit in results.hits]


def suggested(query: str) -> list[str]:
    return [article.title for article in title_suggestions(query=query)]


def make(section, title: str, text: str, **kwargs):
    return ArticlePageFactory(parent=section, title=title, body=body_paragraphs(text), **kwargs)


def test_published_article_is_found_at_once(sections):
    make(sections["tr"][0], "Semaver çayı Hamborn'da", "İltis Park'taki çay bahçesi açıldı.")

    assert found("semaver") == ["Semaver çayı Hamborn'da"]
    assert found("iltis park") == ["Semaver çayı Hamborn'da"]
    assert suggested("sema") == ["Semaver çayı Hamborn'da"]


def test_draft_is_never_found(sections):
    make(sections["tr"][0], "Gizli taslak haber", "Henüz yayımlanmadı.", publish=False)

    assert found("taslak") == []
    assert suggested("tasl") == []
    assert not SearchDocument.objects.exists()


def test_unpublished_changes_stay_out_until_published(sections):
    article = make(sections["de"][0], "Teegarten öffnet", "Der Teegarten am See öffnet.")
    article.title = "Teegarten schließt geheim"
    article.save_revision()

    assert found("geheim") == []
    assert found("Teegarten") == ["Teegarten öffnet"]

    article.get_latest_revision().publish()

    assert found("geheim") == ["Teegarten schließt geheim"]
    assert SearchDocument.objects.count() == 1


def test_unpublished_article_disappears(sections):
    article = make(sections["tr"][1], "Derneğin yaz pikniği", "Marl'da piknik yapıldı.")
    assert found("piknik")

    article.unpublish()

    assert found("piknik") == []
    assert suggested("pikn") == []


def test_deleted_article_disappears(sections):
    article = make(sections["de"][1], "Elterncafé startet", "Jeden Donnerstag im Vereinsheim.")
    assert found("Elterncafe")

    article.delete()

    assert found("Elterncafe") == []
    assert not SearchDocument.objects.exists()


def test_scheduled_article_is_found_only_once_live(sections):
    article = make(
        sections["tr"][0], "Yarın yayımlanacak konser", "Filarmoni konseri.", publish=False
    )
    article.go_live_at = timezone.now() + dt.timedelta(days=1)
    article.save_revision().publish()

    assert found("filarmoni") == []
    assert suggested("yarın") == []

    article.refresh_from_db()
    article.go_live_at = None
    article.save_revision().publish()

    assert found("filarmoni") == ["Yarın yayımlanacak konser"]


def test_articles_in_a_private_section_are_dropped_and_come_back(sections):
    make(sections["tr"][2], "Üyelere özel duyuru", "Genel kurul tarihi belli oldu.")

    restriction = PageViewRestriction.objects.create(
        page=sections["tr"][2], restriction_type=PageViewRestriction.PASSWORD, password="gizli"
    )
    assert found("genel kurul") == []
    assert suggested("üyel") == []

    restriction.delete()
    assert found("genel kurul") == ["Üyelere özel duyuru"]


def test_moving_an_article_under_a_private_section_drops_it(sections):
    article = make(sections["tr"][0], "Taşınan haber", "Bölüm değişti.")
    PageViewRestriction.objects.create(
        page=sections["tr"][2], restriction_type=PageViewRestriction.PASSWORD, password="gizli"
    )

    article.move(sections["tr"][2], pos="last-child")

    assert found("taşınan") == []


def test_rebuild_indexes_bulk_created_articles(sections):
    make(sections["tr"][0], "Elle yazılmış haber", "Editörün haberi.")
    synthetic_articles_create(count=30)
    assert SearchDocument.objects.count() == 1

    call_command("rebuild_search_index", verbosity=0)

    assert SearchDocument.objects.count() == 31
    assert found("Sentetik") or found("Synthetischer")
    call_command("rebuild_search_index", verbosity=0)
    assert SearchDocument.objects.count() == 31


def test_rebuild_dry_run_changes_nothing(sections, capsys):
    synthetic_articles_create(count=5)

    call_command("rebuild_search_index", dry_run=True)

    assert "Would index 5 articles" in capsys.readouterr().out
    assert not SearchDocument.objects.exists()


def test_rebuild_leaves_out_drafts_and_private_articles(sections):
    make(sections["tr"][0], "Taslak", "Taslak metin.", publish=False)
    make(sections["tr"][2], "Özel", "Özel metin.")
    make(sections["tr"][1], "Açık haber", "Herkese açık metin.")
    PageViewRestriction.objects.create(
        page=sections["tr"][2], restriction_type=PageViewRestriction.PASSWORD, password="gizli"
    )

    call_command("rebuild_search_index", verbosity=0)

    assert list(SearchDocument.objects.values_list("title", flat=True)) == ["Açık haber"]
