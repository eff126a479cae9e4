"""Editorial roles through the Wagtail admin: reporters write, editors publish."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision, WorkflowState

from muhabir.newsroom.models import ArticlePage
from tests.factories import ArticlePageFactory
from tests.helpers import listed_titles
from tests.newsroom.admin_forms import article_form

TITLE = "Yıldız Kenter son yolculuğuna uğurlandı"
SLUG = "yildiz-kenter-son-yolculuguna-ugurlandi"
PUBLISHERS = ["editor_client", "administrator_client", "superuser_client"]


def _add_url(section) -> str:
    return reverse("wagtailadmin_pages:add", args=["newsroom", "articlepage", section.pk])


def _edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def _create_draft(client, section) -> ArticlePage:
    response = client.post(_add_url(section), article_form(title=TITLE, slug=SLUG))
    assert response.status_code == 302, response.context and response.context["form"].errors
    return ArticlePage.objects.get(slug=SLUG)


def _submit(client, page) -> WorkflowState:
    response = client.post(_edit_url(page), article_form(title=TITLE, slug=SLUG, action="submit"))
    assert response.status_code == 302
    return WorkflowState.objects.get(object_id=str(page.pk))


def _approve(client, page, workflow_state):
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, "approve", workflow_state.current_task_state.pk],
    )
    return client.post(url, {"comment": ""})


@pytest.mark.parametrize("language", ["tr", "de"])
def test_reporter_pressing_publish_on_new_article_leaves_a_draft(
    reporter_client, client, sections, language
):
    section = sections[language][0]

    response = reporter_client.post(
        _add_url(section), article_form(title=TITLE, slug=SLUG, action="publish")
    )

    assert response.status_code == 302
    article = ArticlePage.objects.get(slug=SLUG)
    assert article.live is False
    assert article.live_revision is None
    assert article.first_published_at is None
    assert client.get(f"{section.url}{SLUG}/").status_code == 404
    assert TITLE not in listed_titles(client.get(section.url))


def test_reporter_cannot_publish_changes_to_a_live_article(reporter_client, client, sections):
    article = ArticlePageFactory(parent=sections["tr"][0], title="Eski başlık")
    live_revision = article.live_revision

    response = reporter_client.post(
        _edit_url(article), article_form(title=TITLE, slug=article.slug, action="publish")
    )

    assert response.status_code in (200, 302)
    article.refresh_from_db()
    assert article.title == "Eski başlık"
    assert article.live_revision == live_revision
    assert "Eski başlık" in client.get(article.url).content.decode()


def test_reporter_saves_a_draft_with_a_revision(reporter_client, reporter, sections):
    article = _create_draft(reporter_client, sections["tr"][0])

    revision = article.get_latest_revision()
    assert article.live is False
    assert revision.user == reporter
    assert revision.as_object().title == TITLE
    assert "İstanbul'da tedavi" in revision.as_object().body_text


def test_reporter_submits_draft_to_editorial_review(reporter_client, reporter, sections):
    article = _create_draft(reporter_client, sections["tr"][0])

    workflow_state = _submit(reporter_client, article)

    assert workflow_state.workflow.name == "Editorial review"
    assert workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert workflow_state.requested_by == reporter
    assert workflow_state.current_task_state.task.name == "Editorial review"
    article.refresh_from_db()
    assert article.live is False


@pytest.mark.parametrize("role_client", PUBLISHERS, indirect=True)
@pytest.mark.parametrize("language", ["tr", "de"])
def test_editorial_roles_publish_new_article(role_client, client, sections, language):
    section = sections[language][1]

    response = role_client.post(
        _add_url(section), article_form(title=TITLE, slug=SLUG, action="publish")
    )

    assert response.status_code == 302
    article = ArticlePage.objects.get(slug=SLUG)
    assert article.live is True
    assert article.live_revision is not None
    assert article.locale.language_code == language
    assert client.get(article.url).status_code == 200
    assert listed_titles(client.get(section.url)) == [TITLE]


@pytest.mark.parametrize("role_client", ["editor_client", "administrator_client"], indirect=True)
def test_editorial_roles_approve_submitted_article(role_client, reporter_client, client, sections):
    article = _create_draft(reporter_client, sections["tr"][0])
    workflow_state = _submit(reporter_client, article)

    response = _approve(role_client, article, workflow_state)

    assert response.status_code == 302
    article.refresh_from_db()
    workflow_state.refresh_from_db()
    assert article.live is True
    assert workflow_state.status == WorkflowState.STATUS_APPROVED
    assert client.get(article.url).status_code == 200


def test_reporter_cannot_approve_own_submission(reporter_client, client, sections):
    article = _create_draft(reporter_client, sections["tr"][0])
    workflow_state = _submit(reporter_client, article)

    response = _approve(reporter_client, article, workflow_state)

    assert response.status_code in (302, 403)
    article.refresh_from_db()
    workflow_state.refresh_from_db()
    assert article.live is False
    assert workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert client.get(f"{sections['tr'][0].url}{SLUG}/").status_code == 404


def _let_time_pass(revision: Revision) -> None:
    """What the clock would do: the approved go-live moment is now in the past."""
    past = timezone.now() - dt.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])


def test_scheduled_article_goes_live_with_publish_scheduled(editor_client, client, sections):
    section = sections["tr"][0]
    go_live_at = timezone.now() + dt.timedelta(days=2)

    response = editor_client.post(
        _add_url(section),
        article_form(title=TITLE, slug=SLUG, action="publish", go_live_at=go_live_at),
    )

    assert response.status_code == 302
    article = ArticlePage.objects.get(slug=SLUG)
    revision = article.get_latest_revision()
    assert article.live is False
    assert revision.approved_go_live_at is not None
    assert abs(revision.approved_go_live_at - go_live_at) < dt.timedelta(minutes=1)
    call_command("publish_scheduled")
    article.refresh_from_db()
    assert article.live is False
    assert TITLE not in listed_titles(client.get(section.url))

    _let_time_pass(revision)
    call_command("publish_scheduled")

    article.refresh_from_db()
    assert article.live is True
    assert article.first_published_at is not None
    assert client.get(article.url).status_code == 200
    assert listed_titles(client.get(section.url)) == [TITLE]
