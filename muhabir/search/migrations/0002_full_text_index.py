"""The full-text structure over the analysed terms, made for the database in use.

SQLite: an FTS5 table with SearchDocument as its external content, kept in step by
triggers, so bulk inserts and cascading deletes cannot leave it behind. The terms are
already lower-cased and folded, so the tokenizer only splits at spaces
(``remove_diacritics 0``: unicode61 would fold ı/İ its own way).

PostgreSQL: a generated tsvector column (title weighted A, the rest D) under the
``simple`` configuration, which leaves the analysed terms as they are, and a GIN index.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """
    CREATE VIRTUAL TABLE search_fulltext USING fts5(
        language, title_terms, body_terms,
        content='search_searchdocument', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0', detail='full'
    )
    """,
    """
    CREATE TRIGGER search_fulltext_insert AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_fulltext(rowid, language, title_terms, body_terms)
        VALUES (new.id, new.language, new.title_terms, new.body_terms);
    END
    """,
    """
    CREATE TRIGGER search_fulltext_delete AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_fulltext(search_fulltext, rowid, language, title_terms, body_terms)
        VALUES ('delete', old.id, old.language, old.title_terms, old.body_terms);
    END
    """,
    """
    CREATE TRIGGER search_fulltext_update AFTER UPDATE ON search_searchdocument BEGIN
        INSERT INTO search_fulltext(search_fulltext, rowid, language, title_terms, body_terms)
        VALUES ('delete', old.id, old.language, old.title_terms, old.body_terms);
        INSERT INTO search_fulltext(rowid, language, title_terms, body_terms)
        VALUES (new.id, new.language, new.title_terms, new.body_terms);
    END
    """,
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fulltext_update",
    "DROP TRIGGER IF EXISTS search_fulltext_delete",
    "DROP TRIGGER IF EXISTS search_fulltext_insert",
    "DROP TABLE IF EXISTS search_fulltext",
]

POSTGRES_FORWARD = [
    """
    ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title_terms), 'A')
        || setweight(to_tsvector('simple'::regconfig, body_terms), 'D')
    ) STORED
    """,
    "CREATE INDEX search_document_vector ON search_searchdocument USING gin (search_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_document_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_document")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
