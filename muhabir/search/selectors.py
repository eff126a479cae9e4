"""Search results and title suggestions for readers.

The index proposes candidates; what is shown is then read through ``public_articles()``,
so an article that stopped being public is never shown even if the index lagged behind.
Facets (language, section, date) are counted over the candidates in Python: one query to
the full-text index, one for the candidates' sections, one for the page's articles.
"""

from __future__ import annotations

import bisect
import datetime as dt
import logging
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import DatabaseError, connection, transaction
from django.db.models import Prefetch
from django.utils import timezone

from muhabir.core.text_analysis import LanguageQuery, base_language, search_languages
from muhabir.newsroom.models import ArticlePage, ArticlePlacement, SectionPage
from muhabir.newsroom.selectors import public_articles
from muhabir.search.backends import DEFAULT_WINDOW, Candidate, Restriction, candidates
from muhabir.search.highlight import highlight, snippet
from muhabir.search.models import SearchDocument
from muhabir.search.query import ParsedQuery, parse

logger = logging.getLogger(__name__)

RESULTS_PER_PAGE = 10
SUGGESTIONS = 8
SUGGESTION_WINDOW = 200
RELATIVE_DATES = {"week": 7, "month": 31, "year": 365}
YEAR_FACETS = 10
SECTIONS_CACHE_KEY = "muhabir:search:sections"
SECTIONS_CACHE_SECONDS = 300


@dataclass(frozen=True)
class Filters:
    language: str | None = None
    section: int | None = None
    date: str | None = None

    @property
    def active(self) -> bool:
        return bool(self.language or self.section or self.date)


def filters_from(params) -> Filters:
    """Read the facet filters from a query dict; anything unknown is ignored, not an error."""
    language = base_language(params.get("language"))
    if language not in search_languages():
        language = None
    try:
        section = int(params.get("section") or 0) or None
    except (TypeError, ValueError):
        section = None
    if section is not None and not 0 < section < 2**31:
        section = None
    date = (params.get("date") or "").strip()
    if date not in RELATIVE_DATES and not (date.isdigit() and len(date) == 4):
        date = None
    return Filters(language=language, section=section, date=date or None)


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    language: str = ""  # the language of the label, when it is a section's name


@dataclass
class SearchHit:
    article: ArticlePage
    language: str
    section: SectionPage | None
    title: str
    snippet: str


@dataclass
class SearchResults:
    query: str
    parsed: ParsedQuery
    filters: Filters
    total: int = 0
    page: PaginatorPage | None = None
    hits: list[SearchHit] = field(default_factory=list)
    # More matches than the window: results are ranked among the newest matches.
    capped: bool = False
    # No article had every word; these have some of them.
    any_word: bool = False
    facets: dict[str, list[FacetOption]] = field(default_factory=dict)


def _safe_candidates(queries: dict[str, LanguageQuery], **kwargs) -> list[Candidate]:
    """Candidates, or none if the database refuses the expression: a query never errors."""
    try:
        if not connection.in_atomic_block:
            # In autocommit a failed statement harms nothing: spare the savepoint's round trips.
            return candidates(queries, **kwargs)
        with transaction.atomic():
            return candidates(queries, **kwargs)
    except DatabaseError:
        logger.exception("search query failed")
        return []


def _year_start(year: int) -> dt.datetime:
    return dt.datetime(year, 1, 1, tzinfo=timezone.get_current_timezone())


def _date_range(value: str, now: dt.datetime) -> tuple[dt.datetime | None, dt.datetime | None]:
    if value in RELATIVE_DATES:
        return now - dt.timedelta(days=RELATIVE_DATES[value]), None
    year = int(value)
    try:
        return _year_start(year), _year_start(year + 1)
    except ValueError:
        return None, None


def _in_range(timestamp: float, bounds) -> bool:
    # Timestamps, not datetimes: comparing aware datetimes converts time zones each time.
    since, until = bounds
    return (since is None or timestamp >= since.timestamp()) and (
        until is None or timestamp < until.timestamp()
    )


