"""What a page was made of, noted while it renders.

A cached page must be dropped when anything it shows changes. Rather than asking every
view to declare what it reads (and trusting that none forgets), the page cache watches
the render: every row loaded from the database becomes a tag (``wagtailcore.page:12``),
and every table queried becomes one (``table:directory_event``), which also covers rows
that did not exist yet when the page was rendered. A save of a row changes its tags
(``muhabir.pagecache.invalidation``), and a cached page with a changed tag is not served.
What changes with the clock instead, such as the events still to come, notes when it will
(``note_change_at``), and nothing made of it is kept past then.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db import connections
from django.db.models import Model
from django.db.models.signals import post_init

# Rows and tables that say nothing about what a reader sees, or that change on every
# view (renditions are made on first use): noting them would only make pages miss.
IGNORED_MODELS = frozenset(
    {
        "contenttypes.contenttype",
        "auth.permission",
        "auth.group",
        "sessions.session",
        "wagtailcore.revision",
        "wagtailcore.locale",
        "wagtailcore.grouppagepermission",
        "wagtailcore.groupcollectionpermission",
        "wagtailcore.workflowstate",
        "wagtailcore.taskstate",
        "wagtailcore.workflowpage",
        "images.customrendition",
        "pagecache.tagversion",
        "migrations.migration",
        "axes.accessattempt",
        "axes.accessfailurelog",
        "axes.accesslog",
    }
)
# Images and documents are never listed to readers, only shown through the rows that
# point at them, so their row tags are enough; a new upload must not drop every page.
IGNORED_TABLES = frozenset(
    {
        "django_session",
        "django_content_type",
        "django_migrations",
        "auth_permission",
        "auth_group",
        "wagtailcore_revision",
        "wagtailcore_locale",
        "wagtailcore_grouppagepermission",
        "wagtailcore_groupcollectionpermission",
        "wagtailcore_workflowstate",
        "wagtailcore_taskstate",
        "images_customimage",
        "images_customrendition",
        "wagtaildocs_document",
        "pagecache_tagversion",
    }
)
TABLE = re.compile(r'\b(?:FROM|JOIN)\s+[`"]?(\w+)[`"]?', re.IGNORECASE)

_root_labels: dict[type, str | None] = {}
# The table of each row tag's model, where the model's root table is recorded.
_label_tables: dict[str, str] = {}


def row_tag(model: type[Model], pk) -> str | None:
    """The tag of one row, the same whichever subclass (``Page`` or ``ArticlePage``) loaded it."""
    label = _root_labels.get(model, ...)
    if label is ...:
        parents = model._meta.get_parent_list()
        root = parents[-1] if parents else model
        label = None if root._meta.label_lower in IGNORED_MODELS else root._meta.label_lower
        _root_labels[model] = label
        if label is not None:
            _label_tables[label] = root._meta.db_table
    if label is None or pk is None:
        return None
    return f"{label}:{pk}"


def table_tag(table: str) -> str | None:
    return None if table in IGNORED_TABLES else f"table:{table}"


def essential(tags: set[str]) -> frozenset[str]:
    """``tags`` without the row tags that their table's tag already covers.

    A saved or deleted row changes its table's tag along with its own
    (``invalidation.model_tags``), so beside ``table:wagtailcore_page`` the tags of single
    pages add nothing. What stays is what can change alone: rows of ignored tables (an
    image's credit) and the tables. Fewer tags make every validity check cheaper.
    """
    kept = set()
    for tag in tags:
        label = tag.partition(":")[0]
        if label != "table" and f"table:{_label_tables.get(label)}" in tags:
            continue
        kept.add(tag)
    return frozenset(kept)


@dataclass
class Recorder:
    tags: set[str] = field(default_factory=set)
    # The first moment (a timestamp) what was read changes with the clock alone, without
    # an edit: an event listed as upcoming is over. None: nothing read changes so.
    changes_at: float | None = None


_recorder: ContextVar[Recorder | None] = ContextVar("muhabir_pagecache_recorder", default=None)


def _row_loaded(sender, instance, **kwargs) -> None:
    recorder = _recorder.get()
    if recorder is None:
        return
    tag = row_tag(sender, instance.pk)
    if tag is not None:
        recorder.tags.add(tag)


def _query_run(execute, sql, params, many, context):
    recorder = _recorder.get()
    if recorder is not None and isinstance(sql, str):
        for table in TABLE.findall(sql):
            tag = table_tag(table)
            if tag is not None:
                recorder.tags.add(tag)
    return execute(sql, params, many, context)


def current_tags() -> set[str]:
    """What the render being recorded has read so far (empty when nothing is recorded)."""
    recorder = _recorder.get()
    return set(recorder.tags) if recorder is not None else set()


def note(tags) -> None:
    """Add ``tags`` to the render being recorded, if any: what a cached part of the page
    (a fragment, a remembered value) was made of is part of what the page is made of."""
    recorder = _recorder.get()
    if recorder is not None:
        recorder.tags.update(tags)


def is_recording() -> bool:
    """Whether a render is being recorded: what only the cache needs to know can be skipped
    when it is not."""
    return _recorder.get() is not None


def note_change_at(when: float | None) -> None:
    """The render being recorded shows something that changes at ``when`` (a timestamp)
    without an edit, such as an upcoming event that will be over: nothing made of it may
    be kept past then."""
    recorder = _recorder.get()
    if recorder is None or when is None:
        return
    if recorder.changes_at is None or when < recorder.changes_at:
        recorder.changes_at = when


@contextmanager
def recording():
    """Note the rows and tables read inside the block; yields the ``Recorder``.

    Blocks nest: what an inner block notes (a fragment inside a page) is noted by the
    outer one too.
    """
    outer = _recorder.get()
    recorder = Recorder()
    token = _recorder.set(recorder)
    try:
        with connections["default"].execute_wrapper(_query_run):
            yield recorder
    finally:
        _recorder.reset(token)
        if outer is not None:
            outer.tags.update(recorder.tags)
            note_change_at(recorder.changes_at)


def connect() -> None:
    post_init.connect(_row_loaded, dispatch_uid="pagecache-row-loaded")
