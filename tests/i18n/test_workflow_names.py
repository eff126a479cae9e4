"""The "Editorial review" workflow and task read in the editor's language; the key stays."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation
from wagtail.models import Task, Workflow

from muhabir.newsroom.workflow_names import TranslatedName

pytestmark = pytest.mark.django_db

SUBMIT = "Submit to %(workflow_name)s"


@pytest.mark.parametrize(
    ("language", "name", "submit"),
    [
        ("tr", "Redaksiyon onayı", "Redaksiyon onayı için gönder"),
        ("de", "Redaktionsprüfung", "Zur Redaktionsprüfung einreichen"),
        ("en", "Editorial review", "Submit to Editorial review"),
    ],
)
def test_editorial_review_reads_in_the_admin_language(language, name, submit):
    workflow = Workflow.objects.get(name="Editorial review")
    task = Task.objects.get(name="Editorial review").specific

    with translation.override(language):
        assert str(workflow.name) == name
        assert str(task.name) == name
        assert (
            Template("{{ workflow }}: {{ workflow.name }}").render(Context({"workflow": workflow}))
            == f"{name}: {name}"
        )
        assert translation.gettext(SUBMIT) % {"workflow_name": workflow.name} == submit


def test_the_name_still_equals_its_key_for_code_and_queries():
    workflow = Workflow.objects.get(name="Editorial review")

    assert isinstance(workflow.name, TranslatedName)
    assert workflow.name == "Editorial review"
    assert Workflow.objects.filter(name=workflow.name).exists()


def test_saving_keeps_the_english_key_in_the_database():
    workflow = Workflow.objects.get(name="Editorial review")
    with translation.override("de"):
        workflow.save()

    assert Workflow.objects.filter(pk=workflow.pk, name="Editorial review").exists()


def test_a_typed_translation_is_stored_as_the_key():
    task = Task.objects.get(name="Editorial review").specific
    task.name = "Redaksiyon onayı"
    task.save()

    assert Task.objects.filter(pk=task.pk, name="Editorial review").exists()


def test_other_names_stay_as_typed():
    workflow = Workflow.objects.create(name="Hızlı yayın")

    assert type(Workflow.objects.get(pk=workflow.pk).name) is str
    assert Workflow.objects.get(pk=workflow.pk).name == "Hızlı yayın"


@pytest.mark.parametrize(
    ("language", "name"),
    [("tr", "Moderatör onayı"), ("de", "Freigabe durch Moderatoren")],
)
def test_wagtails_inactive_stock_workflow_reads_in_the_admin_language(language, name):
    workflow = Workflow.objects.get(name="Moderators approval")
    task = Task.objects.get(name="Moderators approval").specific

    with translation.override(language):
        assert str(workflow.name) == name
        assert str(task.name) == name
    assert not workflow.active
