"""Reads for public pages. Each starts from ``live().public()`` so drafts cannot leak.

Which articles a reader may see listed is the article QuerySet's rule
(``newsroom.models.listing``); these build the pages' reads on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from anyascii import anyascii
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from wagtail.models import Locale, Page, PageViewRestriction

from muhabir.newsroom.models import ArticlePage, ArticlePageTag, ArticlePlacement, SectionPage
from muhabir.newsroom.models.listing import CARD_DEFERRED, listed_in_language_q, not_expired_q

FRONT_PAGE_ARTICLES_PER_SECTION = 3


def public_articles() -> QuerySet[ArticlePage]:
    """Live, public, unexpired, dated articles with what listings show, newest first."""
    return ArticlePage.objects.listable()


def public_articles_for(locale: Locale) -> QuerySet[ArticlePage]:
    """What a reader of ``locale`` may see listed."""
    return ArticlePage.objects.listable_for(locale)


def section_family(section: SectionPage) -> list[int]:
    """The primary keys of ``section`` and its live translations."""
    return section.family()


def section_articles(
    *, section: SectionPage, family: list[int] | None = None
) -> QuerySet[ArticlePage]:
    """Articles listed in ``section`` for its language, including untranslated ones
    placed in the section's translations."""
    return ArticlePage.objects.in_section(section, family)


def public_sections(*, home: Page) -> QuerySet[SectionPage]:
    """The sections under a front page, in the editors' order."""
    return SectionPage.objects.child_of(home).live().public().order_by("path")


def _public_placements(locale: Locale) -> QuerySet[ArticlePlacement]:
    """Placements of live, dated articles a reader of ``locale`` may see."""
    placements = ArticlePlacement.objects.filter(
        not_expired_q("article__"), article__live=True, published_date__isnull=False
    ).filter(listed_in_language_q(locale, prefix="article__"))
    for path in PageViewRestriction.objects.values_list("page__path", flat=True):
        placements = placements.exclude(article__path__startswith=path)
    return placements


@dataclass
class SectionBlock:
    """A section on the front page: its names in every language and its newest articles."""

    section: SectionPage
    names: list[tuple[str, str]] = field(default_factory=list)  # (language, name), own first
    articles: list[ArticlePage] = field(default_factory=list)

    @property
    def label_parts(self) -> list[tuple[str, str]]:
        """The section's names for a bilingual label, own language first, without repeats
        that differ only in accents ("Magazin & Kültür" / "Magazin & Kultur")."""
        parts: list[tuple[str, str]] = []
        seen: set[str] = set()
        for language, name in self.names:
            key = anyascii(name).casefold().replace(" ", "")
            if key not in seen:
                seen.add(key)
                parts.append((language, name))
        return parts

    def __iter__(self):
        # Lets templates and callers unpack a block as (section, articles).
        return iter((self.section, self.articles))


def front_page_sections(
    *, home: Page, per_section: int = FRONT_PAGE_ARTICLES_PER_SECTION
) -> list[SectionBlock]:
    """Each section of ``home`` with its newest articles, in a fixed number of queries.

    One subquery per section walks the (section, date) index and stops after
    ``per_section`` rows; a window over every placement would rank them all.
    """
    sections = list(public_sections(home=home))
    if not sections:
        return []
    blocks = {section.translation_key: SectionBlock(section=section) for section in sections}
    family: dict[int, SectionBlock] = {
        section.pk: blocks[section.translation_key] for section in sections
    }
    translations = (
        SectionPage.objects.live()
        .public()
        .filter(translation_key__in=list(blocks))
        .exclude(locale=home.locale_id)
        .select_related("locale")
        .order_by("locale__language_code")
    )
    for block in blocks.values():
        block.names.append((home.locale.language_code, block.section.title))
    for translation in translations:
        block = blocks[translation.translation_key]
        block.names.append((translation.locale.language_code, translation.title))
        family[translation.pk] = block

    newest = _newest_placements_sql(
        _public_placements(home.locale), sections=list(family), per_section=per_section
    )
    placements = (
        ArticlePlacement.objects.filter(pk__in=newest)
        .select_related("article", "article__hero_image", "article__locale")
        .defer(*(f"article__{name}" for name in CARD_DEFERRED))
        .order_by("-published_date", "-article_id")
    )
    for placement in placements:
        block = family[placement.section_id]
        if placement.article not in block.articles:
            block.articles.append(placement.article)
    ordered = [blocks[section.translation_key] for section in sections]
    for block in ordered:
        del block.articles[per_section:]
    return ordered


