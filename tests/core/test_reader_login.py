"""Readers who log in on the site, and HEAD requests, as a browser or a link checker sends them."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from tests.conftest import PASSWORD
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["tr", "de"])
def test_login_page_is_part_of_the_site_in_the_readers_language(client, sections, language):
    response = client.get(f"/{language}/_util/login/")

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert 'class="masthead' in html or "<header" in html
    assert {"tr": "Giriş yap", "de": "Anmelden"}[language] in html


def test_login_without_a_destination_leads_to_the_front_page_not_a_404(client, reporter, sections):
    response = client.post(
        "/tr/_util/login/", {"username": "reporter", "password": PASSWORD}, follow=True
    )

    assert response.redirect_chain[0][0] == "/"
    assert response.status_code == 200
    assert "/accounts/profile/" not in [url for url, _status in response.redirect_chain]


def test_login_for_a_restricted_article_leads_back_to_it(client, reporter, sections):
    article = ArticlePageFactory(parent=sections["tr"][0], title="Sadece üyeler için")
    PageViewRestriction.objects.create(page=article, restriction_type="login")
    assert client.get(article.url)["Location"].startswith(reverse("wagtailcore_login"))

    response = client.post(
        reverse("wagtailcore_login"),
        {"username": "reporter", "password": PASSWORD, "next": article.url},
    )

    assert response["Location"] == article.url
    assert client.get(article.url).status_code == 200


@pytest.mark.parametrize(
    "path", ["/tr/ara/?q=k%C3%BClt%C3%BCr", "/de/suche/", "/a11y/preferences.css"]
)
def test_head_is_answered_like_get(client, sections, path):
    assert client.head(path).status_code == client.get(path).status_code == 200


def test_password_form_does_not_describe_the_page_behind_it(client, sections):
    article = ArticlePageFactory(
        parent=sections["tr"][0],
        title="Üyelere özel haber",
        teaser="Gizlibahçe toplantısının tutanakları",
        search_description="Gizlibahçe özeti",
    )
    PageViewRestriction.objects.create(page=article, restriction_type="password", password="x")

    response = client.get(article.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Gizlibahçe" not in html
    assert 'property="og:' not in html
    assert "application/ld+json" not in html
    assert '<meta name="robots" content="noindex">' in html
