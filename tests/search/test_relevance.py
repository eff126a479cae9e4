"""Recall@10 and MRR of reader search on the fixed bilingual corpus, on the database in use."""

from __future__ import annotations

from collections import defaultdict

from django.db import connection

from muhabir.search.selectors import Filters, search_results
from tests.search.data.corpus import ARTICLES, QUERIES

MIN_RECALL_AT_10 = 0.95
MIN_MRR = 0.8


def _evaluate(corpus):
    rows = []
    for labelled in QUERIES:
        results = search_results(
            query=labelled.query, filters=Filters(), interface_language="tr", per_page=10
        )
        ranked = [hit.article.pk for hit in results.hits]
        expected = {corpus[key].pk for key in labelled.expected}
        recall = len(expected & set(ranked)) / len(expected)
        rank = next((i for i, pk in enumerate(ranked, start=1) if pk in expected), None)
        rows.append((labelled, recall, 1 / rank if rank else 0.0, ranked))
    return rows


def test_corpus_is_large_enough_and_labelled():
    keys = {article.key for article in ARTICLES}
    assert len(ARTICLES) >= 60
    assert {article.language for article in ARTICLES} == {"tr", "de"}
    assert len(QUERIES) >= 50
    for labelled in QUERIES:
        for key in labelled.expected:
            assert key in keys or key.startswith("seed:"), (labelled.query, key)


def test_recall_at_10_and_mrr_meet_the_bar(corpus, capsys):
    rows = _evaluate(corpus)
    recall = sum(row[1] for row in rows) / len(rows)
    mrr = sum(row[2] for row in rows) / len(rows)
    by_kind = defaultdict(list)
    for row in rows:
        by_kind[row[0].kind].append(row)
    names = {article.pk: key for key, article in corpus.items()}
    lines = [
        f"search relevance on {connection.vendor}: {len(rows)} queries, "
        f"{len(corpus)} articles: recall@10 = {recall:.3f}, MRR = {mrr:.3f}",
    ]
    for kind, kind_rows in sorted(by_kind.items()):
        lines.append(
            f"  {kind:<11} {len(kind_rows):>3} queries  "
            f"recall@10 {sum(r[1] for r in kind_rows) / len(kind_rows):.3f}  "
            f"MRR {sum(r[2] for r in kind_rows) / len(kind_rows):.3f}"
        )
    misses = [
        f"  {row[0].query!r}: recall {row[1]:.2f}, RR {row[2]:.2f}, "
        f"got {[names.get(pk) for pk in row[3][:5]]}"
        for row in rows
        if row[1] < 1 or row[2] < 1
    ]
    with capsys.disabled():
        print("\n" + "\n".join(lines + misses))  # noqa: T201 - the figures belong in the output
    assert recall >= MIN_RECALL_AT_10, "\n".join(misses)
    assert mrr >= MIN_MRR, "\n".join(misses)
