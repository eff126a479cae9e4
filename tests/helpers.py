"""Reading rendered pages the way a reader sees them.

Listings are read by structure (each teaser is an ``<article>`` in ``<main>`` whose
heading links the story), so a change of CSS classes does not break the tests.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def cards(container) -> list[Tag]:
    """The article teasers in a listing page (or in one part of it), top to bottom."""
    if not isinstance(container, Tag):
        container = soup(container).find("main")
    return [card for card in container.find_all("article") if _title_link(card) is not None]


def _title_link(card: Tag) -> Tag | None:
    heading = card.find(["h2", "h3", "h4"])
    return heading.find("a", href=True) if heading is not None else None


def card_title(card: Tag) -> str:
    return _title_link(card).get_text(strip=True)


def card_link(card: Tag) -> str:
    return _title_link(card)["href"]


def card_date(card: Tag) -> str:
    return card.find("time").get_text(strip=True)


def card_teaser(card: Tag) -> str:
    """The teaser paragraph: the card's longest paragraph that is not its date line."""
    paragraphs = [p for p in card.find_all("p") if p.find("time") is None]
    return max((p.get_text(strip=True) for p in paragraphs), key=len, default="")


def listed_titles(container) -> list[str]:
    return [card_title(card) for card in cards(container)]


def listed_links(container) -> list[str]:
    return [card_link(card) for card in cards(container)]


def section_blocks(response) -> list[Tag]:
    """The front page's per-section blocks."""
    return soup(response).select(".section-block")


def language_link(response, code: str) -> str:
    """Where the language switcher's link to ``code`` points."""
    links = soup(response).select(f'.language-switch a[hreflang="{code}"]')
    assert len(links) == 1, f"expected one {code!r} link in the language switcher"
    return links[0]["href"]
