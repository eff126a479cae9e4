"""Sources configured and the review queue worked through in the Wagtail admin."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import WorkflowState

from muhabir.ingest.models import FailureReason, FeedSource, FetchStatus
from muhabir.ingest.services import feed_source_ingest
from muhabir.newsroom.models import ArticlePage
from tests.factories import ArticlePageFactory
from tests.factories.ingest import FeedSourceFactory
from tests.helpers import soup
from tests.ingest.conftest import rss, rss_item
from tests.newsroom.admin_forms import article_form

pytestmark = pytest.mark.django_db

QUEUE_URL = "/admin/press-releases/"
SOURCES_URL = "/admin/snippets/ingest/feedsource/"
QUEUE_USERS = ["reporter_client", "editor_client", "administrator_client", "superuser_client"]


@pytest.fixture
def ingested(feed_server, make_source, sections):
    """Two imported drafts from "Stadt Duisburg": "Eski haber", then "Yeni haber"."""
    url = feed_server.serve(
        "/feed.xml",
        rss(
            rss_item("Eski haber", guid="1", link="http://example.org/eski"),
            rss_item("Yeni haber", guid="2", link="http://example.org/yeni"),
        ),
    )
    source = make_source(url, name="Stadt Duisburg")
    feed_source_ingest(source=source)
    return source


def _listing(response):
    """The listing's table, not the keyboard-shortcut table every admin page carries."""
    return soup(response).find(id="listing-results").find("table")


def _queue_rows(response) -> list[list[str]]:
    table = _listing(response)
    if table is None:
        return []
    return [
        [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
        for row in table.find("tbody").find_all("tr")
    ]


@pytest.mark.parametrize("role_client", QUEUE_USERS, indirect=True)
def test_queue_lists_imported_drafts_with_source_and_edit_link(role_client, ingested):
    response = role_client.get(QUEUE_URL)

    assert response.status_code == 200
    rows = _queue_rows(response)
    assert [row[0] for row in rows] == ["Yeni haber", "Eski haber"]
    assert all(row[1] == "Stadt Duisburg" for row in rows)
    newest = ArticlePage.objects.get(title="Yeni haber")
    links = [a["href"] for a in _listing(response).find("tbody").find_all("a")]
    assert reverse("wagtailadmin_pages:edit", args=[newest.pk]) in links
    assert "http://example.org/yeni" in links


def test_queue_query_count_does_not_grow_with_its_length(
    editor_client, feed_server, make_source, sections
):
    def queue_queries(count: int) -> int:
        items = [rss_item(f"Haber {count}-{n}", guid=f"{count}-{n}") for n in range(count)]
        source = make_source(feed_server.serve(f"/feed-{count}.xml", rss(*items)))
        feed_source_ingest(source=source)
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(QUEUE_URL).status_code == 200
        return len(queries)

    assert queue_queries(2) == queue_queries(6)


def test_queue_leaves_out_published_and_hand_written_articles(editor_client, ingested, sections):
    ArticlePage.objects.get(title="Eski haber").save_revision().publish()
    ArticlePageFactory(parent=sections["tr"][0], title="Elle yazılmış taslak", publish=False)

    rows = _queue_rows(editor_client.get(QUEUE_URL))

    assert [row[0] for row in rows] == ["Yeni haber"]


def test_queue_can_be_filtered_by_source(editor_client, ingested, feed_server, make_source):
    other = make_source(
        feed_server.serve("/other.xml", rss(rss_item("Polis haberi", guid="p"))),
        name="Polizei",
    )
    feed_source_ingest(source=other)

    rows = _queue_rows(editor_client.get(QUEUE_URL, {"source": other.pk}))

    assert [row[0] for row in rows] == ["Polis haberi"]


def test_queue_is_closed_to_users_who_cannot_edit_pages(client, django_user_model, ingested):
    user = django_user_model.objects.create_user(username="okur", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    assert client.get(QUEUE_URL).status_code in (302, 403)
    assert QUEUE_URL not in client.get("/admin/").content.decode()


def test_menu_offers_the_queue_and_the_sources_to_editors(editor_client):
    page = editor_client.get("/admin/").content.decode()

    assert QUEUE_URL in page and SOURCES_URL in page


def test_menu_offers_reporters_the_queue_but_not_the_sources(reporter_client):
    page = reporter_client.get("/admin/").content.decode()

    assert QUEUE_URL in page and SOURCES_URL not in page
    assert reporter_client.get(SOURCES_URL).status_code in (302, 403)


def test_editor_publishes_an_imported_draft_like_any_article(editor_client, ingested, client):
    article = ArticlePage.objects.get(title="Yeni haber")
    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert editor_client.get(edit_url).status_code == 200

    response = editor_client.post(
        edit_url, article_form(title="Yeni haber", slug=article.slug, action="publish")
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.live
    assert [row[0] for row in _queue_rows(editor_client.get(QUEUE_URL))] == ["Eski haber"]
    assert client.get(article.url).status_code == 200


def test_reporter_submits_an_imported_draft_to_editorial_review(reporter_client, ingested):
    article = ArticlePage.objects.get(title="Eski haber")
    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])

    response = reporter_client.post(
        edit_url, article_form(title="Eski haber", slug=article.slug, action="submit")
    )

    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(article.pk))
    assert state.workflow.name == "Editorial review"
    article.refresh_from_db()
    assert not article.live
    # Submitted, it stays in the queue until published, marked as in moderation.
    rows = _queue_rows(reporter_client.get(QUEUE_URL))
    with translation.override("tr"):
        in_moderation = str(article.status_string)
    assert [rows[1][0], rows[1][3]] == ["Eski haber", in_moderation]
    assert rows[0][3] != in_moderation


def test_sources_list_shows_the_reason_of_the_last_failure_without_its_details(
    editor_client, sections
):
    # A detail stored before details were kept to the log is not shown either.
    FeedSourceFactory(
        name="AWO Duisburg",
        section=sections["tr"][0],
        last_status=FetchStatus.FAILED,
        last_error_reason=FailureReason.NETWORK,
        last_error="[Errno 111] Connection refused",
    )

    response = editor_client.get(SOURCES_URL)

    assert response.status_code == 200
    row = _listing(response).find("tbody").find("tr").get_text(" ", strip=True)
    assert "AWO Duisburg" in row
    # The admin speaks the site's default language, Turkish, to this editor.
    with translation.override("tr"):
        reason = str(FailureReason.NETWORK.label)
    assert reason in row
    assert "refused" not in row and "111" not in row


def _source_form(**overrides) -> dict:
    return {
        "name": "Stadt Duisburg",
        "url": "https://www.duisburg.de/presse.rss",
        "needs_review": "on",
        "active": "on",
        **overrides,
    }


def test_editor_adds_a_source_that_needs_review_by_default(editor_client, sections, locale_de):
    response = editor_client.get(SOURCES_URL + "add/")
    assert response.status_code == 200
    assert soup(response).find("input", attrs={"name": "needs_review"}).has_attr("checked")

    response = editor_client.post(
        SOURCES_URL + "add/",
        _source_form(language=locale_de.pk, section=sections["de"][1].pk),
    )

    assert response.status_code == 302
    source = FeedSource.objects.get()
    assert (source.section, source.language, source.needs_review) == (
        sections["de"][1],
        locale_de,
        True,
    )


def test_section_in_another_language_is_refused(editor_client, sections, locale_de):
    response = editor_client.post(
        SOURCES_URL + "add/",
        _source_form(language=locale_de.pk, section=sections["tr"][1].pk),
    )

    assert response.status_code == 200
    assert "section" in response.context["form"].errors
    assert not FeedSource.objects.exists()
