"""Tests that need a real server skip without one, except in CI, where they fail."""

import os

import pytest


def server_unreachable(name: str, error: Exception) -> None:
    message = f"{name} is not reachable: {error}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message} (CI must provide it)")
    pytest.skip(message)


# Without REDIS_URL (the SQLite run) tests that need Redis use database 14, so that they
# never empty the database 15 of a PostgreSQL and Redis run going on at the same time.
SPARE_REDIS_URL = "redis://127.0.0.1:6379/14"


def redis_test_url() -> str:
    """The Redis database this run's tests may use and empty."""
    return os.environ.get("REDIS_URL") or SPARE_REDIS_URL
