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
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from muhabir.search.analysis import LanguageQuery, TermAlternatives

DEFAULT_WINDOW = 1000
RECENT_SLICE = 8000
DENSE_SHARE = 0.05


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
        f"bm25(search_fulltext, 0.0, {TITLE_WEIGHT}, {BODY_WEIGHT}), "
        "(SELECT group_concat(p.section_id) FROM newsroom_articleplacement p "
        "WHERE p.article_id = d.article_id) "
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


def tsquery(
    query: LanguageQuery, *, any_word: bool = False, weights: str = "", prefix_last: bool = False
) -> str | None:
    """A tsquery in text form for one language's analysed query (cast with ``::tsquery``)."""
    if query.is_empty:
        return None
    positive = [
        _ts_term(term, last_is_prefix=prefix_last and i == len(query.terms) - 1, weights=weights)
        for i, term in enumerate(query.terms)
    ]
    positive += [_ts_phrase(phrase, weights) for phrase in query.phrases]
    result = "(" + (" | " if any_word else " & ").join(positive) + ")"
    negative = [_ts_term(term) for term in query.excluded]
    negative += [_ts_phrase(phrase) for phrase in query.excluded_phrases]
    for part in negative:
        result += f" & !{part}"
    return result


def postgres_candidates(
    queries: dict[str, str], *, window: int, restriction: Restriction | None = None
) -> list[Candidate]:
    """``queries`` maps each language to its tsquery text."""
    if not queries:
        return []
    extra, params = _restriction_sql(restriction)
    branches, branch_params = [], []
    cases, case_params = [], []
    for language, query in queries.items():
        branches.append("(d.language = %s AND d.search_vector @@ %s::tsquery)")
        branch_params += [language, query]
        cases.append("WHEN %s THEN %s::tsquery")
        case_params += [language, query]

    def select(id_range: str, order: str) -> str:
        return (
            "SELECT m.id, m.article_id, m.language, m.published_date, "  # noqa: S608 - fixed SQL, values are parameters
            "ts_rank('{0.1, 0.2, 0.4, 1.0}', m.search_vector, "
            f"CASE m.language {' '.join(cases)} END), "
            "(SELECT string_agg(p.section_id::text, ',') FROM newsroom_articleplacement p "
            "WHERE p.article_id = m.article_id) "
            "FROM (SELECT d.id, d.article_id, d.language, d.published_date, d.search_vector "
            "FROM search_searchdocument d "
            f"WHERE ({' OR '.join(branches)}){extra} AND {id_range} "
            f"ORDER BY {order} DESC LIMIT %s) m"
        )

    # PostgreSQL cannot both find matches through the GIN index and read them in id order;
    # it guesses which way is cheaper and, for prefix queries, guesses badly: a word in one
    # article of 100,000 took 200 ms as an id-order scan, a word in nearly every article
    # 300 ms through the index. So first the newest few thousand ids, where either way is
    # bounded and a common word fills the window; only if it is not full, the rest through
    # the GIN index ("d.id + 0" keeps the id index out of it), where the word is rare.
    params_all = [*case_params, *branch_params, *params]
    with connection.cursor() as cursor:
        cursor.execute("SELECT max(id) FROM search_searchdocument")
        (highest,) = cursor.fetchone()
        if highest is None:
            return []
        boundary = highest - RECENT_SLICE
        cursor.execute(select("d.id > %s", "d.id"), [*params_all, boundary, window])
        rows = cursor.fetchall()
        if len(rows) < window:
            # Found often among the newest (a common word, most excluded by -word)? Then
            # reading on in id order finds the rest soon; else the word is rare: GIN index.
            dense = len(rows) >= RECENT_SLICE * DENSE_SHARE
            order = "d.id" if dense else "d.id + 0"
            cursor.execute(
                select(f"{order} <= %s", order), [*params_all, boundary, window - len(rows)]
            )
            rows += cursor.fetchall()
    return [_candidate(row, row[4]) for row in rows]


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