@dataclass
class _Sections:
    """Live sections grouped by translation: a family is one section in every language."""

    family_of: dict[int, str]
    members: dict[str, list[SectionName]]

    def family_ids(self, section_id: int) -> list[int]:
        family = self.family_of.get(section_id)
        return [s.pk for s in self.members.get(family, [])]

    def label(self, family: str, language: str) -> SectionName:
        members = self.members[family]
        return next((s for s in members if s.language == language), members[0])


@dataclass(frozen=True)
class SectionName:
    pk: int
    title: str
    language: str


def _section_rows() -> list[tuple[int, str, str, str]]:
    return list(
        # Restricted sections are nobody's facet: their names are not public.
        SectionPage.objects.live()
        .public()
        .order_by("path")
        .values_list("pk", "translation_key", "title", "locale__language_code")
    )


def _sections() -> _Sections:
    # Sections change a few times a year; the facets need them on every search.
    rows = cache.get_or_set(SECTIONS_CACHE_KEY, _section_rows, SECTIONS_CACHE_SECONDS)
    family_of, members = {}, defaultdict(list)
    for pk, translation_key, title, language in rows:
        family_of[pk] = str(translation_key)
        members[str(translation_key)].append(SectionName(pk=pk, title=title, language=language))
    return _Sections(family_of=family_of, members=dict(members))


def search_results(
    *,
    query: str,
    filters: Filters,
    page_number=1,
    interface_language: str,
    per_page: int = RESULTS_PER_PAGE,
    window: int = DEFAULT_WINDOW,
) -> SearchResults:
    """One page of ranked results for what a reader typed, with facet counts."""
    parsed = parse(query)
    results = SearchResults(query=query, parsed=parsed, filters=filters)
    if parsed.is_empty:
        return results
    queries = parsed.by_language()
    found = _safe_candidates(queries, window=window)
    if not found and len(parsed.words) + len(parsed.phrases) > 1:
        found = _safe_candidates(queries, window=window, any_word=True)
        results.any_word = bool(found)
    results.capped = len(found) >= window or getattr(found, "truncated", False)
    if not found:
        return results

    sections = _sections()
    families_by_article: dict[int, set[str]] = {
        c.article_id: {sections.family_of[pk] for pk in c.section_ids if pk in sections.family_of}
        for c in found
    }

    now = timezone.now()
    bounds = _date_range(filters.date, now) if filters.date else (None, None)
    wanted_family = sections.family_of.get(filters.section) if filters.section else None
    tests: dict[str, Callable[[Candidate], bool]] = {
        "language": lambda c: filters.language is None or c.language == filters.language,
        "section": lambda c: (
            wanted_family is None or wanted_family in families_by_article[c.article_id]
        ),
        "date": lambda c: _in_range(c.timestamp, bounds),
    }

    def passing(*, but: str | None = None) -> list[Candidate]:
        if not filters.active:
            return found
        return [c for c in found if all(test(c) for name, test in tests.items() if name != but)]

    results.facets = {
        "language": _language_facet(passing(but="language"), filters),
        "section": _section_facet(
            passing(but="section"), families_by_article, sections, filters, interface_language
        ),
        "date": _date_facet(passing(but="date"), filters, now),
    }
    shown = passing()
    if results.capped and filters.active:
        # The window held only the newest matches of every kind; ask again with the filters.
        shown = _safe_candidates(
            queries,
            window=window,
            any_word=results.any_word,
            restriction=_restriction(filters, sections, bounds),
        )
    shown.sort(key=lambda c: (-c.score, -c.timestamp, -c.article_id))
    results.total = len(shown)
    paginator = Paginator(shown, per_page)
    results.page = paginator.get_page(page_number)
    results.hits = _hits(list(results.page.object_list), queries)
    return results


