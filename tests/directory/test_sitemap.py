"""Search engines find every published entry, in both languages, and no draft."""

from __future__ import annotations

import pytest
from lxml import etree

from tests.factories.directory import AssociationFactory, PlaceFactory
from tests.syndication.conftest import NEWS_NS, SITEMAP_NS, XHTML_NS, _schema, xml_valid

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def urlset_schema():
    return _schema(
        (SITEMAP_NS, "sitemap.xsd"), (NEWS_NS, "sitemap-news.xsd"), (XHTML_NS, "xhtml-link.xsd")
    )


def test_published_entries_are_listed_with_both_languages(client, directory_pages, urlset_schema):
    PlaceFactory(name="İltis Park Çay Bahçesi", category="tea-garden", live=True)
    AssociationFactory(name="Gizli Dernek", live=False)

    document = xml_valid(urlset_schema, client.get("/sitemap-directory.xml"))

    locations = [loc.text for loc in document.iter(f"{{{SITEMAP_NS}}}loc")]
    assert "http://testserver/tr/rehber/mekanlar/iltis-park-cay-bahcesi/" in locations
    assert "http://testserver/de/verzeichnis/orte/iltis-park-cay-bahcesi/" in locations
    assert not [loc for loc in locations if "gizli" in loc]
    alternates = document.findall(f".//{{{XHTML_NS}}}link")
    assert {link.get("hreflang") for link in alternates} == {"tr", "de"}


def test_the_index_names_the_directory_sitemap_only_when_there_is_a_directory(client, home_tr):
    index = etree.fromstring(client.get("/sitemap.xml").content)
    assert not [loc.text for loc in index.iter(f"{{{SITEMAP_NS}}}loc") if "directory" in loc.text]
