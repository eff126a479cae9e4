"""Sections on the index row, and one GIN index per language instead of one for all.

Every search asks for documents of one language at a time; with a single index a prefix
common in German documents was read in full to find the few Turkish ones. The language
column loses its B-tree indexes (two values), which PostgreSQL combined into searches at
a cost of reading all 100,000 entries.
"""

import importlib

from django.conf import settings
from django.db import migrations, models


def _languages() -> list[str]:
    return sorted({code.split("-")[0].lower() for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES})


def _sqlite_triggers_restore(apps, schema_editor):
    # SQLite alters a table by copying it into a new one, which drops the triggers that
    # keep the FTS5 table in step; put them back and re-read the documents.
    if schema_editor.connection.vendor != "sqlite":
        return
    full_text = importlib.import_module("muhabir.search.migrations.0002_full_text_index")
    for statement in full_text.SQLITE_BACKWARD[:3]:
        schema_editor.execute(statement, params=None)
    for statement in full_text.SQLITE_FORWARD[1:]:
        schema_editor.execute(statement, params=None)
    schema_editor.execute(
        "INSERT INTO search_fulltext(search_fulltext) VALUES ('rebuild')", params=None
    )


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from muhabir.search.backends import postgres_language_indexes_ensure

    postgres_language_indexes_ensure(_languages())
    schema_editor.execute("DROP INDEX IF EXISTS search_document_vector")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS search_document_vector "
        "ON search_searchdocument USING gin (search_vector)"
    )
    for language in _languages():
        schema_editor.execute(f"DROP INDEX IF EXISTS search_document_vector_{language}")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_full_text_index")]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="section_ids",
            field=models.CharField(blank=True, default="", max_length=255),
        ),
        migrations.AlterField(
            model_name="searchdocument",
            name="language",
            field=models.CharField(max_length=8, verbose_name="language"),
        ),
        migrations.RunPython(_sqlite_triggers_restore, _sqlite_triggers_restore),
        migrations.RunPython(forward, backward),
    ]
