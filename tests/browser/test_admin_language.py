"""The admin in Turkish and in German, as the demo editor sees it in Chromium.

The editor logs in through the form, with Turkish and then German as the admin
language, walks the pages an editor uses and submits an article to review; no line of
any page may be an English string that our catalogues or the Wagtail overrides translate.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import Page, expect
from wagtail.models import WorkflowState
from wagtail.users.models import UserProfile

from muhabir.newsroom.models import ArticlePage
from tests.browser.test_editorial_workflow import log_in
from tests.i18n.english import english_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SUBMIT = {"tr": "Redaksiyon onayı için gönder", "de": "Zur Redaktionsprüfung einreichen"}
SUBMITTED = {"tr": "incelemeye gönderildi", "de": "zur Moderation eingereicht"}
DIRECTORY_SNIPPETS = ["place", "association", "integrationcentre", "offer", "event"]


def english_on(page: Page, language: str) -> list[str]:
    page.wait_for_load_state("load")
    lines = page.inner_text("body").splitlines()
    return english_in([line.strip() for line in lines if line.strip()], language)


def visit(page: Page, url: str, language: str, found: dict[str, list[str]]) -> None:
    response = page.goto(url)
    assert response is not None and response.ok, url
    english = english_on(page, language)
    if english:
        found[url] = english


@pytest.mark.parametrize("language", ["tr", "de"])
def test_editor_sees_the_admin_in_their_language_without_english(open_page, demo_site, language):
    editor_user = get_user_model().objects.get(username="editor")
    profile = UserProfile.get_for_user(editor_user)
    profile.preferred_language = language
    profile.save(update_fields=["preferred_language"])
    article = ArticlePage.objects.live().filter(locale__language_code=language).first()
    assert article is not None
    section = article.get_parent()
    page = open_page()
    log_in(page, "editor")
    found: dict[str, list[str]] = {}

    for url in [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[section.pk]),
        reverse("wagtailadmin_pages:add", args=["newsroom", "articlepage", section.pk]),
        reverse("wagtailimages:index"),
        reverse("wagtailimages:add_multiple"),
        reverse("wagtaildocs:index"),
        reverse("wagtaildocs:add_multiple"),
        reverse("wagtailadmin_reports:locked_pages"),
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailadmin_account"),
        *(
            reverse(f"wagtailsnippets_directory_{name}:{view}")
            for name in DIRECTORY_SNIPPETS
            for view in ("list", "add")
        ),
    ]:
        visit(page, url, language, found)

    # The edit page, with the status side panel and the publishing schedule dialog open.
    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    visit(page, edit_url, language, found)
    page.locator('[data-side-panel-toggle="status"]').click()
    page.locator('[data-a11y-dialog-show="schedule-publishing-dialog"]:visible').first.click()
    dialog = page.locator("#schedule-publishing-dialog")
    expect(dialog).to_be_visible()
    found_dialog = english_in(dialog.inner_text().splitlines(), language)
    if found_dialog:
        found[edit_url + " (schedule)"] = found_dialog
    page.keyboard.press("Escape")

    # Submit to "Editorial review" under its translated name.
    footer = page.locator("footer nav").first
    submit = footer.get_by_role("button", name=SUBMIT[language], exact=True)
    if not submit.is_visible():
        footer.locator('[data-w-dropdown-target="toggle"]').first.click()
    submit.click()
    expect(page.get_by_text(re.compile(SUBMITTED[language]))).to_be_visible()
    english = english_on(page, language)
    if english:
        found["after submitting"] = english

    assert not found
    assert WorkflowState.objects.filter(object_id=str(article.pk), status="in_progress").exists()
