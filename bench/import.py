"""Measure the WordPress import: python bench/import.py [--posts 2000 20000] [--tracemalloc].

For each size, in a fresh process with a throwaway database (or DATABASE_URL): writes a
WXR 1.2 export of N posts (classic and block-editor content, categories, tags, a featured
image and a captioned inline image at a generated size per post) and an uploads folder of
small JPEGs, then imports it and prints posts per second and peak memory. Flat memory
shows as the same peak for 2,000 and 20,000 posts.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

SITE = "https://bench.example.com"
CATEGORIES = [("toplum", "Toplum"), ("magazin-kultur", "Magazin &amp; Kültür"), ("spor", "Spor")]
TURKISH = (
    "Duisburg'un Marxloh semtinde yeni bir çay bahçesi açıldı. Mahalle sakinleri yeni buluşma "
    "yerinden çok memnun ve belediye başkanı da açılışa katıldı."
)
GERMAN = (
    "Im Duisburger Stadtteil Marxloh hat ein neuer Teegarten eröffnet. Die Nachbarn freuen "
    "sich über den Treffpunkt, und auch der Oberbürgermeister kam zur Eröffnung."
)


def _jpeg() -> bytes:
    from PIL import Image

    output = io.BytesIO()
    Image.new("RGB", (64, 48), (180, 90, 30)).save(output, format="JPEG")
    return output.getvalue()


def write_export(path: Path, uploads: Path, posts: int) -> None:
    """An export of ``posts`` posts, each with one uploaded file, written as a stream."""
    picture = _jpeg()
    with open(path, "w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" '
            'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
            f"<title>Bench</title><link>{SITE}</link><language>tr-TR</language>\n"
            f"<wp:base_site_url>{SITE}</wp:base_site_url>"
            f"<wp:base_blog_url>{SITE}</wp:base_blog_url>\n"
            "<wp:author><wp:author_login><![CDATA[muhabir]]></wp:author_login>"
            "<wp:author_display_name><![CDATA[Bench Muhabir]]></wp:author_display_name>"
            "</wp:author>\n"
        )
        for slug, name in CATEGORIES:
            out.write(
                f"<wp:category><wp:category_nicename>{slug}</wp:category_nicename>"
                f"<wp:category_parent></wp:category_parent>"
                f"<wp:cat_name><![CDATA[{name}]]></wp:cat_name></wp:category>\n"
            )
        for number in range(1, posts + 1):
            attachment, post = 2 * number, 2 * number + 1
            month = f"{2015 + number % 8}/{number % 12 + 1:02d}"
            relative = f"{month}/foto-{number}.jpg"
            file = uploads / relative
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_bytes(picture)
            out.write(
                f"<item><title><![CDATA[foto-{number}]]></title>"
                f"<link>{SITE}/?attachment_id={attachment}</link>"
                f"<guid>{SITE}/wp-content/uploads/{relative}</guid>"
                "<excerpt:encoded><![CDATA[Bild. Foto: Bench Fotograf]]></excerpt:encoded>"
                f"<content:encoded><![CDATA[]]></content:encoded>"
                f"<wp:post_id>{attachment}</wp:post_id><wp:post_parent>{post}</wp:post_parent>"
                "<wp:status>inherit</wp:status><wp:post_type>attachment</wp:post_type>"
                f"<wp:attachment_url>{SITE}/wp-content/uploads/{relative}</wp:attachment_url>"
                "</item>\n"
            )
            turkish = number % 2 == 0
            text = TURKISH if turkish else GERMAN
            size_url = f"{SITE}/wp-content/uploads/{month}/foto-{number}-300x225.jpg"
            if number % 3:
                content = (
                    f"{text}\nZweite Zeile {number}.\n\n"
                    f'[caption id="attachment_{attachment}" width="300"]<img class="wp-image-'
                    f'{attachment}" src="{size_url}" alt="" /> Bild {number}. Foto: Bench'
                    f"[/caption]\n\n<h2>Zwischentitel {number}</h2>\n{text}\n\n{text}"
                )
            else:
                content = (
                    f"<!-- wp:paragraph -->\n<p>{text} <strong>{number}</strong></p>\n"
                    '<!-- /wp:paragraph -->\n<!-- wp:image -->\n<figure class="wp-block-image">'
                    f'<img src="{size_url}" class="wp-image-{attachment}" alt="x"/>'
                    f"<figcaption>Bild {number} (Bild: Bench)</figcaption></figure>\n"
                    f"<!-- /wp:image -->\n<!-- wp:quote -->\n<blockquote><p>{text}</p>"
                    "<cite>Bench</cite></blockquote>\n<!-- /wp:quote -->"
                )
            slug, name = CATEGORIES[number % len(CATEGORIES)]
            day = number % 28 + 1
            status = "publish" if number % 10 else "draft"
            out.write(
                f"<item><title><![CDATA[{'Haber' if turkish else 'Nachricht'} {number}]]></title>"
                f"<link>{SITE}/{month}/post-{number}/</link>"
                f'<guid isPermaLink="false">{SITE}/?p={post}</guid>'
                "<dc:creator><![CDATA[muhabir]]></dc:creator>"
                f"<content:encoded><![CDATA[{content}]]></content:encoded>"
                "<excerpt:encoded><![CDATA[]]></excerpt:encoded>"
                f"<wp:post_id>{post}</wp:post_id>"
                f"<wp:post_date>{month.replace('/', '-')}-{day:02d} 12:00:00</wp:post_date>"
                f"<wp:post_date_gmt>{month.replace('/', '-')}-{day:02d} 10:00:00</wp:post_date_gmt>"
                f"<wp:post_name>post-{number}</wp:post_name><wp:status>{status}</wp:status>"
                "<wp:post_parent>0</wp:post_parent><wp:post_type>post</wp:post_type>"
                "<wp:is_sticky>0</wp:is_sticky>"
                f'<category domain="category" nicename="{slug}"><![CDATA[{name}]]></category>'
                f'<category domain="post_tag" nicename="etiket-{number % 50}">'
                f"<![CDATA[Etiket {number % 50}]]></category>"
                "<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key>"
                f"<wp:meta_value>{attachment}</wp:meta_value></wp:postmeta>"
                "</item>\n"
            )
        out.write("</channel>\n</rss>\n")


def measure(posts: int, use_tracemalloc: bool) -> None:
    from common import bench_site_build

    bench_site_build(articles=0, prefix="muhabir-bench-import-")
    workdir = Path(tempfile.mkdtemp(prefix="muhabir-bench-wxr-"))
    export, uploads = workdir / "export.xml", workdir / "uploads"
    begin = time.perf_counter()
    write_export(export, uploads, posts)
    written = time.perf_counter() - begin

    import tracemalloc

    from django.db import connection

    from muhabir.newsroom.renditions import renditions_for_articles
    from muhabir.wordpress.management.commands.import_wordpress import RENDITIONS_AT_ONCE
    from muhabir.wordpress.services import wordpress_import

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if use_tracemalloc:
        tracemalloc.start()
    begin = time.perf_counter()
    report = wordpress_import(path=export, media_dir=uploads)
    # What the command does next: the renditions of the newest articles' photos.
    begin_renditions = time.perf_counter()
    renditions_for_articles(limit=RENDITIONS_AT_ONCE)
    renditions = time.perf_counter() - begin_renditions
    seconds = time.perf_counter() - begin
    traced = tracemalloc.get_traced_memory()[1] if use_tracemalloc else None
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    size = export.stat().st_size / 1e6
    print(
        f"| {posts} | {size:.0f} MB | {written:.0f} s | {seconds:.1f} s | {renditions:.1f} s | "
        f"{posts / seconds:.0f} | "
        f"{rss_before / 1024:.0f} → {rss_after / 1024:.0f} MB | "
        f"{f'{traced / 1e6:.0f} MB' if traced is not None else '-'} | "
        f"{sum(report.created.values())} / {report.images_created} | {connection.vendor} |",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, nargs="+", default=[2000])
    parser.add_argument(
        "--tracemalloc", action="store_true", help="also trace Python allocations (slower)"
    )
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        measure(args.posts[0], args.tracemalloc)
        return
    print(
        "| posts | export | written in | imported in | of which renditions | posts/s "
        "| peak RSS before → after | traced peak | pages / images | database |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |", flush=True)
    for posts in args.posts:
        command = [sys.executable, __file__, "--one", "--posts", str(posts)]
        if args.tracemalloc:
            command.append("--tracemalloc")
        # A fresh process (and database) per size, so one peak does not hide the other.
        subprocess.run(command, check=True, env=os.environ.copy())  # noqa: S603


if __name__ == "__main__":
    main()
