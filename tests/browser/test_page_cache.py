"""Readers get cached pages, and an editor's publish reaches them at the next click.

A reader in Chromium opens the front page and an article, which the server then answers
from its page cache; the editor, signed in through the login form, renames the article in
the Turkish admin and publishes it; the reader's next request for either page shows the
new title. (Within ``max-age`` the browser may show its own copy until the reader
reloads; MUHABIR_HTTP_MAX_AGE=0 makes it ask every time.) Once on a phone in Turkish, once
on a desktop in German.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect
from wagtail.models import Site
from wagtail.users.models import UserProfile

from muhabir.home.models import SiteSettings
from muhabir.newsroom.models import ArticlePage
from tests.browser.test_editorial_workflow import log_in
from tests.browser.test_newsroom_day import expect_message, field, footer_action, t

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
NEW_TITLE = {
    "tr": "Gelsenkirchen'de İşçi göçünün 60. yılı kutlandı",
    "de": "Gelsenkirchen feiert 60 Jahre Anwerbeabkommen",
}


@pytest.fixture
def cached_site(settings, demo_site):
    settings.MUHABIR_PAGE_CACHE = True
    # As on a running site: the first view made the settings row, a render that wrote
    # and so was not kept.
    SiteSettings.for_site(Site.objects.get(is_default_site=True))
    for user in get_user_model().objects.all():
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "tr"
        profile.save(update_fields=["preferred_language"])


def _article(language: str) -> ArticlePage:
    return (
        ArticlePage.objects.live()
        .filter(locale__language_code=language)
        .order_by("-published_date")
        .first()
    )


@pytest.mark.parametrize(("language", "viewport"), [("tr", PHONE), ("de", DESKTOP)])
def test_a_published_edit_reaches_readers_of_cached_pages_at_once(
    open_page, cached_site, language, viewport
):
    article = _article(language)
    front = f"/{language}/"
    reader = open_page(locale="tr-TR" if language == "tr" else "de-DE")
    reader.set_viewport_size(viewport)
    for url in (front, article.url):
        reader.goto(url)
        # Asked again past the browser's own cache (max-age): the server's copy answers.
        again = reader.request.get(url)
        assert again.headers.get("x-page-cache") == "hit", url
        assert "public" in again.headers["cache-control"]
    expect(reader.get_by_role("heading", name=article.title, level=1)).to_be_visible()

    editor = open_page()
    log_in(editor, "editor")
    # Signed in, the editor's own view of the site is never the cached one.
    response = editor.goto(article.url)
    assert response.headers.get("x-page-cache") is None
    assert "private" in response.headers["cache-control"]
    editor.goto(f"/admin/pages/{article.pk}/edit/")
    field(editor, t("title")).fill(NEW_TITLE[language])
    footer_action(editor, t("Publish"))
    expect_message(editor, NEW_TITLE[language])

    # A reload asks the server even within max-age, as a reader's reload does.
    reader.goto(article.url)
    reader.reload()
    expect(reader.get_by_role("heading", name=NEW_TITLE[language], level=1)).to_be_visible()
    reader.goto(front)
    reader.reload()
    expect(reader.get_by_role("link", name=NEW_TITLE[language]).first).to_be_visible()
    expect(reader.get_by_role("link", name=article.title, exact=True)).to_have_count(0)
