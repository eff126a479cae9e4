"""The second step in the admin: setting up an authenticator app, codes at sign-in,
recovery codes, and administrators who must have one."""

from __future__ import annotations

import datetime as dt
import re
from base64 import b32encode
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.users.models import UserProfile

from muhabir.accounts.lockout import lockout_message
from tests.accounts.helpers import totp_code, totp_device_add
from tests.conftest import PASSWORD
from tests.i18n.english import english_in, html_text_nodes

# Some tests ask for their users by name at run time, which pytest-django cannot see:
# without the mark they would run after the transactional tests, on an emptied database.
pytestmark = pytest.mark.django_db

ADMIN = "/admin/"
SETUP = "/admin/two-factor/setup/"
VERIFY = "/admin/two-factor/verify/"
INVALID = "This code is not valid. Please check it and try again."


def sign_in(client, username: str) -> None:
    """The password step, through the admin's login form."""
    response = client.post(
        "/admin/login/", {"username": username, "password": PASSWORD, "next": ADMIN}
    )
    assert response.status_code == 302, response.content
    assert response["Location"] == ADMIN


def lands_on(client, url: str = ADMIN) -> str:
    """Where the admin sends this client: the path it redirects to, or ``url`` itself."""
    response = client.get(url)
    if response.status_code == 302:
        return response["Location"].split("?")[0]
    assert response.status_code == 200
    return url


def wrong_code(device) -> str:
    return f"{(int(totp_code(device)) + 1) % 10**6:06d}"


def pause_passes(device) -> None:
    """The pause django-otp makes after a wrong code (a second or more) is over."""
    device.refresh_from_db()
    device.throttling_failure_timestamp -= dt.timedelta(hours=1)
    device.save(update_fields=["throttling_failure_timestamp"])


def recovery_codes_from(response) -> list[str]:
    return re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.text)


def enrol(client, user) -> tuple[TOTPDevice, list[str]]:
    """Set up an app as a person would: open the page, read the secret, enter a code."""
    page = client.get(SETUP)
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    shown = re.search(r"data-two-factor-secret>([A-Z2-7 ]+)<", page.text).group(1)
    assert shown.replace(" ", "") == b32encode(device.bin_key).decode()
    response = client.post(SETUP, {"code": totp_code(device), "next": ADMIN})
    assert response.status_code == 302
    codes_page = client.get(response["Location"])
    return TOTPDevice.objects.get(pk=device.pk), recovery_codes_from(codes_page)


def test_an_editor_sets_up_an_app_and_gets_ten_recovery_codes_shown_once(client, editor):
    sign_in(client, "editor")
    page = client.get(SETUP)

    assert "<svg" in page.text
    assert "<title>" in page.text
    device, codes = enrol(client, editor)

    assert device.confirmed
    assert len(codes) == 10
    assert len(set(codes)) == 10
    assert sorted(codes) == sorted(
        StaticToken.objects.filter(device__user=editor).values_list("token", flat=True)
    )
    assert client.get(reverse("accounts:recovery_codes")).status_code == 302
    # This session was verified by the code just entered.
    assert lands_on(client) == ADMIN


def test_a_wrong_code_does_not_turn_it_on(client, editor):
    sign_in(client, "editor")
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=editor)

    response = client.post(SETUP, {"code": wrong_code(device)})

    assert response.status_code == 200
    with translation.override("tr"):
        assert translation.gettext(INVALID) in response.text
    device.refresh_from_db()
    assert not device.confirmed


def test_with_an_app_the_admin_opens_only_after_a_right_code(client, editor):
    device = totp_device_add(editor)
    sign_in(client, "editor")

    assert lands_on(client) == VERIFY
    assert lands_on(client, reverse("wagtailimages:index")) == VERIFY

    wrong = client.post(VERIFY, {"code": wrong_code(device)})
    assert wrong.status_code == 200
    with translation.override("tr"):
        assert translation.gettext(INVALID) in wrong.text
    assert lands_on(client) == VERIFY
    pause_passes(device)

    right = client.post(VERIFY, {"code": totp_code(device), "next": ADMIN})
    assert right.status_code == 302
    assert right["Location"] == ADMIN
    assert lands_on(client) == ADMIN


def test_a_code_is_accepted_once(client, editor, django_user_model):
    device = totp_device_add(editor)
    code = totp_code(device)
    sign_in(client, "editor")
    client.post(VERIFY, {"code": code})
    client.logout()

    sign_in(client, "editor")
    replay = client.post(VERIFY, {"code": code})

    assert replay.status_code == 200
    assert lands_on(client) == VERIFY


def test_a_recovery_code_signs_in_once(client, editor):
    sign_in(client, "editor")
    _device, codes = enrol(client, editor)
    client.logout()

    sign_in(client, "editor")
    used = client.post(VERIFY, {"code": codes[3].upper(), "next": ADMIN}, follow=True)
    assert used.redirect_chain[-1][0] == ADMIN
    assert StaticToken.objects.filter(device__user=editor).count() == 9
    client.logout()

    sign_in(client, "editor")
    again = client.post(VERIFY, {"code": codes[3]})
    assert again.status_code == 200
    assert lands_on(client) == VERIFY


@pytest.mark.parametrize("role", ["superuser", "administrator"])
def test_administrators_without_an_app_are_sent_to_set_one_up_first(client, role, request):
    request.getfixturevalue(role)
    sign_in(client, role)

    assert lands_on(client) == SETUP
    assert lands_on(client, reverse("wagtailusers_users:index")) == SETUP
    assert lands_on(client, reverse("wagtailadmin_account")) == SETUP


