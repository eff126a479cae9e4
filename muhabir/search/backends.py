"""Full-text matching on SQLite (FTS5) and PostgreSQL (tsvector), from the same analysed query.

Each backend returns *candidates*: the newest ``window`` matching documents with their
relevance. The database walks matches newest first and stops after ``window`` rows, so
a word found in half of 100,000 articles costs no more than a rare one; relevance is
computed for those rows only and the caller sorts them. A document of language L is
matched against the query as analysed for L.

Expressions are built only from analysed terms (letters and digits) and passed as query
parameters; SQL is never assembled from what the reader typed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from muhabir.core.text_analysis import LanguageQuery, TermAlternatives

DEFAULT_WINDOW = 500
EXCLUSION_SCAN = 4
RECENT_SLICE = 2000
DENSE_SHARE = 0.07


@dataclass(frozen=True)
class Candidate:
    document_id: int
    article_id: int
    language: str
    published_date: dt.datetime
    score: float  # higher is better
    section_ids: tuple[int, ...] = ()  # every section the article is listed in

    @property
    def timestamp(self) -> float:
        return self.published_date.timestamp()


class Candidates(list):
    """Candidates, newest first; ``truncated`` when excluded words were not checked on all."""

    truncated = False


@dataclass(frozen=True)
class Restriction:
    """Filters applied in the database, used when the unfiltered window is full."""

    languages: tuple[str, ...] = ()
    article_ids_sql: tuple[str, list] | None = None  # (subquery, params) of allowed articles
    since: dt.datetime | None = None
    until: dt.datetime | None = None


# -- SQLite FTS5 ---------------------------------------------------------------------------

TITLE_WEIGHT = 10.0
BODY_WEIGHT = 1.0
_TEXT_COLUMNS = "{title_terms body_terms}"


def _fts_string(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _fts_term(alternative: TermAlternatives, *, last_is_prefix: bool = False) -> str:
    parts = [_fts_string(alternative.exact)]
    if last_is_prefix:
        parts.append(_fts_string(alternative.exact) + "*")
    parts += [_fts_string(prefix) + "*" for prefix in alternative.prefixes]
    return "(" + " OR ".join(dict.fromkeys(parts)) + ")"


def _fts_phrase(terms: list[str]) -> str:
    return _fts_string(" ".join(terms))


def fts_expression(
    queries: dict[str, LanguageQuery],
    *,
    any_word: bool = False,
    columns: str = _TEXT_COLUMNS,
    prefix_last: bool = False,
) -> str | None:
    """One FTS5 MATCH expression: per language, its analysed query on its documents."""
    branches = []
    for language, query in queries.items():
        if query.is_empty:
            continue
        positive = [
            _fts_term(term, last_is_prefix=prefix_last and index == len(query.terms) - 1)
            for index, term in enumerate(query.terms)
        ]
        positive += [_fts_phrase(phrase) for phrase in query.phrases]
        body = (" OR " if any_word else " AND ").join(positive)
        negative = [_fts_term(term) for term in query.excluded]
        negative += [_fts_phrase(phrase) for phrase in query.excluded_phrases]
        if negative:
            body = f"({body}) NOT ({' OR '.join(negative)})"
        branches.append(f"(language : {_fts_string(language)} AND {columns} : ({body}))")
    return " OR ".join(branches) or None


def _restriction_sql(restriction: Restriction | None) -> tuple[str, list]:
    if restriction is None:
        return "", []
    sql, params = [], []
    if restriction.since is not None:
        sql.append("d.published_date >= %s")
        params.append(restriction.since)
    if restriction.until is not None:
        sql.append("d.published_date < %s")
        params.append(restriction.until)
    if restriction.article_ids_sql is not None:
        subquery, sub_params = restriction.article_ids_sql
        sql.append(f"d.article_id IN ({subquery})")
        params += sub_params
    return "".join(f" AND {part}" for part in sql), params


def sqlite_candidates(
    expression: str, *, window: int, restriction: Restriction | None = None
) -> list[Candidate]:
    extra, params = _restriction_sql(restriction)
    sql = (
        "SELECT d.id, d.article_id, d.language, d.published_date, "  # noqa: S608 - fixed SQL, values are parameters
        f"bm25(search_fulltext, 0.0, {TITLE_WEIGHT}, {BODY_WEIGHT}), d.section_ids "
        "FROM search_fulltext JOIN search_searchdocument d ON d.id = search_fulltext.rowid "
        f"WHERE search_fulltext MATCH %s{extra} "
        "ORDER BY search_fulltext.rowid DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [expression, *params, window])
        rows = cursor.fetchall()
    return [_candidate(row, -row[4]) for row in rows]


# -- PostgreSQL -----------------------------------------------------------------------------


def _ts_lexeme(term: str, *, prefix: bool = False, weights: str = "") -> str:
    quoted = "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"
    if prefix or weights:
        quoted += ":" + ("*" if prefix else "") + weights
    return quoted


def _ts_term(alternative: TermAlternatives, *, last_is_prefix: bool = False, weights="") -> str:
    parts = [_ts_lexeme(alternative.exact, weights=weights)]
    if last_is_prefix:
        parts.append(_ts_lexeme(alternative.exact, prefix=True, weights=weights))
    parts += [_ts_lexeme(p, prefix=True, weights=weights) for p in alternative.prefixes]
    return "(" + " | ".join(dict.fromkeys(parts)) + ")"


def _ts_phrase(terms: list[str], weights: str = "") -> str:
    return "(" + " <-> ".join(_ts_lexeme(term, weights=weights) for term in terms) + ")"


@dataclass(frozen=True)
class TsQuery:
    """One language's query as tsquery texts: what must match, and what must not."""

    positive: str
    negative: str | None = None

    @property
    def text(self) -> str:
        return self.positive if self.negative is None else f"{self.positive} & !({self.negative})"


