"""An editor's admin pages carry no English string that our catalogues translate."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import Task, Workflow
from wagtail.users.models import UserProfile

from tests.factories.newsroom import ArticlePageFactory
from tests.i18n.english import english_in, html_text_nodes

pytestmark = pytest.mark.django_db

DIRECTORY_SNIPPETS = ["place", "association", "integrationcentre", "offer", "event"]


def _admin_urls(section, article) -> list[str]:
    urls = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[section.pk]),
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
        reverse("wagtailadmin_pages:add", args=["newsroom", "articlepage", section.pk]),
        reverse("wagtailimages:index"),
        reverse("wagtailimages:add_multiple"),
        reverse("wagtaildocs:index"),
        reverse("wagtaildocs:add_multiple"),
        reverse("wagtailadmin_reports:locked_pages"),
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailadmin_account"),
    ]
    for name in DIRECTORY_SNIPPETS:
        urls.append(reverse(f"wagtailsnippets_directory_{name}:list"))
        urls.append(reverse(f"wagtailsnippets_directory_{name}:add"))
    return urls


@pytest.mark.parametrize("language", ["tr", "de"])
def test_editor_admin_pages_have_no_english_from_our_catalogues(
    language, editor, editor_client, sections
):
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = language
    profile.save()
    section = sections[language][0]
    article = ArticlePageFactory(parent=section)
    workflow = Workflow.objects.get(name="Editorial review")
    assert Task.objects.filter(name="Editorial review").exists()

    english = {}
    for url in _admin_urls(section, article):
        response = editor_client.get(url)
        assert response.status_code == 200, url
        found = english_in(html_text_nodes(response.content.decode()), language)
        if found:
            english[url] = found

    assert not english
    assert workflow.name == "Editorial review"


@pytest.mark.parametrize(
    ("language", "submit"),
    [("tr", "Redaksiyon onayı için gönder"), ("de", "Zur Redaktionsprüfung einreichen")],
)
def test_the_edit_footer_offers_to_submit_to_the_translated_workflow(
    language, submit, editor, editor_client, sections
):
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = language
    profile.save()
    article = ArticlePageFactory(parent=sections[language][0])

    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))

    assert submit in html_text_nodes(response.content.decode())


@pytest.mark.parametrize(
    ("language", "username"),
    [("tr", "Lütfen kullanıcı adı girin"), ("de", "Bitte Benutzername eingeben")],
)
def test_the_admin_login_asks_for_the_username_in_the_visitors_language(language, username, client):
    client.cookies["muhabir_language"] = language

    response = client.get(reverse("wagtailadmin_login"), HTTP_ACCEPT_LANGUAGE="en-US,en")

    assert f'placeholder="{username}"' in response.content.decode()


def test_the_admin_login_labels_the_password_in_turkish(client):
    response = client.get(reverse("wagtailadmin_login"), HTTP_ACCEPT_LANGUAGE="tr")

    assert "Password" not in html_text_nodes(response.content.decode())
