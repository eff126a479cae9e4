"""The security settings read from the environment, with safe defaults."""

from __future__ import annotations

import importlib
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured


@pytest.fixture
def base_settings(monkeypatch):
    """Import muhabir.settings.base afresh; the loaded module comes back afterwards."""
    monkeypatch.setitem(sys.modules, "muhabir.settings.base", sys.modules["muhabir.settings.base"])

    def load():
        sys.modules.pop("muhabir.settings.base", None)
        return importlib.import_module("muhabir.settings.base")

    return load


def test_defaults_allow_no_private_host_and_forty_megapixels(base_settings, monkeypatch):
    monkeypatch.delenv("MUHABIR_FETCH_ALLOWED_PRIVATE_HOSTS", raising=False)
    monkeypatch.delenv("MUHABIR_MAX_IMAGE_PIXELS", raising=False)

    base = base_settings()

    assert base.MUHABIR_FETCH_ALLOWED_PRIVATE_HOSTS == []
    assert base.MUHABIR_MAX_IMAGE_PIXELS == base.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000


def test_private_hosts_and_pixel_limit_come_from_the_environment(base_settings, monkeypatch):
    monkeypatch.setenv("MUHABIR_FETCH_ALLOWED_PRIVATE_HOSTS", "presse.intranet, 10.0.0.8 ,")
    monkeypatch.setenv("MUHABIR_MAX_IMAGE_PIXELS", "25000000")

    base = base_settings()

    assert base.MUHABIR_FETCH_ALLOWED_PRIVATE_HOSTS == ["presse.intranet", "10.0.0.8"]
    assert base.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 25_000_000


def test_pixel_limit_that_is_no_number_names_the_variable(base_settings, monkeypatch):
    monkeypatch.setenv("MUHABIR_MAX_IMAGE_PIXELS", "40M")

    with pytest.raises(ImproperlyConfigured, match=r"^MUHABIR_MAX_IMAGE_PIXELS"):
        base_settings()