def tsquery(
    query: LanguageQuery, *, any_word: bool = False, weights: str = "", prefix_last: bool = False
) -> TsQuery | None:
    """The tsqueries in text form for one language's analysed query (cast with ``::tsquery``)."""
    if query.is_empty:
        return None
    positive = [
        _ts_term(term, last_is_prefix=prefix_last and i == len(query.terms) - 1, weights=weights)
        for i, term in enumerate(query.terms)
    ]
    positive += [_ts_phrase(phrase, weights) for phrase in query.phrases]
    negative = [_ts_term(term) for term in query.excluded]
    negative += [_ts_phrase(phrase) for phrase in query.excluded_phrases]
    return TsQuery(
        positive="(" + (" | " if any_word else " & ").join(positive) + ")",
        negative=" | ".join(negative) or None,
    )


_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")


def postgres_language_indexes_ensure(languages) -> list[str]:
    """Make the partial GIN index of each language's documents; return those it made.

    Every query asks for documents of one language at a time, so each language gets an
    index of its own: a prefix common in German documents no longer costs a search of
    Turkish ones. A language added to the settings gets its index from the migration or
    from ``rebuild_search_index``.
    """
    made = []
    with connection.cursor() as cursor:
        for language in languages:
            if not _LANGUAGE_CODE.match(language):
                raise ValueError(f"not a language code: {language!r}")
            name = f"search_document_vector_{language}"
            cursor.execute("SELECT to_regclass(%s)", [name])
            if cursor.fetchone()[0] is not None:
                continue
            cursor.execute(
                f"CREATE INDEX {name} ON search_searchdocument "
                f"USING gin (search_vector) WHERE language = '{language}'"
            )
            made.append(name)
    return made


# Plans chosen here, not by PostgreSQL (see postgres_candidates): settings per statement.
_ID_ORDER_PLAN = ("enable_bitmapscan", "enable_seqscan")
_INDEX_PLAN = ("enable_indexscan", "enable_seqscan")


def _execute_with_plan(cursor, sql: str, params: list, plan: tuple[str, ...]) -> list:
    # In a transaction of its own unless the caller has one; SET LOCAL ends with it, and
    # is put back at once, so a caller's transaction continues with the usual planner.
    with transaction.atomic():
        for setting in plan:
            cursor.execute(f"SET LOCAL {setting} = off")
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        for setting in plan:
            cursor.execute(f"SET LOCAL {setting} TO DEFAULT")
    return rows


