"""Workflow and task names in the editor's admin language.

Wagtail shows ``Workflow.name`` and ``Task.name`` as stored ("Submit to Editorial
review"). The database keeps the English name as a key. When an instance is loaded, a
name that is a known key becomes a ``TranslatedName``: a ``str`` equal to the key (for
lookups, saving and code comparing names) whose ``str()`` is the translation in the
active language, which is what templates and %-formatting show. A name typed in one of
the site's languages is stored as its key again. Names that are no key stay as typed.
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_init, post_save, pre_save
from django.utils import translation
from django.utils.translation import gettext, gettext_noop
from wagtail.models import Task, Workflow

NAME_KEYS = [
    # Translators: the name of the newsroom's workflow and of its task, shown in the
    # admin ("Submit to Editorial review"). German: a feminine noun ("Zur … einreichen").
    gettext_noop("Editorial review"),
    # Translators: Wagtail's stock workflow and task, kept inactive; administrators see it in
    # the workflow and task lists. German: a feminine noun ("Zur … einreichen").
    gettext_noop("Moderators approval"),
]


class TranslatedName(str):
    """A name key that reads as its translation wherever it is shown as text."""

    def __str__(self) -> str:
        return gettext(self[:])

    def __format__(self, format_spec: str) -> str:
        return format(str(self), format_spec)


def name_key(name: str) -> str | None:
    """The key that a stored or typed (translated) name stands for, if any."""
    if name in NAME_KEYS:
        return name[:]
    for key in NAME_KEYS:
        for code, _language in settings.LANGUAGES:
            with translation.override(code):
                if name == gettext(key):
                    return key
    return None


def name_translate(sender, instance, **kwargs) -> None:
    # __dict__, not the attribute: a deferred name must not cost a query per row.
    name = instance.__dict__.get("name")
    if name in NAME_KEYS and not isinstance(name, TranslatedName):
        instance.name = TranslatedName(name)


def name_store_key(sender, instance, **kwargs) -> None:
    name = instance.__dict__.get("name")
    if isinstance(name, str):
        key = name_key(name)
        if key is not None:
            instance.name = key


def workflow_names_connect() -> None:
    """Connect the receivers to Workflow and every Task model (tasks are multi-table)."""
    models = [Workflow, *(model for model in apps.get_models() if issubclass(model, Task))]
    for model in models:
        uid = f"workflow_names:{model._meta.label}"
        post_init.connect(name_translate, sender=model, dispatch_uid=uid)
        pre_save.connect(name_store_key, sender=model, dispatch_uid=uid)
        post_save.connect(name_translate, sender=model, dispatch_uid=uid)
