"""Database-neutral dumps and loads, at the schema the rows were written with.

Rows are read and written through the *historical* models of the migration state the
database is at (as data migrations do), not the current code's models: an archive made
before a migration still loads, and the migrations that came after run on it afterwards.
One JSON line per row holds the model's own columns; many-to-many links are their own
tables, so nothing depends on save() (modelcluster's parental relations only write then).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.apps.registry import Apps
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.db.utils import load_backend

# Left out of the neutral dump: sessions (everyone signs in again after a restore) and
# the search indexes, whose columns differ between the databases (tsvector against
# FTS5) and which are rebuilt from the restored pages.
EXCLUDED_APPS = {"sessions", "wagtailsearch"}
EXCLUDED_MODELS = {"search.searchdocument"}
BATCH = 500

MigrationState = dict[str, list[str]]


@contextmanager
def extra_connection(alias: str, settings_dict: dict) -> Iterator[BaseDatabaseWrapper]:
    """A connection to another database, usable as ``.using(alias)`` until the block ends.

    Not added to the DATABASES settings: nothing else (system checks, test isolation,
    ``migrate``) should come across it.
    """
    config = connections.configure_settings({"default": dict(settings_dict)})["default"]
    wrapper = load_backend(config["ENGINE"]).DatabaseWrapper(config, alias)
    # Django keeps live connections per thread in this Local; there is no public way to add
    # one that the DATABASES setting does not name.
    setattr(connections._connections, alias, wrapper)  # type: ignore[attr-defined]
    try:
        yield wrapper
    finally:
        wrapper.close()
        delattr(connections._connections, alias)  # type: ignore[attr-defined]


def migration_state(connection) -> MigrationState:
    """The applied migrations, by app, as the database records them."""
    state: dict[str, list[str]] = {}
    for app_label, name in MigrationRecorder(connection).applied_migrations():
        state.setdefault(app_label, []).append(name)
    return {app: sorted(names) for app, names in sorted(state.items())}


def state_leaves(loader: MigrationLoader, state: MigrationState) -> list[tuple[str, str]]:
    """The last applied migration(s) of each app: what ``migrate`` would target."""
    applied = {(app, name) for app, names in state.items() for name in names}
    leaves = []
    for node in sorted(applied):
        if node not in loader.graph.nodes:
            continue
        children = loader.graph.node_map[node].children
        if not any(child in applied and child[0] == node[0] for child in children):
            leaves.append(node)
    return leaves


def unknown_migrations(loader: MigrationLoader, state: MigrationState) -> list[str]:
    """Migrations the state records that this code does not have (a newer version's)."""
    known = set(loader.graph.nodes) | set(loader.replacements)
    for replacement in loader.replacements.values():
        known |= set(replacement.replaces)
    return [
        f"{app}.{name}"
        for app, names in state.items()
        for name in names
        if (app, name) not in known and app in loader.migrated_apps
    ]


def historical_apps(loader: MigrationLoader, state: MigrationState) -> Apps:
    return loader.project_state(state_leaves(loader, state), at_end=True).apps


def dumped_models(apps: Apps) -> list[type[models.Model]]:
    """Every table with rows of its own, many-to-many tables included."""
    result = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.app_label in EXCLUDED_APPS:
            continue
        if meta.label_lower in EXCLUDED_MODELS:
            continue
        result.append(model)
    return sorted(result, key=lambda model: model._meta.label_lower)


def _row(model: type[models.Model], obj: models.Model) -> dict:
    fields = {}
    for field in model._meta.local_fields:
        if field.primary_key:
            continue
        value = getattr(obj, field.attname)
        if field.is_relation or isinstance(value, (int, float, str, type(None))):
            fields[field.attname] = value
        else:
            # As Django's serializers: the field's own text form, read back by to_python.
            fields[field.attname] = field.value_to_string(obj)
    return {"pk": obj.pk, "fields": fields}


def model_dump(model: type[models.Model], *, using: str, path: Path) -> int:
    """Write every row of ``model`` as one JSON line; return how many."""
    count = 0
    queryset = model._base_manager.using(using).order_by("pk")
    with path.open("w", encoding="utf-8") as output:
        for obj in queryset.iterator(chunk_size=2000):
            output.write(json.dumps(_row(model, obj), cls=DjangoJSONEncoder, ensure_ascii=False))
            output.write("\n")
            count += 1
    return count


def _batches(lines: Iterable[str], size: int) -> Iterator[list[dict]]:
    batch = []
    for line in lines:
        if line.strip():
            batch.append(json.loads(line))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _build(model: type[models.Model], record: dict) -> models.Model:
    meta = model._meta
    values = {meta.pk.attname: meta.pk.to_python(record["pk"])}
    for attname, value in record["fields"].items():
        field = next(field for field in meta.local_fields if field.attname == attname)
        if value is None:
            values[attname] = None
        elif field.is_relation:
            values[attname] = field.target_field.to_python(value)  # type: ignore[attr-defined]
        else:
            values[attname] = field.to_python(value)
    obj = model.__new__(model)
    obj._state = models.base.ModelState()
    obj._state.db = None
    for field in meta.concrete_fields:
        setattr(obj, field.attname, values.get(field.attname))
    return obj


def model_load(model: type[models.Model], *, connection, path: Path) -> int:
    """Insert the rows of one JSON-lines file as they are, primary keys included."""
    fields = list(model._meta.local_concrete_fields)
    size = max(1, min(BATCH, connection.ops.bulk_batch_size(fields, [None] * BATCH)))
    count = 0
    manager = model._base_manager.using(connection.alias)
    with path.open(encoding="utf-8") as lines:
        for batch in _batches(lines, size):
            objects = [_build(model, record) for record in batch]
            # What loaddata's raw save does, a batch per statement: the row as it was, no
            # signals, no save() logic, no auto_now.
            manager._insert(  # type: ignore[attr-defined]
                objects, fields=fields, raw=True, using=connection.alias
            )
            count += len(objects)
    return count


def sequences_reset(connection, model_list: list[type[models.Model]]) -> None:
    """Point PostgreSQL's id sequences past the loaded rows (a no-op on SQLite)."""
    statements = connection.ops.sequence_reset_sql(no_style(), model_list)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def model_counts(apps: Apps, labels: Iterable[str], *, using: str) -> dict[str, int]:
    counts = {}
    for label in labels:
        model = apps.get_model(label)
        counts[label] = model._base_manager.using(using).count()
    return counts


PAGE_MODEL_FIELD = "page_ptr"


def counts_summary(apps: Apps, counts: dict[str, int]) -> dict:
    """The counts an operator looks at, from the per-model counts."""

    def count(label: str) -> int | None:
        return counts.get(label)

    pages = {}
    directory = {}
    for label, number in counts.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        field_names = {field.name for field in model._meta.local_fields}
        if PAGE_MODEL_FIELD in field_names:
            pages[label] = number
        elif label.startswith("directory.") and not model._meta.auto_created:
            directory[label] = number
    return {
        "pages": {"wagtailcore.page": count("wagtailcore.page"), **pages},
        "revisions": count("wagtailcore.revision"),
        "images": count("images.customimage"),
        "renditions": count("images.customrendition"),
        "documents": count("wagtaildocs.document"),
        "directory": directory,
        "redirects": count("wagtailredirects.redirect"),
        "users": count("auth.user"),
    }


def dump_json(value) -> str:
    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2, sort_keys=True)
