"""Measure the public pages in-process: python bench/run.py [--articles N] [--requests R].

Builds a throwaway SQLite database (or uses DATABASE_URL if given) with the demo
site plus N synthetic articles, then times R requests per page through Django's
test client (application time only: no network, no front proxy, no page cache; the kept
fragments as MUHABIR_FRAGMENT_CACHE says, on unless set to false) and counts the queries
each page makes after a first read. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import bench_site_build


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    # Each request renders its page; the whole-page cache would answer all but the first.
    os.environ.setdefault("MUHABIR_PAGE_CACHE", "false")
    built = bench_site_build(articles=args.articles)
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from muhabir.directory.models import Event, Place
    from muhabir.newsroom.models import ArticlePage, SectionPage

    section = SectionPage.objects.get(slug="toplum")
    article = ArticlePage.objects.get(slug="ein-starkes-signal-fuer-integration")
    synthetic = ArticlePage.objects.filter(slug__startswith="synthetic-").last()
    pages = {
        "home (tr)": "/tr/",
        "home (de)": "/de/",
        "section, page 1": section.url,
        "section, page 50": f"{section.url}?page=50",
        "article (seed)": article.url,
        "article (synthetic)": synthetic.url if synthetic else article.url,
        "directory": "/tr/rehber/",
        "directory: places": "/tr/rehber/mekanlar/",
        "directory: offers": "/tr/rehber/hizmetler/",
        "directory: events": "/tr/rehber/etkinlikler/",
        "directory: a place": f"/tr/rehber/mekanlar/{Place.objects.public().first().slug}/",
        "directory: an event": f"/tr/rehber/etkinlikler/{Event.objects.public().first().slug}/",
    }
    client = Client()
    rows = []
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        queries: list[str] = []

        def count(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            client.get(url)
        timings = []
        cpu_began = time.process_time()
        for _ in range(args.requests):
            begin = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - begin) * 1000)
        cpu = (time.process_time() - cpu_began) * 1000 / args.requests
        timings.sort()
        rows.append(
            (
                name,
                statistics.median(timings),
                timings[int(len(timings) * 0.95) - 1],
                cpu,
                1000 / statistics.mean(timings),
                len(queries),
            )
        )

    print(
        f"{ArticlePage.objects.count()} articles on {connection.vendor}, "
        f"{args.requests} requests per page; built in {built:.1f} s; "
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; page cache "
        f"{'on' if settings.MUHABIR_PAGE_CACHE else 'off'}, kept fragments "
        f"{'on' if settings.MUHABIR_FRAGMENT_CACHE else 'off'}"
    )
    print()
    print("| page | median ms | p95 ms | CPU ms | requests/s (1 process) | queries |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, median, p95, cpu, rate, queries in rows:
        print(f"| {name} | {median:.1f} | {p95:.1f} | {cpu:.1f} | {rate:.0f} | {queries} |")


if __name__ == "__main__":
    main()
