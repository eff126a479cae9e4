"""Clearly synthetic articles in bulk, for benchmarks.

Creating pages one by one through the tree API costs tens of milliseconds
each; here page rows are written in batches with their tree paths computed
directly, so 20,000 articles take seconds. They are live, without revisions,
and not in the search index (run ``manage.py update_index`` for that).
"""

from __future__ import annotations

import datetime as dt
import random
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page

from muhabir.newsroom.models import ArticlePage, ArticlePlacement, SectionPage

SLUG_PREFIX = "synthetic-"
BATCH = 500
TRANSLATED_SHARE = 0.25
FURTHER_SECTION_SHARE = 0.2

WORDS = {
    "tr": [
        "haber",
        "dernek",
        "belediye",
        "entegrasyon",
        "kültür",
        "gençlik",
        "okul",
        "etkinlik",
        "çay",
        "bahçesi",
        "konser",
        "sergi",
        "festival",
        "spor",
        "mahalle",
        "göç",
        "tarih",
        "aile",
        "kadın",
        "çocuk",
        "sağlık",
        "eğitim",
        "kurs",
        "dil",
        "İstanbul",
        "Duisburg",
        "Köln",
        "Essen",
        "Dortmund",
        "Gelsenkirchen",
        "Düsseldorf",
        "ışık",
        "şehir",
        "güzel",
    ],
    "de": [
        "Nachricht",
        "Verein",
        "Stadt",
        "Integration",
        "Kultur",
        "Jugend",
        "Schule",
        "Veranstaltung",
        "Teegarten",
        "Konzert",
        "Ausstellung",
        "Fest",
        "Sport",
        "Viertel",
        "Zuwanderung",
        "Geschichte",
        "Familie",
        "Frauen",
        "Kinder",
        "Gesundheit",
        "Bildung",
        "Kurs",
        "Sprache",
        "Straße",
        "Köln",
        "Essen",
        "Dortmund",
        "Düsseldorf",
        "Größe",
        "Mädchen",
    ],
}
LABEL = {"tr": "Sentetik deneme haberi", "de": "Synthetischer Testartikel"}


def _sentence(rng: random.Random, language: str, words: int) -> str:
    chosen = [rng.choice(WORDS[language]) for _ in range(words)]
    return " ".join(chosen).capitalize() + "."


def _paragraph(rng: random.Random, language: str) -> str:
    return " ".join(_sentence(rng, language, rng.randint(6, 14)) for _ in range(rng.randint(3, 6)))


def synthetic_articles_create(*, count: int, seed: int = 20191119) -> int:
    """Make sure ``count`` synthetic articles exist; return how many were added."""
    existing = ArticlePage.objects.filter(slug__startswith=SLUG_PREFIX).count()
    wanted = count - existing
    if wanted <= 0:
        return 0
    sections = {
        language: list(SectionPage.objects.filter(locale__language_code=language).order_by("path"))
        for language in ("tr", "de")
    }
    if not sections["tr"] or not sections["de"]:
        raise ValueError("Load the demo site before adding synthetic articles.")
    rng = random.Random(seed + existing)
    content_type = ContentType.objects.get_for_model(ArticlePage)
    now = timezone.now()
    plan = []
    number = existing
    while len(plan) < wanted:
        number += 1
        translation_key = uuid.uuid4()
        index = rng.randrange(len(sections["tr"]))
        days = rng.uniform(0, 3 * 365)
        date = now - dt.timedelta(days=days)
        languages = ["tr", "de"] if rng.random() < TRANSLATED_SHARE else [rng.choice(["tr", "de"])]
        for language in languages:
            if len(plan) >= wanted:
                break
            plan.append((number, language, index, translation_key, date))
    with transaction.atomic():
        _insert(plan, sections, content_type, rng)
    return len(plan)


def _insert(plan, sections, content_type, rng) -> None:
    next_step = {}
    for language_sections in sections.values():
        for section in language_sections:
            last = section.get_last_child()
            next_step[section.pk] = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    article_fields = [f for f in ArticlePage._meta.local_concrete_fields if f.name != "page_ptr"]
    further_links = []
    placements = []
    added_per_section: dict[int, int] = {}
    for start in range(0, len(plan), BATCH):
        pages, articles = [], []
        for number, language, index, translation_key, date in plan[start : start + BATCH]:
            section = sections[language][index]
            step = next_step[section.pk]
            next_step[section.pk] += 1
            added_per_section[section.pk] = added_per_section.get(section.pk, 0) + 1
            slug = f"{SLUG_PREFIX}{number}-{language}"
            title = f"{LABEL[language]} {number}: {_sentence(rng, language, 5).rstrip('.')}"
            pages.append(
                Page(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    content_type=content_type,
                    path=section.path + Page._int2str(step).rjust(Page.steplen, "0"),
                    depth=section.depth + 1,
                    numchild=0,
                    url_path=f"{section.url_path}{slug}/",
                    locale_id=section.locale_id,
                    translation_key=translation_key,
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=date,
                    last_published_at=date,
                    show_in_menus=False,
                )
            )
            body = [
                {"type": "paragraph", "value": f"<p>{_paragraph(rng, language)}</p>",
                 "id": str(uuid.uuid4())}
                for _ in range(rng.randint(2, 5))
            ]  # fmt: skip
            articles.append((body, date, language, index))
        Page.objects.bulk_create(pages)
        if any(page.pk is None for page in pages):
            slugs = [page.slug for page in pages]
            ids = dict(Page.objects.filter(slug__in=slugs).values_list("slug", "pk"))
            for page in pages:
                page.pk = ids[page.slug]
        rows = []
        for page, (body, date, language, index) in zip(pages, articles, strict=True):
            article = ArticlePage(page_ptr_id=page.pk, body=body, published_date=date)
            rows.append(article)
            section = sections[language][index]
            placements.append(
                ArticlePlacement(
                    article_id=page.pk, section_id=section.pk, is_primary=True, published_date=date
                )
            )
            if rng.random() < FURTHER_SECTION_SHARE and len(sections[language]) > 1:
                other = rng.choice([s for i, s in enumerate(sections[language]) if i != index])
                further_links.append(
                    ArticlePage.sections.through(articlepage_id=page.pk, sectionpage_id=other.pk)
                )
                placements.append(
                    ArticlePlacement(article_id=page.pk, section_id=other.pk, published_date=date)
                )
        _insert_child_rows(rows, article_fields)
    ArticlePage.sections.through.objects.bulk_create(further_links, batch_size=BATCH)
    ArticlePlacement.objects.bulk_create(placements, batch_size=BATCH)
    for section_pk, added in added_per_section.items():
        Page.objects.filter(pk=section_pk).update(numchild=F("numchild") + added)


def _insert_child_rows(rows, fields) -> None:
    """Insert the ArticlePage rows of pages whose Page rows exist (bulk_create refuses MTI)."""
    table = connection.ops.quote_name(ArticlePage._meta.db_table)
    columns = ["page_ptr_id", *(f.column for f in fields)]
    placeholders = ", ".join(["%s"] * len(columns))
    sql = (
        f"INSERT INTO {table} ({', '.join(connection.ops.quote_name(c) for c in columns)}) "  # noqa: S608 - names come from model metadata
        f"VALUES ({placeholders})"
    )
    params = []
    for row in rows:
        values = [row.page_ptr_id]
        for f in fields:
            values.append(f.get_db_prep_save(f.pre_save(row, add=True), connection))
        params.append(values)
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