def test_an_administrator_uses_the_admin_after_setting_up(client, administrator):
    sign_in(client, "administrator")
    enrol(client, administrator)

    assert lands_on(client, reverse("wagtailusers_users:index")) == reverse(
        "wagtailusers_users:index"
    )


@pytest.mark.parametrize("role", ["reporter", "editor"])
def test_reporters_and_editors_without_an_app_use_the_admin_with_their_password(
    client, role, request
):
    request.getfixturevalue(role)
    sign_in(client, role)

    assert lands_on(client) == ADMIN
    assert lands_on(client, reverse("accounts:two_factor")) == reverse("accounts:two_factor")


def test_the_requirement_for_administrators_can_be_switched_off(client, superuser, settings):
    settings.MUHABIR_2FA_REQUIRED_FOR_ADMINISTRATORS = False
    sign_in(client, "superuser")

    assert lands_on(client) == ADMIN


def test_without_the_second_step_no_new_app_can_be_added(client, editor):
    """Someone with only the password must not set up an app of their own instead."""
    totp_device_add(editor)
    sign_in(client, "editor")

    assert lands_on(client, SETUP) == VERIFY
    assert lands_on(client, reverse("accounts:two_factor")) == VERIFY


def test_turning_it_off_needs_a_current_code(client, editor):
    sign_in(client, "editor")
    device, _codes = enrol(client, editor)

    refused = client.post(reverse("accounts:disable"), {"disable-code": wrong_code(device)})
    assert refused.status_code == 200
    assert TOTPDevice.objects.filter(user=editor).exists()
    pause_passes(device)

    done = client.post(
        reverse("accounts:disable"), {"disable-code": totp_code(device, steps_ahead=1)}
    )
    assert done.status_code == 302
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert not StaticToken.objects.filter(device__user=editor).exists()
    assert lands_on(client) == ADMIN


def test_new_recovery_codes_replace_the_old_ones(client, editor):
    sign_in(client, "editor")
    _device, old = enrol(client, editor)

    response = client.post(reverse("accounts:recovery_codes_new"), {"codes-code": old[0]})
    new = recovery_codes_from(client.get(response["Location"]))

    assert len(new) == 10
    assert not set(new) & set(old)
    assert sorted(StaticToken.objects.values_list("token", flat=True)) == sorted(new)


def test_wrong_codes_are_slowed_down(client, editor):
    device = totp_device_add(editor)
    sign_in(client, "editor")
    client.post(VERIFY, {"code": wrong_code(device)})

    # Right away, even the right code waits for the pause after a wrong one.
    response = client.post(VERIFY, {"code": totp_code(device)})

    assert response.status_code == 200
    assert lands_on(client) == VERIFY


def test_reset_command_switches_it_off_for_a_user_who_lost_the_phone(editor):
    totp_device_add(editor)
    out = StringIO()

    call_command("reset_two_factor", "editor", "--dry-run", stdout=out)
    assert TOTPDevice.objects.filter(user=editor).exists()
    call_command("reset_two_factor", "editor", stdout=out)
    call_command("reset_two_factor", "editor", stdout=out)

    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert out.getvalue().splitlines() == [
        "editor: two-factor authentication would be reset (dry run).",
        "editor: two-factor authentication reset.",
        "editor: two-factor authentication is already off.",
    ]


def test_reset_command_names_an_unknown_user(db):
    with pytest.raises(Exception, match="No user named 'nobody'"):
        call_command("reset_two_factor", "nobody")


# Every screen in the user's language.

HEADINGS = {
    "manage": "Two-factor authentication",
    "setup": "Set up two-factor authentication",
    "verify": "Two-step verification",
    "codes": "Your recovery codes",
}


def _screens(client, user) -> dict[str, object]:
    screens = {}
    device = totp_device_add(user)
    sign_in(client, user.username)
    screens["verify"] = client.get(VERIFY)
    client.post(VERIFY, {"code": totp_code(device)})
    screens["manage"] = client.get(reverse("accounts:two_factor"))
    response = client.post(
        reverse("accounts:recovery_codes_new"),
        {"codes-code": totp_code(device, steps_ahead=1)},
    )
    screens["codes"] = client.get(response["Location"])
    client.post(reverse("accounts:disable"), {"disable-code": StaticToken.objects.first().token})
    screens["setup"] = client.get(SETUP)
    return screens


@pytest.mark.parametrize("language", ["tr", "de"])
def test_every_screen_is_in_the_users_language(client, editor, language):
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = language
    profile.save()

    screens = _screens(client, editor)

    with translation.override(language):
        for name, heading in HEADINGS.items():
            response = screens[name]
            assert response.status_code == 200, name
            assert translation.gettext(heading) in response.text, name
            assert f'lang="{language}"' in response.text, name
            assert not english_in(html_text_nodes(response.text), language), name


@pytest.mark.parametrize("language", ["tr", "de"])
def test_the_account_page_links_to_the_two_factor_screen(client, editor, language):
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = language
    profile.save()
    sign_in(client, "editor")

    response = client.get(reverse("wagtailadmin_account"))

    with translation.override(language):
        assert translation.gettext("Two-factor authentication") in response.text
    assert reverse("accounts:two_factor") in response.text


def test_lockout_message_names_the_cool_off_time(settings):
    settings.MUHABIR_LOGIN_COOLOFF_MINUTES = 30
    with translation.override("de"):
        assert "30" in lockout_message()
