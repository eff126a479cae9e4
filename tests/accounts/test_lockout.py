"""Password guessing on the admin's and the readers' login: lock-out per account and per address."""

from __future__ import annotations

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import translation

from muhabir.accounts.lockout import lockout_message
from tests.conftest import PASSWORD

ADMIN_LOGIN = "/admin/login/"
LIMIT = 5


def attempt(client, username: str, password: str, *, address: str, url: str = ADMIN_LOGIN, **extra):
    return client.post(
        url,
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE=extra.pop("language", "tr"),
        **extra,
    )


def signed_in(response) -> bool:
    return response.status_code == 302 and "login" not in response["Location"]


def message_in(language: str) -> str:
    with translation.override(language):
        return lockout_message()


def test_a_right_password_signs_in_after_fewer_failures_than_the_limit(client, editor):
    for number in range(LIMIT - 1):
        attempt(client, "editor", "yanlış", address=f"198.51.100.{number}")

    assert signed_in(attempt(client, "editor", PASSWORD, address="198.51.100.99"))


def test_an_account_guessed_from_many_addresses_is_locked_even_with_the_right_password(
    client, editor
):
    for number in range(LIMIT):
        response = attempt(client, "editor", f"falsch-{number}", address=f"198.51.100.{number}")
    assert response.status_code == 429

    response = attempt(client, "editor", PASSWORD, address="203.0.113.7")

    assert response.status_code == 429
    assert message_in("tr") in response.text
    assert "_auth_user_id" not in client.session


def test_an_address_guessing_many_accounts_is_locked_for_every_account(client, editor):
    for number in range(LIMIT):
        attempt(client, f"kullanıcı{number}", "yanlış", address="198.51.100.20")

    refused = attempt(client, "editor", PASSWORD, address="198.51.100.20")
    elsewhere = attempt(client, "editor", PASSWORD, address="203.0.113.8")

    assert refused.status_code == 429
    assert signed_in(elsewhere)


def test_the_lock_out_ends_after_the_cool_off_time(client, editor, settings):
    for number in range(LIMIT):
        attempt(client, "editor", "yanlış", address=f"198.51.100.{number}")
    assert attempt(client, "editor", PASSWORD, address="198.51.100.50").status_code == 429

    # Time passes: the failures are now older than the cool-off time.
    past = dt.timedelta(minutes=settings.MUHABIR_LOGIN_COOLOFF_MINUTES, seconds=1)
    for failure in AccessAttempt.objects.all():
        failure.attempt_time -= past
        failure.save(update_fields=["attempt_time"])

    assert signed_in(attempt(client, "editor", PASSWORD, address="198.51.100.50"))


def test_tries_during_a_lock_out_do_not_extend_it(client, editor):
    for number in range(LIMIT):
        attempt(client, "editor", "yanlış", address=f"198.51.100.{number}")
    before = list(AccessAttempt.objects.values_list("pk", "attempt_time", "failures_since_start"))

    attempt(client, "editor", "yine-yanlış", address="198.51.100.1")

    after = list(AccessAttempt.objects.values_list("pk", "attempt_time", "failures_since_start"))
    assert after == before


@pytest.mark.parametrize("language", ["tr", "de"])
def test_the_admin_login_says_why_in_the_visitors_language(client, editor, language):
    for number in range(LIMIT):
        response = attempt(
            client, "editor", "yanlış", address=f"198.51.100.{number}", language=language
        )

    assert response.status_code == 429
    text = response.text
    assert message_in(language) in text
    # The login form is shown again, with the reason instead of "wrong password".
    assert 'name="password"' in text


@pytest.mark.parametrize("language", ["tr", "de"])
def test_the_readers_login_is_locked_too_and_says_why(client, editor, language):
    with translation.override(language):
        url = reverse("wagtailcore_login")
    for number in range(LIMIT):
        attempt(client, "editor", "yanlış", address=f"198.51.100.{number}", url=url)

    response = attempt(client, "editor", PASSWORD, address="203.0.113.9", url=url)

    assert response.status_code == 429
    assert message_in(language) in response.text
    assert f'lang="{language}"' in response.text


def test_addresses_behind_our_proxy_are_told_apart_by_x_forwarded_for(client, editor, settings):
    settings.MUHABIR_TRUSTED_PROXY_HOPS = 1
    proxy = "10.0.0.2"
    for number in range(LIMIT):
        attempt(
            client,
            f"kullanıcı{number}",
            "yanlış",
            address=proxy,
            HTTP_X_FORWARDED_FOR="198.51.100.30",
        )

    guesser = attempt(
        client, "editor", PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="198.51.100.30"
    )
    # A guesser cannot pose as someone else by writing an address in front.
    posing = attempt(
        client,
        "editor",
        PASSWORD,
        address=proxy,
        HTTP_X_FORWARDED_FOR="203.0.113.1, 198.51.100.30",
    )
    colleague = attempt(
        client, "editor", PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="198.51.100.31"
    )

    assert guesser.status_code == 429
    assert posing.status_code == 429
    assert signed_in(colleague)


def test_the_limit_follows_the_setting(client, editor, settings):
    settings.AXES_FAILURE_LIMIT = 2
    attempt(client, "editor", "yanlış", address="198.51.100.1")
    response = attempt(client, "editor", "yanlış", address="198.51.100.2")

    assert response.status_code == 429
