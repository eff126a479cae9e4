"""Measure reader search: python bench/search.py [--articles N] [--rounds R].

Loads the demo site plus N synthetic articles into the database of DATABASE_URL (meant
for PostgreSQL: ``DATABASE_URL=postgres://postgres@127.0.0.1:5432/muhabir_bench``;
without it a throwaway SQLite file), builds the search index with
``rebuild_search_index`` and reports the indexing rate, then times a fixed list of
queries through the same selector the search page uses (full-text query, facets,
snippets; no HTTP, no page cache) and the title suggestions. Prints Markdown tables.
Running it again reuses the articles already there.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = [
    "kultur",
    "gursoy",
    "integrationszentrum",
    "Integrationszentren Borken",
    "Duisburg'un çay bahçesi",
    '"Yıldız Kenter"',
    "ISTANBUL",
    "Köln Straße",
    "dernek -festival",
    "Integration Kultur",
    "ekmek",
    "gençlik kursu",
    "Familie Kinder Schule",
    "entegrasyon belediye etkinlik",
    "Dusseldorf",
    "Groesse Maedchen",
    "xyzzy kein Treffer",
    '"unbalanced & | ! : * ( )',
    "SELECT * FROM search_searchdocument; --",
    "a",
]
SUGGESTIONS = ["ku", "kult", "gurs", "integ", "Duis", "Sentetik deneme"]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))
    return ordered[index]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=20, help="times each query is run")
    parser.add_argument(
        "--keep-index", action="store_true", help="skip rebuilding an index that is there"
    )
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="muhabir-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ.setdefault("MEDIA_ROOT", f"{workdir}/media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "muhabir.settings.development")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import translation

    from muhabir.search.models import SearchDocument
    from muhabir.search.selectors import Filters, search_results, title_suggestions

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command(
        "load_demo_site",
        synthetic=args.articles,
        password="bench-password",
        verbosity=0,
    )
    loaded = time.perf_counter() - started

    started = time.perf_counter()
    rebuilt = not (args.keep_index and SearchDocument.objects.exists())
    if rebuilt:
        call_command("rebuild_search_index", verbosity=0)
    indexing = time.perf_counter() - started
    documents = SearchDocument.objects.count()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchdocument")
            cursor.execute("ANALYZE newsroom_articleplacement")

    translation.activate("tr")
    rows = []
    every = []
    for query in QUERIES:
        results = search_results(query=query, filters=Filters(), interface_language="tr")
        timings = []
        for _ in range(args.rounds):
            begin = time.perf_counter()
            search_results(query=query, filters=Filters(), interface_language="tr")
            timings.append((time.perf_counter() - begin) * 1000)
        every += timings
        total = f"{results.total}+" if results.capped else str(results.total)
        rows.append((query, total, statistics.median(timings), percentile(timings, 0.95)))
    filtered = []
    for query in ("kultur", "integration"):
        for filters in (Filters(language="de"), Filters(date="year"), Filters(language="tr")):
            for _ in range(args.rounds // 2 or 1):
                begin = time.perf_counter()
                search_results(query=query, filters=filters, interface_language="tr")
                filtered.append((time.perf_counter() - begin) * 1000)
    suggest = []
    for prefix in SUGGESTIONS:
        for _ in range(args.rounds):
            begin = time.perf_counter()
            title_suggestions(query=prefix)
            suggest.append((time.perf_counter() - begin) * 1000)

    def line(name, values):
        return (
            f"| {name} | {len(values)} | {statistics.median(values):.1f} | "
            f"{percentile(values, 0.95):.1f} | {percentile(values, 0.99):.1f} |"
        )

    out = [
        f"Search on {connection.vendor}, {documents} indexed articles "
        f"({platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} cores). Data loaded in {loaded:.0f} s.",
        "",
        (
            f"Indexing: {documents} articles in {indexing:.1f} s = "
            f"{documents / indexing:.0f} articles/s (`rebuild_search_index`)."
            if rebuilt
            else "Indexing: not measured (--keep-index)."
        ),
        "",
        "| what | runs | p50 ms | p95 ms | p99 ms |",
        "| --- | ---: | ---: | ---: | ---: |",
        line("search page (all queries)", every),
        line("search with a facet filter", filtered),
        line("title suggestions", suggest),
        "",
        "| query | results | p50 ms | p95 ms |",
        "| --- | ---: | ---: | ---: |",
    ]
    for query, total, p50, p95 in rows:
        shown = query.replace("|", "\\|")
        out.append(f"| `{shown}` | {total} | {p50:.1f} | {p95:.1f} |")
    print("\n".join(out))


if __name__ == "__main__":
    main()
