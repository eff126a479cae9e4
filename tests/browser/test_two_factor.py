"""Two-factor authentication in Chromium: the demo editor sets up an authenticator app in
the Turkish admin, signs out, and signs in again with password and code.

``second_step`` is what every browser test's log-in does after the password: it sets up
an app where the admin asks for one (administrators) and enters the app's code where
the admin asks for it, reading the secret from the page as a person's phone would.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from base64 import b32decode

import pytest
from django.utils import translation
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from tests.browser.conftest import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

STEP = 30
IS_ON = "Two-factor authentication is on: signing in asks for a code from your authenticator app."


def _(page: Page, text: str) -> str:
    """``text`` in the language the page is in, as our catalogue (or Wagtail's) says it."""
    language = page.locator("html").get_attribute("lang") or "tr"
    with translation.override(language):
        return translation.gettext(text)


def app_code(key: bytes, *, after_step: int = -1) -> str:
    """What an authenticator app shows for ``key``: now, or in the next period if the code
    of this period was used already (django-otp accepts each period once)."""
    totp = TOTP(key)
    totp.time = time.time()
    if totp.t() <= after_step:
        totp.time += STEP
    return f"{totp.token():06d}"


def set_up_app(page: Page) -> bytes:
    """On the set-up page: take the key as typed into an app, confirm with its code."""
    expect(
        page.get_by_role("heading", name=_(page, "Set up two-factor authentication"))
    ).to_be_visible()
    expect(page.locator("[data-two-factor-qr] svg")).to_be_visible()
    secret = page.locator("[data-two-factor-secret]").inner_text()
    key = b32decode(secret.replace(" ", ""))
    page.get_by_label(_(page, "Code")).fill(app_code(key))
    page.get_by_role("button", name=_(page, "Confirm and turn on")).click()
    expect(page.get_by_role("heading", name=_(page, "Your recovery codes"))).to_be_visible()
    expect(page.locator("[data-recovery-codes] li")).to_have_count(10)
    page.get_by_role("link", name=_(page, "I have saved my recovery codes")).click()
    return key


def second_step(page: Page, username: str) -> None:
    """After the password: set up an app or enter its code, if the admin asks for either."""
    page.wait_for_load_state("load")
    if "/admin/two-factor/setup/" in page.url:
        set_up_app(page)
    elif "/admin/two-factor/verify/" in page.url:
        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        page.get_by_label(_(page, "Code")).fill(app_code(device.bin_key, after_step=device.last_t))
        page.get_by_role("button", name=_(page, "Verify")).click()


def password_step(page: Page, username: str) -> None:
    page.goto("/admin/login/")
    page.get_by_label("Kullanıcı adı").fill(username)
    page.get_by_label(re.compile(r"Password|Parola")).fill(PASSWORD)
    page.get_by_role("button", name="Oturum aç").click()


def test_editor_sets_up_an_app_in_turkish_and_signs_in_with_its_code(open_page, demo_site):
    page = open_page()
    password_step(page, "editor")
    # Optional for editors: the dashboard opens with the password alone.
    expect(page).to_have_url(re.compile(r"/admin/$"))

    page.goto("/admin/account/")
    page.get_by_role("tab", name=_(page, "More actions")).click()
    page.get_by_role("link", name=_(page, "Two-factor authentication")).click()
    expect(page.get_by_role("heading", name=_(page, "Two-factor authentication"))).to_be_visible()
    page.get_by_role("link", name=_(page, "Set up two-factor authentication")).click()
    key = set_up_app(page)
    expect(page).to_have_url(re.compile(r"/admin/$"))
    device = TOTPDevice.objects.get(user__username="editor")
    assert device.confirmed

    page.goto("/admin/two-factor/")
    expect(page.locator("[data-two-factor-status]")).to_have_text(_(page, IS_ON))
    page.goto("/admin/account/")
    # The account menu at the foot of the sidebar carries the editor's first name.
    page.get_by_role("complementary").get_by_role("button", name="Zeynep").click()
    page.get_by_role("button", name=_(page, "Log out")).click()
    expect(page).to_have_url(re.compile(r"/admin/login/"))

    password_step(page, "editor")
    expect(page).to_have_url(re.compile(r"/admin/two-factor/verify/"))
    expect(page.get_by_role("heading", name=_(page, "Two-step verification"))).to_be_visible()
    page.get_by_label(_(page, "Code")).fill(f"{(int(app_code(key)) + 1) % 10**6:06d}")
    page.get_by_role("button", name=_(page, "Verify")).click()
    expect(page.get_by_role("alert")).to_contain_text(
        _(page, "This code is not valid. Please check it and try again.")
    )
    expect(page).to_have_url(re.compile(r"/admin/two-factor/verify/"))

    # django-otp pauses checks for a second after a wrong code; let that second pass.
    device.refresh_from_db()
    device.throttling_failure_timestamp -= dt.timedelta(hours=1)
    device.save(update_fields=["throttling_failure_timestamp"])
    page.get_by_label(_(page, "Code")).fill(app_code(key, after_step=device.last_t))
    page.get_by_role("button", name=_(page, "Verify")).click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    assert page.locator("html").get_attribute("lang") == "tr"
