"""The demo site plus the fixed search corpus."""

from __future__ import annotations

import pytest

from muhabir.demo import services as demo_services
from muhabir.newsroom.models import ArticlePage
from tests.search.corpus_loader import corpus_load


@pytest.fixture
def demo_site(db, monkeypatch, tmp_path):
    """The seed's site, built by the project's loader (its stories are published)."""
    monkeypatch.setattr(demo_services, "_password_file", lambda: tmp_path / "demo-password")
    return demo_services.demo_site_load(password="search-tests")


@pytest.fixture
def corpus(demo_site) -> dict[str, ArticlePage]:
    """Every corpus article by key; the seed's stories as ``seed:<slug>``."""
    return corpus_load()
