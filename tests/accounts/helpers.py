"""Authenticator devices and codes for tests, and a force_login that includes the second step."""

from __future__ import annotations

import time

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from muhabir.accounts.selectors import totp_device_for, two_factor_enabled, two_factor_required

_force_login = Client.force_login


def totp_device_add(user) -> TOTPDevice:
    """A confirmed authenticator app with a fresh secret, as set-up would leave it."""
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def totp_code(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """What an authenticator app with this secret shows now (or ``steps_ahead`` periods on).

    django-otp accepts each time step once, and the next one too (tolerance 1): a second
    sign-in within the same 30 seconds uses the code the app will show next.
    """
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def force_login_verified(client: Client, user, backend=None) -> None:
    """``Client.force_login`` as a finished sign-in, the second step included.

    Users who must or do use an authenticator app get one (if they have none) and a
    session marked as verified by it, as django-otp's own login does after a right code.
    Tests of the second step itself sign in through the forms instead.
    """
    _force_login(client, user, backend)
    if not (two_factor_required(user) or two_factor_enabled(user)):
        return
    device = totp_device_for(user) or totp_device_add(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
