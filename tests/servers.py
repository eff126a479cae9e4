"""Tests that need a real server skip without one, except in CI, where they fail."""

import os

import pytest


def server_unreachable(name: str, error: Exception) -> None:
    message = f"{name} is not reachable: {error}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message} (CI must provide it)")
    pytest.skip(message)
