"""Measure feeds and sitemaps in-process: python bench/syndication.py [--articles N] [--requests R].

Builds a throwaway SQLite database (or uses DATABASE_URL if given, which must name an
empty database) with the demo site plus N synthetic articles, gives part of them a lead
image, a byline and a tag so the feeds show enclosures, authors and categories, then times
R requests per URL through Django's test client (application time only: no network, no
front proxy, no cache in front) and counts the queries each makes. Prints a Markdown
table.
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

BATCH = 1000


def decorate_synthetic_articles() -> None:
    """A lead image on every third synthetic article, a byline on every second, a tag on
    every fifth: the synthetic loader makes bare articles."""
    from taggit.models import Tag

    from muhabir.images.models import CustomImage
    from muhabir.newsroom.models import ArticlePage, ArticlePageAuthor, ArticlePageTag, Author

    image = CustomImage.objects.order_by("pk").first()
    author, _ = Author.objects.get_or_create(name="Bench Muhabir")
    tag, _ = Tag.objects.get_or_create(name="Sentetik", slug="sentetik")
    ids = list(
        ArticlePage.objects.filter(slug__startswith="synthetic-")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if image is not None:
        ArticlePage.objects.filter(pk__in=ids[::3]).update(hero_image=image)
    ArticlePageAuthor.objects.bulk_create(
        [ArticlePageAuthor(page_id=pk, author=author, sort_order=0) for pk in ids[::2]],
        batch_size=BATCH,
    )
    ArticlePageTag.objects.bulk_create(
        [ArticlePageTag(content_object_id=pk, tag=tag) for pk in ids[::5]], batch_size=BATCH
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()

    started = time.perf_counter()
    bench_site_build(articles=args.articles, prefix="muhabir-bench-syndication-")
    from django.db import connection
    from django.test import Client
    from wagtail.models import Site

    from muhabir.home.models import SiteSettings
    from muhabir.newsroom.models import ArticlePage
    from muhabir.syndication.sitemaps import page_size

    decorate_synthetic_articles()
    if connection.vendor == "postgresql":
        # Fresh bulk-loaded tables have no statistics yet; the planner would guess rows=4
        # and scan everything. Production databases are analysed by autovacuum.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    built = time.perf_counter() - started

    client = Client()
    sitemap_pages = -(-(ArticlePage.objects.count() + 20) // page_size())
    article = ArticlePage.objects.get(slug="ein-starkes-signal-fuer-integration")
    urls = {
        "RSS, Turkish": "/tr/feed/",
        "Atom, German": "/de/feed/atom/",
        "JSON Feed, Turkish": "/tr/feed/json/",
        "RSS, section Toplum": "/tr/feed/section/toplum/",
        "RSS, tag (1 in 5 articles)": "/tr/feed/tag/sentetik/",
        "RSS, full text": "/tr/feed/",
        "sitemap index": "/sitemap.xml",
        "sitemap page 1": "/sitemap-1.xml",
        f"sitemap page {sitemap_pages} (last)": f"/sitemap-{sitemap_pages}.xml",
        "news sitemap": "/news-sitemap.xml",
        "robots.txt": "/robots.txt",
        "article page (with head metadata)": article.url,
    }
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    rows = []
    for name, url in urls.items():
        settings.feed_full_text = name == "RSS, full text"
        settings.save()
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        queries: list[str] = []
        with connection.execute_wrapper(
            lambda execute, sql, *rest, log=queries: log.append(sql) or execute(sql, *rest)
        ):
            client.get(url)
        timings = []
        for _ in range(args.requests):
            begin = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - begin) * 1000)
        timings.sort()
        revalidated = client.get(url, headers={"if-none-match": response.get("ETag", "")})
        rows.append(
            (
                name,
                url,
                statistics.median(timings),
                timings[max(0, int(len(timings) * 0.95) - 1)],
                len(queries),
                len(response.content) // 1024,
                revalidated.status_code,
            )
        )

    print(
        f"{ArticlePage.objects.count()} articles on {connection.vendor}, "
        f"{args.requests} requests per URL, sitemap pages of {page_size()} URLs; "
        f"built in {built:.1f} s; {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print()
    print("| what | URL | median ms | p95 ms | queries | KiB | with ETag |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for name, url, median, p95, count, size, revalidated in rows:
        print(f"| {name} | `{url}` | {median:.1f} | {p95:.1f} | {count} | {size} | {revalidated} |")


if __name__ == "__main__":
    main()
