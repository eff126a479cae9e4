"""Drafts, scheduled and private articles never reach readers, in either language."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from muhabir.newsroom.selectors import public_articles, section_articles
from tests.factories import ArticlePageFactory
from tests.helpers import listed_titles

LANGUAGES = ["tr", "de"]
HIDDEN_TITLE = {"tr": "Gizli taslak: Çay bahçesi", "de": "Geheimer Entwurf: Straßenfest"}
SECRET_BODY = "Bu metin yayında görünmemeli – dieser Text darf nicht erscheinen."


def _visible_article(section):
    return ArticlePageFactory(parent=section, title="Herkese açık haber / Öffentlich")


def _hidden_article(section, language, **kwargs):
    return ArticlePageFactory(
        parent=section,
        title=HIDDEN_TITLE[language],
        body=[("paragraph", f"<p>{SECRET_BODY}</p>")],
        **kwargs,
    )


def _draft(section, language):
    return _hidden_article(section, language, publish=False)


def _scheduled(section, language):
    article = _hidden_article(section, language, publish=False)
    article.go_live_at = timezone.now() + dt.timedelta(days=3)
    article.save_revision().publish()
    article.refresh_from_db()
    assert article.live is False
    return article


def _password_protected(section, language):
    article = _hidden_article(section, language)
    PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="gizli-şifre"
    )
    return article


def _login_only(section, language):
    article = _hidden_article(section, language)
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    return article


HIDDEN_KINDS = {
    "draft": _draft,
    "scheduled": _scheduled,
    "password": _password_protected,
    "login": _login_only,
}


@pytest.mark.parametrize("kind", HIDDEN_KINDS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_hidden_article_is_not_listed_on_home_or_section_page(
    client, sections, home_tr, home_de, language, kind
):
    section = sections[language][0]
    home = {"tr": home_tr, "de": home_de}[language]
    visible = _visible_article(section)
    hidden = HIDDEN_KINDS[kind](section, language)

    home_response = client.get(home.url)
    section_response = client.get(section.url)

    assert home_response.status_code == 200
    assert listed_titles(section_response) == [visible.title]
    assert HIDDEN_TITLE[language] not in home_response.content.decode()
    assert HIDDEN_TITLE[language] not in section_response.content.decode()
    assert hidden not in public_articles()
    assert hidden not in section_articles(section=section)


@pytest.mark.parametrize("kind", ["draft", "scheduled"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_unpublished_article_url_is_not_found(client, sections, language, kind):
    section = sections[language][0]
    hidden = HIDDEN_KINDS[kind](section, language)

    response = client.get(f"{section.url}{hidden.slug}/")

    assert response.status_code == 404
    assert SECRET_BODY not in response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_password_protected_article_asks_for_password_instead_of_showing_text(
    client, sections, language
):
    hidden = _password_protected(sections[language][0], language)

    response = client.get(hidden.url)

    assert SECRET_BODY not in response.content.decode()
    assert 'type="password"' in response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_login_only_article_redirects_anonymous_reader_to_login(client, sections, language):
    hidden = _login_only(sections[language][0], language)

    response = client.get(hidden.url)

    assert response.status_code == 302
    assert "login" in response["Location"]
    assert SECRET_BODY not in response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_articles_of_a_private_section_are_not_listed_on_home_page(
    client, sections, home_tr, home_de, language
):
    private_section = sections[language][2]
    PageViewRestriction.objects.create(
        page=private_section, restriction_type=PageViewRestriction.LOGIN
    )
    hidden = _hidden_article(private_section, language)
    home = {"tr": home_tr, "de": home_de}[language]

    response = client.get(home.url)

    assert HIDDEN_TITLE[language] not in response.content.decode()
    assert private_section.title not in response.content.decode()
    assert hidden not in public_articles()


@pytest.mark.parametrize("language", LANGUAGES)
def test_private_article_placed_in_further_section_stays_hidden_there(client, sections, language):
    primary, further, _other = sections[language]
    _visible_article(further)
    hidden = _password_protected(primary, language)
    hidden.sections = [further]
    hidden.save_revision().publish()

    response = client.get(further.url)

    assert HIDDEN_TITLE[language] not in listed_titles(response)
    assert hidden not in section_articles(section=further)


def test_new_draft_of_live_article_does_not_change_what_readers_see(client, sections):
    article = ArticlePageFactory(parent=sections["tr"][0], title="Yayındaki başlık")
    article.title = HIDDEN_TITLE["tr"]
    article.save_revision()

    section_page = client.get(sections["tr"][0].url).content.decode()
    article_page = client.get(article.url).content.decode()

    assert "Yayındaki başlık" in section_page
    assert HIDDEN_TITLE["tr"] not in section_page
    assert HIDDEN_TITLE["tr"] not in article_page