def _restriction(filters: Filters, sections: _Sections, bounds) -> Restriction:
    article_ids_sql = None
    if filters.section:
        article_ids_sql = (
            ArticlePlacement.objects.filter(section_id__in=sections.family_ids(filters.section))
            .values("article_id")
            .query.sql_with_params()
        )
        article_ids_sql = (article_ids_sql[0], list(article_ids_sql[1]))
    return Restriction(
        languages=(filters.language,) if filters.language else (),
        article_ids_sql=article_ids_sql,
        since=bounds[0],
        until=bounds[1],
    )


def _language_facet(found: list[Candidate], filters: Filters) -> list[FacetOption]:
    counts = Counter(c.language for c in found)
    return [
        FacetOption(value=language, label=language, count=counts[language],
                    selected=filters.language == language)
        for language in search_languages()
        if counts[language] or filters.language == language
    ]  # fmt: skip


def _section_facet(found, families_by_article, sections, filters, language) -> list[FacetOption]:
    counts: Counter[str] = Counter()
    for candidate in found:
        counts.update(families_by_article[candidate.article_id])
    selected = sections.family_of.get(filters.section) if filters.section else None
    options = []
    for family, count in counts.most_common():
        section = sections.label(family, language)
        options.append(
            FacetOption(
                value=str(section.pk),
                label=section.title,
                count=count,
                selected=family == selected,
                language=section.language,
            )
        )
    return options


def _date_facet(found: list[Candidate], filters: Filters, now: dt.datetime) -> list[FacetOption]:
    options = []
    stamps = sorted(c.timestamp for c in found)
    for value, days in RELATIVE_DATES.items():
        count = len(stamps) - bisect.bisect_left(
            stamps, (now - dt.timedelta(days=days)).timestamp()
        )
        if count or filters.date == value:
            options.append(FacetOption(value, value, count, filters.date == value))
    if stamps:
        newest = timezone.localtime(dt.datetime.fromtimestamp(stamps[-1], dt.UTC)).year
        oldest = timezone.localtime(dt.datetime.fromtimestamp(stamps[0], dt.UTC)).year
        for year in range(newest, max(oldest, newest - YEAR_FACETS + 1) - 1, -1):
            count = bisect.bisect_left(
                stamps, _year_start(year + 1).timestamp()
            ) - bisect.bisect_left(stamps, _year_start(year).timestamp())
            if count or filters.date == str(year):
                options.append(FacetOption(str(year), str(year), count, filters.date == str(year)))
    return options


def _hits(page: list[Candidate], queries: dict[str, LanguageQuery]) -> list[SearchHit]:
    ids = [c.article_id for c in page]
    primary = ArticlePlacement.objects.filter(is_primary=True).select_related("section")
    articles = {
        article.pk: article
        for article in public_articles()
        .filter(pk__in=ids)
        .prefetch_related(Prefetch("placements", queryset=primary, to_attr="primary_placements"))
    }
    documents = {
        row["article_id"]: row
        for row in SearchDocument.objects.filter(article_id__in=ids).values(
            "article_id", "title", "text"
        )
    }
    hits = []
    for candidate in page:
        article = articles.get(candidate.article_id)
        document = documents.get(candidate.article_id)
        if article is None or document is None:
            continue
        query = queries[candidate.language]
        placements = article.primary_placements
        hits.append(
            SearchHit(
                article=article,
                language=candidate.language,
                section=placements[0].section if placements else None,
                title=highlight(article.title, query),
                snippet=snippet(document["text"], query),
            )
        )
    return hits


def title_suggestions(*, query: str, limit: int = SUGGESTIONS) -> list[ArticlePage]:
    """Live, public articles whose titles match what the reader has typed so far."""
    parsed = parse(query)
    if parsed.is_empty or sum(len(word) for word in parsed.words) + len(parsed.phrases) < 2:
        return []
    found = _safe_candidates(
        parsed.by_language(), window=SUGGESTION_WINDOW, titles_only=True, prefix_last=True
    )
    found.sort(key=lambda c: (-c.score, -c.timestamp))
    ids = [c.article_id for c in found[: limit * 2]]
    articles = {a.pk: a for a in public_articles().filter(pk__in=ids)}
    return [articles[pk] for pk in ids if pk in articles][:limit]
