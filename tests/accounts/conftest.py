import pytest
from django.test import Client

from tests.accounts.helpers import _force_login


@pytest.fixture(autouse=True)
def second_factor_on_force_login(monkeypatch):
    """Here ``force_login`` is the plain one: these tests are about the second step."""
    monkeypatch.setattr(Client, "force_login", _force_login)
