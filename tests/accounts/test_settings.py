"""The sign-in settings come from the environment, with the README's defaults."""

from __future__ import annotations

import importlib
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

VARIABLES = (
    "MUHABIR_LOGIN_FAILURES",
    "MUHABIR_LOGIN_COOLOFF_MINUTES",
    "MUHABIR_2FA_REQUIRED_FOR_ADMINISTRATORS",
)


@pytest.fixture
def base_settings(monkeypatch):
    """Import muhabir.settings.base anew; the loaded module comes back afterwards."""
    monkeypatch.setitem(sys.modules, "muhabir.settings.base", sys.modules["muhabir.settings.base"])
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)

    def load():
        sys.modules.pop("muhabir.settings.base", None)
        return importlib.import_module("muhabir.settings.base")

    return load


def test_defaults_lock_out_after_five_failures_for_a_quarter_of_an_hour(base_settings):
    base = base_settings()

    assert base.AXES_FAILURE_LIMIT == base.MUHABIR_LOGIN_FAILURES == 5
    assert base.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert base.AXES_LOCKOUT_PARAMETERS == ["username", "ip_address"]
    assert base.AXES_CLIENT_IP_CALLABLE == "muhabir.core.clients.client_address"
    assert base.MUHABIR_2FA_REQUIRED_FOR_ADMINISTRATORS is True
    assert base.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert base.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"


def test_the_environment_sets_limit_cool_off_and_requirement(base_settings, monkeypatch):
    monkeypatch.setenv("MUHABIR_LOGIN_FAILURES", "3")
    monkeypatch.setenv("MUHABIR_LOGIN_COOLOFF_MINUTES", "60")
    monkeypatch.setenv("MUHABIR_2FA_REQUIRED_FOR_ADMINISTRATORS", "false")

    base = base_settings()

    assert base.AXES_FAILURE_LIMIT == 3
    assert base.AXES_COOLOFF_TIME.total_seconds() == 60 * 60
    assert base.MUHABIR_2FA_REQUIRED_FOR_ADMINISTRATORS is False


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("MUHABIR_LOGIN_FAILURES", "0"),
        ("MUHABIR_LOGIN_FAILURES", "fünf"),
        ("MUHABIR_LOGIN_COOLOFF_MINUTES", "0"),
        ("MUHABIR_2FA_REQUIRED_FOR_ADMINISTRATORS", "evet"),
    ],
)
def test_a_bad_value_stops_the_start_naming_the_variable(base_settings, monkeypatch, name, value):
    monkeypatch.setenv(name, value)

    with pytest.raises(ImproperlyConfigured, match=f"^{name}: "):
        base_settings()
