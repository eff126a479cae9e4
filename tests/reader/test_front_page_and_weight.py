"""The seed's front page in German, and what a page costs to download."""

from __future__ import annotations

import gzip
import re

import pytest
from django.contrib.staticfiles import finders

from tests.demo_once import demo_media_copy, demo_site_for_module
from tests.helpers import card_date, card_title, cards, section_blocks, soup

pytestmark = pytest.mark.django_db

PAGE_BUDGET_BYTES = 100 * 1024
KENTER = "Yıldız Kenter son yolculuğuna uğurlandı"


@pytest.fixture(scope="module")
def demo_site_workdir(django_db_setup, django_db_blocker, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("demo-site")
    with demo_site_for_module(django_db_blocker, workdir, password="demo-password-for-tests"):
        yield workdir


@pytest.fixture
def demo_site(demo_site_workdir, db, media_root):
    demo_media_copy(demo_site_workdir, media_root)


def test_german_front_page_lists_the_seeds_turkish_stories_marked_turkish(client, demo_site):
    page = soup(client.get("/de/"))
    blocks = section_blocks(client.get("/de/"))
    assert len(blocks) == 6
    firsts = [cards(block)[0] for block in blocks]
    assert [card_title(card) for card in firsts].count(KENTER) == 2
    assert card_date(firsts[0]) == "Dienstag, 19.11.2019"
    kenter_links = page.find_all("a", string=KENTER)
    assert kenter_links
    assert all(link.get("lang") == "tr" for link in kenter_links)
    assert page.find("abbr", attrs={"lang": "tr"}).get_text() == "TR"


def test_section_labels_pair_both_languages(client, demo_site):
    labels = [
        re.sub(r"\s+", " ", block.find("h2").get_text(" ", strip=True))
        for block in section_blocks(client.get("/tr/"))
    ]
    assert labels[0] == "Magazin & Kültür"
    assert labels[2].startswith("Toplum") and "Gesellschaft" in labels[2]


def test_single_language_section_labels_by_site_setting(client, demo_site):
    from wagtail.models import Site

    from muhabir.home.models import SiteSettings

    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.bilingual_section_labels = False
    settings.save()
    labels = [block.find("h2").get_text(strip=True) for block in section_blocks(client.get("/tr/"))]
    assert labels[2] == "Toplum"


def _gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


@pytest.mark.parametrize(
    "path", ["/tr/", "/de/gesellschaft/ein-starkes-signal-fuer-integration/", "/tr/toplum/"]
)
def test_page_with_its_css_and_javascript_stays_under_100_kb_compressed(client, demo_site, path):
    response = client.get(path)
    html = response.content
    total = _gzipped(html)
    for asset in re.findall(rb'(?:href|src)="/static/([^"]+\.(?:css|js))"', html):
        found = finders.find(asset.decode())
        assert found, asset
        with open(found, "rb") as handle:
            total += _gzipped(handle.read())
    total += _gzipped(client.get("/a11y/preferences.css").content)
    assert total < PAGE_BUDGET_BYTES
