"""Writes for the second factor: set up, check a code, recovery codes, switch off.

django-otp counts wrong codes on the device and slows further checks down; that count is
saved inside the check's transaction, so errors are raised only after it has committed.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.models import Device, VerifyNotAllowed
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from muhabir.accounts.selectors import code_normalise, device_for_code, totp_device_for

RECOVERY_CODE_COUNT = 10


def _invalid() -> ValidationError:
    return ValidationError(
        _("This code is not valid. Please check it and try again."), code="invalid"
    )


def _check(device: Device, code: str) -> ValidationError | None:
    """Check ``code`` on ``device`` (locked for update); the error to show, if any."""
    allowed, extra = device.verify_is_allowed()
    if not allowed:
        if (extra or {}).get("reason") == VerifyNotAllowed.N_FAILED_ATTEMPTS:
            count = extra.get("failure_count", 0)
            return ValidationError(
                ngettext(
                    "After %(count)s wrong code, checking is paused for a while. "
                    "Please wait a moment and try again.",
                    "After %(count)s wrong codes, checking is paused for a while. "
                    "Please wait a moment and try again.",
                    count,
                )
                % {"count": count},
                code="throttled",
            )
        return ValidationError(_("Codes cannot be checked right now."), code="not_allowed")
    if not device.verify_token(code):
        return _invalid()
    return None


def totp_device_start(*, user) -> TOTPDevice:
    """The unconfirmed authenticator device being set up, made with a new secret if none.

    Reloading the set-up page keeps the secret, so a code from an app that already
    scanned it still works.
    """
    device = totp_device_for(user, confirmed=False)
    if device is None:
        # Translators: the name of a user's authenticator app (TOTP device), kept in the database.
        device = TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)
    return device


def code_check(*, user, code: str) -> Device:
    """Check a code from the user's app or one of their recovery codes (then used up).

    Raises:
        ValidationError: the code is wrong, or checking is paused after wrong codes.
    """
    code = code_normalise(code)
    with transaction.atomic():
        device = device_for_code(user, code)
        if device is None:
            raise _invalid()
        # Locked, so that parallel requests cannot use one code twice.
        device = type(device).objects.select_for_update().get(pk=device.pk)
        error = _check(device, code)
    if error is not None:
        raise error
    return device


def recovery_codes_create(*, user) -> list[str]:
    """Replace the user's recovery codes with new ones and return them (shown once)."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        # Translators: the name of a user's set of recovery codes, kept in the database.
        device = StaticDevice.objects.create(user=user, name=_("Recovery codes"), confirmed=True)
        codes = [StaticToken.random_token() for _number in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def two_factor_enable(*, request, device: TOTPDevice, code: str) -> list[str]:
    """Confirm the app being set up with a code from it; the session counts as verified.

    Returns the new recovery codes.

    Raises:
        ValidationError: the code does not match the device's secret.
    """
    user = request.user
    codes: list[str] = []
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
        error = _check(device, code_normalise(code))
        if error is None:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
            codes = recovery_codes_create(user=user)
    if error is not None:
        raise error
    otp_login(request, device)
    return codes


def two_factor_reset(*, user) -> int:
    """Remove the user's app and recovery codes; returns how many devices there were."""
    with transaction.atomic():
        apps, _details = TOTPDevice.objects.filter(user=user).delete()
        codes, _details = StaticDevice.objects.filter(user=user).delete()
    return apps + codes


def two_factor_disable(*, request) -> None:
    """Switch the signed-in user's second factor off; the session is no longer verified."""
    two_factor_reset(user=request.user)
    request.session.pop(DEVICE_ID_SESSION_KEY, None)
    request.user.otp_device = None
