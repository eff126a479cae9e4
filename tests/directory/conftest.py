"""Fixtures of the directory's tests."""

import pytest

from muhabir.directory.models import DirectoryPage
from tests.directory.csv_fixtures import entries  # noqa: F401


@pytest.fixture
def directory_pages(home_tr, home_de) -> dict[str, DirectoryPage]:
    """The directory in both languages: /tr/rehber/ and its translation /de/verzeichnis/."""
    turkish = DirectoryPage(
        title="Rehber", slug="rehber", locale=home_tr.locale, show_in_menus=True
    )
    home_tr.add_child(instance=turkish)
    turkish.save_revision().publish()
    german = DirectoryPage(
        title="Verzeichnis",
        slug="verzeichnis",
        locale=home_de.locale,
        translation_key=turkish.translation_key,
        show_in_menus=True,
    )
    home_de.add_child(instance=german)
    german.save_revision().publish()
    return {"tr": turkish, "de": german}
