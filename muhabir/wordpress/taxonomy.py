"""Categories become sections, tags become tags, authors become Author snippets."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from taggit.models import Tag

from muhabir.core import text
from muhabir.home.models import HomePage
from muhabir.newsroom.models import Author, SectionPage
from muhabir.wordpress.wxr import ItemTerm, Term

UNCATEGORIZED_SLUGS = {"uncategorized", "uncategorised", "genel", "allgemein", "unkategorisiert"}
UNCATEGORIZED_NAMES = {"uncategorized", "uncategorised", "genel", "allgemein", "unkategorisiert"}
MAX_CATEGORY_DEPTH = 20


class SectionMapError(ValueError):
    """The --section-map file cannot be used; the message names the line."""


def section_map_read(path: Path) -> dict[str, str]:
    """Read ``category slug or name,section slug`` lines (``#`` comments, optional header).

    Raises:
        SectionMapError: a line is malformed or names a section that does not exist.
    """
    mapping: dict[str, str] = {}
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
    except OSError as error:
        raise SectionMapError(f"cannot read {path}: {error}") from error
    known = set(SectionPage.objects.values_list("slug", flat=True))
    for number, row in enumerate(rows, start=1):
        cells = [cell.strip() for cell in row]
        if not cells or not any(cells) or cells[0].startswith("#"):
            continue
        if number == 1 and [c.lower() for c in cells[:2]] == ["category", "section"]:
            continue
        if len(cells) != 2 or not all(cells):
            raise SectionMapError(
                f"{path}, line {number}: expected 'category slug or name,section slug'"
            )
        category, section = cells
        if section not in known:
            raise SectionMapError(f"{path}, line {number}: no section with the slug '{section}'")
        mapping[category.casefold()] = section
    return mapping


def _is_uncategorized(slug: str, name: str) -> bool:
    return slug.lower() in UNCATEGORIZED_SLUGS or name.casefold() in UNCATEGORIZED_NAMES


@dataclass
class Placement:
    primary: SectionPage
    further: list[SectionPage] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


class Taxonomy:
    """Finds or creates the sections, tags and authors posts refer to, once each."""

    def __init__(
        self,
        *,
        homes: dict[str, HomePage],
        categories: dict[str, Term],
        section_map: dict[str, str],
    ):
        self.homes = homes
        self.categories = categories
        self.section_map = section_map
        self._sections: dict[str, dict[str, SectionPage]] = {}
        self._by_title: dict[str, dict[str, SectionPage]] = {}
        self._tags: dict[str, Tag] = {}
        self._authors: dict[str, Author] = {}
        self.sections_created: list[SectionPage] = []
        # Where each category's archive leads: the first section it was placed in.
        self.category_sections: dict[str, SectionPage] = {}
        self.warnings: list[str] = []

    # Sections -------------------------------------------------------------------------

    def _load(self, language: str) -> None:
        if language in self._sections:
            return
        sections = SectionPage.objects.child_of(self.homes[language]).order_by("path")
        self._sections[language] = {}
        self._by_title[language] = {}
        for section in sections:
            self._remember(section, language)

    def _remember(self, section: SectionPage, language: str) -> None:
        self._sections[language].setdefault(section.slug, section)
        self._by_title[language].setdefault(text.lower(section.title, language), section)

    def default_section(self, language: str) -> SectionPage:
        """The language's first section, made from a placeholder name when there is none."""
        self._load(language)
        if self._sections[language]:
            return next(iter(self._sections[language].values()))
        name = {"tr": "Haberler", "de": "Nachrichten"}.get(language, "News")
        return self._create(name, text.slug(name, language), language)

    def _create(self, name: str, slug: str, language: str) -> SectionPage:
        home = HomePage.objects.get(pk=self.homes[language].pk)
        slug = slug or text.slug(name, language) or "section"
        base, number = slug, 1
        while slug in self._sections[language] or home.get_children().filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        section = SectionPage(title=name[:255], slug=slug, locale=home.locale, show_in_menus=True)
        home.add_child(instance=section)
        section.save_revision().publish()
        self._remember(section, language)
        self.sections_created.append(section)
        return section

    def _mapped(self, slug: str, name: str, language: str) -> SectionPage | None:
        target = self.section_map.get(slug.casefold()) or self.section_map.get(name.casefold())
        if target is None:
            return None
        self._load(language)
        if target in self._sections[language]:
            return self._sections[language][target]
        for other in SectionPage.objects.filter(slug=target):
            translation = other.get_translation_or_none(self.homes[language].locale)
            if translation is not None:
                return translation.specific
        self.warnings.append(
            f"section '{target}' has no {language} version; using the default section"
        )
        return self.default_section(language)

    def top_level(self, slug: str) -> str:
        """The slug of a category's top-level ancestor (itself when it has no parent)."""
        seen = set()
        while slug in self.categories and self.categories[slug].parent and slug not in seen:
            seen.add(slug)
            parent = self.categories[slug].parent
            if parent not in self.categories or len(seen) > MAX_CATEGORY_DEPTH:
                break
            slug = parent
        return slug

    def section_for(self, slug: str, name: str, language: str) -> SectionPage:
        """The section a (top-level) category means in ``language``: mapped, found or made."""
        self._load(language)
        term = self.categories.get(slug)
        name = name or (term.name if term else slug)
        mapped = self._mapped(slug, name, language)
        if mapped is not None:
            return mapped
        if _is_uncategorized(slug, name):
            return self.default_section(language)
        wanted = text.slug(unquote(slug), language) if slug else text.slug(name, language)
        section = self._sections[language].get(wanted) or self._by_title[language].get(
            text.lower(name, language)
        )
        return section or self._create(name, wanted, language)

    def placement(self, terms: list[ItemTerm], language: str) -> Placement:
        """The primary and further sections of a post, and the subcategories kept as tags."""
        sections: list[SectionPage] = []
        tags: list[str] = []
        seen: set[tuple[str, str]] = set()
        for term in terms:
            key = (term.slug, term.name)
            if key in seen:
                continue
            seen.add(key)
            slug = term.slug or next(
                (s for s, t in self.categories.items() if t.name == term.name), ""
            )
            top = self.top_level(slug) if slug else ""
            if top and top != slug:
                # A subcategory files the post under its top-level section, named as a tag.
                mapped = self._mapped(slug, term.name, language)
                if mapped is not None:
                    sections.append(mapped)
                    self.category_sections.setdefault(slug, mapped)
                    continue
                tags.append(term.name)
                section = self.section_for(top, self.categories[top].name, language)
            else:
                section = self.section_for(slug, term.name, language)
            self.category_sections.setdefault(slug or term.name, section)
            sections.append(section)
        if not sections:
            sections = [self.default_section(language)]
        unique = list({section.pk: section for section in sections}.values())
        return Placement(primary=unique[0], further=unique[1:], tags=tags)

    # Tags and authors -----------------------------------------------------------------

    def tag(self, name: str) -> Tag | None:
        name = " ".join(name.split())[:100]
        if not name:
            return None
        key = name.casefold()
        if key not in self._tags:
            tag = Tag.objects.filter(name__iexact=name).first()
            if tag is None:
                tag = Tag.objects.create(name=name)
            self._tags[key] = tag
        return self._tags[key]

    def author(self, display_name: str) -> Author | None:
        name = " ".join(display_name.split())[:255]
        if not name:
            return None
        key = name.casefold()
        if key not in self._authors:
            author = Author.objects.filter(name__iexact=name).first()
            if author is None:
                author = Author.objects.create(name=name)
            self._authors[key] = author
        return self._authors[key]