def postgres_candidates(
    queries: dict[str, TsQuery], *, window: int, restriction: Restriction | None = None
) -> list[Candidate]:
    """``queries`` maps each language to its tsqueries.

    PostgreSQL cannot both find matches through the GIN index and read them in id order,
    and it misjudges how many articles a prefix matches (by a factor of 100 on the
    benchmark's data), so the plan is chosen here. First the newest RECENT_SLICE articles
    in id order: a common word fills the window at once, a rare one costs a short scan.
    The share found there tells which way is cheaper for the rest: reading on in id order
    until the window is full (a common word), or the language's GIN index and a sort (a
    rare word, whose posting list is short). At the turning point both read about 7,000
    rows. Excluded words (``-word``) are checked on at most EXCLUSION_SCAN times the
    window of matches of the other words, newest first, so that a word in half of all
    articles minus one in nearly all of them cannot make a query read the whole table.
    """
    if not queries:
        return []
    extra, params = _restriction_sql(restriction)
    cases, case_params = [], []
    match, match_params = [], []
    negatives, negative_params = [], []
    for language, query in queries.items():
        cases.append("WHEN %s THEN %s::tsquery")
        case_params += [language, query.text]
        # One branch per language, each served by that language's partial GIN index.
        match.append("(d.language = %s AND d.search_vector @@ %s::tsquery)")
        match_params += [language, query.positive]
        if query.negative is not None:
            negatives.append("(d.language = %s AND d.search_vector @@ %s::tsquery)")
            negative_params += [language, query.negative]
    excluding = bool(negatives)
    # With excluded words each row says whether it is excluded (tested once, in the inner
    # query); the rank of an excluded row is not needed.
    excluded = f"({' OR '.join(negatives)})" if excluding else "false"

    def select(id_range: str) -> tuple[str, list]:
        sql = (
            "SELECT m.id, m.article_id, m.language, m.published_date, "  # noqa: S608 - fixed SQL, values are parameters
            "CASE WHEN m.excluded THEN 0 ELSE ts_rank('{0.1, 0.2, 0.4, 1.0}', m.search_vector, "
            f"CASE m.language {' '.join(cases)} END) END, m.section_ids, m.excluded "
            "FROM (SELECT d.id, d.article_id, d.language, d.published_date, d.search_vector, "
            f"d.section_ids, {excluded} AS excluded "
            "FROM search_searchdocument d "
            f"WHERE ({' OR '.join(match)}){extra} AND {id_range} "
            "ORDER BY d.id DESC LIMIT %s) m "
            "ORDER BY m.id DESC"
        )
        # Placeholders in order: the rank's queries, the exclusion test, the inner WHERE.
        return sql, [*case_params, *negative_params, *match_params, *params]

    found = Candidates()

    def run(cursor, id_range: str, bound: int, wanted: int, plan, *, last: bool) -> int:
        """Add up to ``wanted`` candidates from ``id_range``; return how many rows matched."""
        scan = wanted * EXCLUSION_SCAN if excluding else wanted
        sql, sql_params = select(id_range)
        rows = _execute_with_plan(cursor, sql, [*sql_params, bound, scan], plan)
        kept = [row for row in rows if not row[6]][:wanted]
        if last and excluding and len(rows) == scan and len(kept) < wanted:
            # More matches of the other words than were checked for the excluded ones.
            found.truncated = True
        found.extend(_candidate(row, row[4]) for row in kept)
        return len(rows)

    with connection.cursor() as cursor:
        cursor.execute("SELECT max(id) FROM search_searchdocument")
        (highest,) = cursor.fetchone()
        if highest is None:
            return found
        boundary = highest - RECENT_SLICE
        matched = run(cursor, "d.id > %s", boundary, window, _ID_ORDER_PLAN, last=boundary <= 0)
        if len(found) < window and boundary > 0:
            # Dense or not by the rows that matched the words, before exclusions.
            dense = matched >= RECENT_SLICE * DENSE_SHARE
            plan = _ID_ORDER_PLAN if dense else _INDEX_PLAN
            run(cursor, "d.id <= %s", boundary, window - len(found), plan, last=True)
    return found


def _aware(value) -> dt.datetime:
    # Raw SQL on SQLite returns the stored text; Django stores UTC there.
    if isinstance(value, str):
        value = parse_datetime(value)
    if timezone.is_naive(value):
        value = timezone.make_aware(value, dt.UTC)
    return value


def _candidate(row, score: float) -> Candidate:
    return Candidate(
        document_id=row[0],
        article_id=row[1],
        language=row[2],
        published_date=_aware(row[3]),
        score=float(score),
        section_ids=tuple(int(pk) for pk in str(row[5] or "").split(",") if pk),
    )


# -- Both -----------------------------------------------------------------------------------


def candidates(
    queries: dict[str, LanguageQuery],
    *,
    window: int = DEFAULT_WINDOW,
    any_word: bool = False,
    restriction: Restriction | None = None,
    titles_only: bool = False,
    prefix_last: bool = False,
) -> list[Candidate]:
    """The newest ``window`` documents matching ``queries``, with their relevance."""
    if restriction is not None and restriction.languages:
        queries = {k: v for k, v in queries.items() if k in restriction.languages}
    if connection.vendor == "postgresql":
        texts = {}
        for language, query in queries.items():
            value = tsquery(
                query,
                any_word=any_word,
                weights="A" if titles_only else "",
                prefix_last=prefix_last,
            )
            if value is not None:
                texts[language] = value
        return postgres_candidates(texts, window=window, restriction=restriction)
    expression = fts_expression(
        queries,
        any_word=any_word,
        columns="{title_terms}" if titles_only else _TEXT_COLUMNS,
        prefix_last=prefix_last,
    )
    if expression is None:
        return []
    return sqlite_candidates(expression, window=window, restriction=restriction)
