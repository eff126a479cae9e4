"""No injected script runs in a reader's browser, on a phone or a desktop, in either language.

Articles carry the corpus of tests/security/xss.py in their title, teaser and text (the
text written through the admin's editor, as a reporter would paste it); the page, its
section and the front page are opened in Chromium, which fails the test on any dialog,
on ``window.__xss`` and (through the fixtures) on anything the Content-Security-Policy
had to refuse.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from muhabir.newsroom.models import ArticlePage, SectionPage
from tests.factories import ArticlePageFactory
from tests.newsroom.admin_forms import article_form
from tests.security.test_xss_corpus import LINK_VECTORS, contentstate
from tests.security.xss import VECTORS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def hostile_articles(demo_site):
    from django.contrib.auth import get_user_model

    editor = Client()
    editor.force_login(get_user_model().objects.get(username="editor"))
    urls = []
    for language, slug in (("tr", "toplum"), ("de", "gesellschaft")):
        section = SectionPage.objects.get(slug=slug, locale__language_code=language)
        add = reverse("wagtailadmin_pages:add", args=["newsroom", "articlepage", section.pk])
        data = article_form(
            title=f"XSS {language} {VECTORS[0]}",
            slug=f"xss-{language}",
            teaser=" ".join(VECTORS[:12]),
            action="publish",
        )
        data["body-0-value"] = contentstate(VECTORS, LINK_VECTORS)
        response = editor.post(add, data)
        assert response.status_code == 302
        for vector in VECTORS[1:8]:
            ArticlePageFactory(parent=section, title=vector, teaser=vector)
        urls += [ArticlePage.objects.get(slug=f"xss-{language}").url, section.url, f"/{language}/"]
    return urls


@pytest.mark.parametrize("width", [360, 1280], ids=["phone", "desktop"])
def test_no_injected_script_runs(open_page, hostile_articles, width):
    for url in hostile_articles:
        language = url.split("/")[1]
        page = open_page(locale=f"{language}-DE")
        page.set_viewport_size({"width": width, "height": 800})
        dialogs: list[str] = []

        def dismiss(dialog, seen=dialogs) -> None:
            seen.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", dismiss)

        page.goto(url)
        page.wait_for_load_state("load")
        # Focus and hover where handlers like onfocus or onmouseover would fire.
        page.keyboard.press("Tab")
        page.mouse.move(width // 2, 300)
        page.wait_for_timeout(200)

        expect(page.locator("main")).to_be_visible()
        assert dialogs == [], (url, dialogs)
        assert page.evaluate("() => window.__xss") is None, url