def _newest_placements_sql(
    visible: QuerySet[ArticlePlacement], *, sections: list[int], per_section: int
) -> RawSQL:
    """The ids of the newest ``per_section`` visible placements of each section.

    One bounded branch per section, joined with UNION ALL: "section_id = x ORDER BY date
    LIMIT n" walks the (section, date) index and stops after n rows. Written as
    ``pk IN (...) OR pk IN (...)`` instead, PostgreSQL scanned every placement and hashed
    every page row (~280 ms at 20,000 articles); "section_id IN (x, y)" sorts them all.
    Each branch is wrapped in a sub-select because SQLite allows no ORDER BY or LIMIT
    in the members of a compound select.
    """
    branches, params = [], []
    for section_id in sections:
        query = (
            visible.filter(section_id=section_id)
            .order_by("-published_date", "-article_id")
            .values("pk")[:per_section]
        ).query
        sql, branch_params = query.get_compiler(using=visible.db).as_sql()
        # The SQL is the ORM's own, with its parameters kept apart.
        branches.append(f"SELECT * FROM ({sql}) AS newest_{len(branches)}")  # noqa: S608
        params.extend(branch_params)
    return RawSQL(" UNION ALL ".join(branches), params)  # noqa: S611 - the ORM's SQL, as above


def lead_article(*, home: Page) -> ArticlePage | None:
    """The front page's lead: the newest featured article a reader of this language sees,
    else the newest in the language."""
    featured = public_articles_for(home.locale).filter(featured=True).defer(*CARD_DEFERRED)
    if (lead := featured.first()) is not None:
        return lead
    return public_articles().filter(locale_id=home.locale_id).defer(*CARD_DEFERRED).first()


def article_translations(*, page: Page) -> QuerySet[Page]:
    """Live, public translations of ``page`` in the other languages.

    Plain ``Page`` rows: links name a title, a language and an address, and the specific
    rows would bring each translation's whole body along.
    """
    return (
        Page.objects.filter(translation_key=page.translation_key)
        .exclude(pk=page.pk)
        .live()
        .public()
        .select_related("locale")
    )


RELATED_CANDIDATES = 200


def related_articles(*, article: ArticlePage, limit: int = 4) -> list[ArticlePage]:
    """Newest other articles sharing a tag or, failing that, the primary section.

    Tag matches are drawn from a bounded set of the newest tagged rows, so a popular
    tag does not make every article page sort thousands of articles.
    """
    candidates = (
        public_articles_for(article.locale)
        .exclude(translation_key=article.translation_key)
        .defer(*CARD_DEFERRED)
    )
    # ``tags.all()`` rather than ``values_list``: in a preview the article is unsaved or a
    # revision, and its tags live in memory where modelcluster only knows field names.
    tag_ids = [tag.id for tag in article.tags.all()]
    related: list[ArticlePage] = []
    if tag_ids:
        tagged = (
            ArticlePageTag.objects.filter(tag_id__in=tag_ids)
            .exclude(content_object_id=article.pk)
            .order_by("-content_object_id")
            .values("content_object_id")[:RELATED_CANDIDATES]
        )
        related = list(candidates.filter(pk__in=tagged)[:limit])
    if len(related) < limit:
        more = (
            candidates.filter(placements__section_id=article.get_parent().pk)
            .exclude(pk__in=[a.pk for a in related])
            .order_by("-placements__published_date", "-pk")
        )
        related += list(more[: limit - len(related)])
    return related
