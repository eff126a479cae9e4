"""Wrong passwords on password-protected pages are limited per client address."""

from __future__ import annotations

import time

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageViewRestriction

from muhabir.accounts.lockout import lockout_message
from tests.factories import ArticlePageFactory

LIMIT = 5
SECRET = "gizli-şifre"


@pytest.fixture
def protected(sections):
    article = ArticlePageFactory(parent=sections["tr"][0], title="Üyelere özel haber")
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password=SECRET
    )
    return article, restriction


def enter(client, protected, password: str, *, address: str, language: str = "tr"):
    article, restriction = protected
    with translation.override(language):
        url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, article.pk])
    return client.post(url, {"password": password, "return_url": article.url}, REMOTE_ADDR=address)


def test_the_right_password_opens_the_page_after_a_few_wrong_ones(client, protected):
    for _number in range(LIMIT - 1):
        assert enter(client, protected, "yanlış", address="198.51.100.1").status_code == 200

    response = enter(client, protected, SECRET, address="198.51.100.1")

    assert response.status_code == 302
    assert response["Location"] == protected[0].url


@pytest.mark.parametrize("language", ["tr", "de"])
def test_an_address_is_refused_after_too_many_wrong_passwords_and_told_why(
    client, protected, language
):
    for _number in range(LIMIT):
        enter(client, protected, "yanlış", address="198.51.100.2", language=language)

    refused = enter(client, protected, SECRET, address="198.51.100.2", language=language)
    other_reader = enter(client, protected, SECRET, address="203.0.113.2", language=language)

    assert refused.status_code == 429
    with translation.override(language):
        assert lockout_message() in refused.text
    assert 'type="password"' in refused.text
    assert other_reader.status_code == 302


def test_the_count_ends_with_the_cool_off_time(client, protected, settings, monkeypatch):
    settings.MUHABIR_LOGIN_COOLOFF_MINUTES = 15
    for _number in range(LIMIT):
        enter(client, protected, "yanlış", address="198.51.100.3")
    assert enter(client, protected, SECRET, address="198.51.100.3").status_code == 429

    if "redis" in settings.CACHES["default"]["BACKEND"].lower():
        # Redis keeps time on its own clock: the count must expire with the cool-off.
        key = cache.make_key("muhabir:page-password-failures:198.51.100.3")
        redis = cache._cache.get_client(key)
        assert 15 * 60 - 5 <= redis.ttl(key) <= 15 * 60
        return

    # A quarter of an hour and a second later, for the local-memory cache's clock.
    later = time.time() + 15 * 60 + 1
    monkeypatch.setattr(time, "time", lambda: later)

    assert enter(client, protected, SECRET, address="198.51.100.3").status_code == 302
