"""Section names are searchable words, and PostgreSQL searches keep to their chosen plans."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from wagtail.models import PageViewRestriction

from muhabir.search.backends import postgres_language_indexes_ensure
from muhabir.search.models import SearchDocument
from muhabir.search.selectors import Filters, search_results
from tests.factories import ArticlePageFactory
from tests.factories.newsroom import body_paragraphs

pytestmark = pytest.mark.django_db


def found(query: str, **filters) -> list[str]:
    results = search_results(query=query, filters=Filters(**filters), interface_language="tr")
    return [hit.article.title for hit in results.hits]


def test_section_names_find_the_articles_listed_in_them(sections):
    # Neither text says "Kültür"; the section "Magazin & Kültür" does.
    ArticlePageFactory(
        parent=sections["tr"][0], title="Semaver akşamı", body=body_paragraphs("Çay ve sohbet.")
    )
    ArticlePageFactory(
        parent=sections["tr"][1], title="Mahalle toplantısı", body=body_paragraphs("Sohbet.")
    )

    assert found("kultur") == ["Semaver akşamı"]
    assert found("KÜLTÜR") == ["Semaver akşamı"]
    assert found("toplum") == ["Mahalle toplantısı"]


def test_a_further_section_is_searchable_and_faceted(sections):
    article = ArticlePageFactory(
        parent=sections["de"][0], title="Chorprobe im Verein", body=body_paragraphs("Singen.")
    )
    article.sections.add(sections["de"][2])
    article.save_revision().publish()

    document = SearchDocument.objects.get(article=article)
    assert document.section_ids == f"{sections['de'][0].pk},{sections['de'][2].pk}"
    assert found("vereine") == ["Chorprobe im Verein"]
    results = search_results(query="chorprobe", filters=Filters(), interface_language="de")
    assert {option.label for option in results.facets["section"]} == {
        "Magazin & Kultur",
        "Vereine",
    }


def test_renaming_a_section_reindexes_its_articles(sections, django_capture_on_commit_callbacks):
    ArticlePageFactory(
        parent=sections["tr"][2], title="Yaz pikniği", body=body_paragraphs("Marl'da piknik.")
    )
    assert found("dernekler") == ["Yaz pikniği"]

    section = sections["tr"][2]
    section.title = "Kulüpler"
    with django_capture_on_commit_callbacks(execute=True):
        section.save_revision().publish()

    assert found("kulupler") == ["Yaz pikniği"]
    assert found("dernekler") == []


def test_synthetic_articles_are_searchable_after_loading(home_tr, home_de):
    call_command("load_demo_site", synthetic=3, password="demo-şifre-123", verbosity=0)

    results = search_results(query="sentetik", filters=Filters(), interface_language="tr")
    assert results.total >= 1
    assert SearchDocument.objects.count() >= 3


def test_exclusions_filter_within_the_matches(sections):
    for number in range(6):
        words = "Dernek festival" if number % 2 else "Dernek toplantı"
        ArticlePageFactory(
            parent=sections["tr"][2], title=f"Haber {number}", body=body_paragraphs(words)
        )

    assert sorted(found("dernek -festival")) == ["Haber 0", "Haber 2", "Haber 4"]
    assert found("dernek -festival -toplantı") == []


@pytest.mark.postgres
def test_each_language_has_its_own_index_and_plans_do_not_leak(sections):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: runs in the PostgreSQL pass of .ci/run")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'search_searchdocument' "
            "AND indexname LIKE 'search_document_vector%%'"
        )
        names = {row[0] for row in cursor.fetchall()}
    assert names == {"search_document_vector_tr", "search_document_vector_de"}
    assert postgres_language_indexes_ensure(["tr", "de"]) == []

    ArticlePageFactory(parent=sections["tr"][0], title="Semaver", body=body_paragraphs("Çay."))
    with transaction.atomic(), connection.cursor() as cursor:
        assert found("semaver") == ["Semaver"]
        for setting in ("enable_seqscan", "enable_indexscan", "enable_bitmapscan"):
            cursor.execute(f"SHOW {setting}")
            assert cursor.fetchone()[0] == "on"


@pytest.mark.postgres
def test_a_bounded_exclusion_says_it_was_bounded(sections, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: runs in the PostgreSQL pass of .ci/run")
    from muhabir.search import backends

    ArticlePageFactory(
        parent=sections["tr"][2], title="Eski toplantı", body=body_paragraphs("Dernek toplantısı.")
    )
    for number in range(4):
        ArticlePageFactory(
            parent=sections["tr"][2],
            title=f"Şenlik {number}",
            body=body_paragraphs("Dernek festivali."),
        )
    monkeypatch.setattr(backends, "RECENT_SLICE", 2)
    monkeypatch.setattr(backends, "EXCLUSION_SCAN", 1)

    bounded = search_results(
        query="dernek -festival", filters=Filters(), interface_language="tr", window=2
    )
    assert bounded.capped
    assert bounded.total == 0

    monkeypatch.setattr(backends, "EXCLUSION_SCAN", 4)
    complete = search_results(
        query="dernek -festival", filters=Filters(), interface_language="tr", window=2
    )
    assert not complete.capped
    assert [hit.article.title for hit in complete.hits] == ["Eski toplantı"]


def test_a_restricted_section_lends_its_name_neither_to_facets_nor_to_search(sections):
    private = sections["de"][2]
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    article = ArticlePageFactory(
        parent=sections["de"][0], title="Chorprobe am Abend", body=body_paragraphs("Singen.")
    )
    article.sections.add(private)
    article.save_revision().publish()

    assert found("vereine") == []
    results = search_results(query="chorprobe", filters=Filters(), interface_language="de")
    assert {option.label for option in results.facets["section"]} == {"Magazin & Kultur"}
