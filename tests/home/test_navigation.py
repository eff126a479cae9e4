"""The main navigation follows Wagtail's "Show in menus"; standard pages make the footer."""

from __future__ import annotations

import pytest

from muhabir.directory.models import DirectoryPage
from muhabir.home.models import StandardPage
from muhabir.newsroom.models import SectionPage
from tests.conftest import section_add
from tests.factories.newsroom import ArticlePageFactory
from tests.helpers import soup


def _navigation(client, url: str) -> tuple[list[str], list[str]]:
    page = soup(client.get(url))
    main = [link.get_text(strip=True) for link in page.select(".sections-nav a")]
    footer = [link.get_text(strip=True) for link in page.select("footer nav a")]
    return main, footer


@pytest.mark.django_db
def test_new_sections_and_directory_pages_are_in_the_menu_by_default():
    # A new page looks up its content type, which the database holds.
    assert SectionPage(title="Toplum", slug="toplum").show_in_menus
    assert DirectoryPage(title="Rehber", slug="rehber").show_in_menus
    assert not StandardPage(title="Künye", slug="kunye").show_in_menus


def test_a_section_taken_out_of_the_menu_leaves_the_main_navigation(client, home_tr, sections):
    hidden = section_add(home_tr, title="Arşiv Bölümü", slug="arsiv-bolumu")
    hidden.show_in_menus = False
    hidden.save(update_fields=["show_in_menus"])

    main, footer = _navigation(client, "/tr/")

    assert [section.title for section in sections["tr"]] == main[: len(sections["tr"])]
    assert "Arşiv Bölümü" not in main
    assert "Arşiv Bölümü" not in footer


def test_standard_pages_make_the_footer_unless_put_in_the_menu(client, home_tr, sections):
    for title, slug, in_menu in (("Künye", "kunye", False), ("İletişim", "iletisim", True)):
        page = StandardPage(title=title, slug=slug, show_in_menus=in_menu, live=True)
        home_tr.add_child(instance=page)

    main, footer = _navigation(client, "/tr/")

    assert "Künye" in footer
    assert "Künye" not in main
    assert "İletişim" in main
    assert "İletişim" not in footer


def _current(client, url: str) -> dict[str, str]:
    page = soup(client.get(url))
    return {
        link.get_text(strip=True): link["aria-current"]
        for link in page.select(".sections-nav a[aria-current]")
    }


def test_the_menu_marks_the_section_shown_and_the_section_of_an_article(client, sections):
    section = sections["tr"][1]
    article = ArticlePageFactory(parent=section, title="Köln'de Kültür Gecesi")

    assert _current(client, "/tr/") == {}
    assert _current(client, section.url) == {section.title: "page"}
    assert _current(client, article.url) == {section.title: "true"}
