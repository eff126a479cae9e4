"""Reads about a user's second factor: their devices and whether they must have one."""

from __future__ import annotations

import re

from django.conf import settings
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from muhabir.newsroom.roles import ADMINISTRATOR

# What an authenticator app shows: six digits (spaces in "123 456" are dropped first).
TOTP_CODE = re.compile(r"^\d{6}$")


def two_factor_required(user) -> bool:
    """Whether ``user`` may use the admin only with a second factor: administrators."""
    if not getattr(settings, "MUHABIR_2FA_REQUIRED_FOR_ADMINISTRATORS", True):
        return False
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name=ADMINISTRATOR).exists()


def totp_device_for(user, *, confirmed: bool = True) -> TOTPDevice | None:
    """The user's authenticator app, confirmed or still being set up."""
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("pk").first()


def recovery_device_for(user) -> StaticDevice | None:
    """The user's recovery codes (django-otp's static device)."""
    return StaticDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def two_factor_enabled(user) -> bool:
    """Whether the user has a confirmed authenticator app."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user) -> int:
    """How many unused recovery codes the user has."""
    device = recovery_device_for(user)
    return device.token_set.count() if device is not None else 0


def code_normalise(code: str) -> str:
    """The code as stored: no spaces or dashes, lower case (recovery codes are base32)."""
    return re.sub(r"[\s-]+", "", code or "").lower()


def device_for_code(user, code: str) -> Device | None:
    """The one device a code is meant for: six digits are the app's, anything else a
    recovery code. Trying a code on every device would count a failure against each."""
    if TOTP_CODE.match(code):
        return totp_device_for(user)
    return recovery_device_for(user)
