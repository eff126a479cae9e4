"""Wagtail's apps without the content API: the same registrations as Wagtail's own ready(),
no django-ninja in the process, and the API's part back when the API is installed."""

import ast
import importlib
import inspect
import textwrap

import pytest
from django.apps import apps
from wagtail.admin.forms.models import registry as form_field_overrides
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.redirects.signal_handlers import autocreate_redirects_on_slug_change
from wagtail.images import get_image_model
from wagtail.images.widgets import AdminImageChooser
from wagtail.models.reference_index import ReferenceIndex
from wagtail.signals import page_slug_changed

from muhabir.core import wagtail_apps
from tests.processes import fresh_python_json

CONFIGS = [
    wagtail_apps.ImagesConfig,
    wagtail_apps.DocumentsConfig,
    wagtail_apps.SnippetsConfig,
    wagtail_apps.LocalesConfig,
    wagtail_apps.RedirectsConfig,
]

# Names our copies import under another name, because two apps' modules use the same one.
ALIASES = {
    "get_image_permission_policy": "get_permission_policy",
    "get_document_permission_policy": "get_permission_policy",
}


def _absolute(node: ast.ImportFrom, package: str) -> ast.ImportFrom:
    if not node.level:
        return node
    base = importlib.util.resolve_name("." * node.level + (node.module or ""), package)
    return ast.ImportFrom(module=base, names=node.names, level=0)


def _content_api_names(body: list[ast.stmt]) -> set[str]:
    """Names a body imports from the content API's modules."""
    names = set()
    for statement in body:
        if isinstance(statement, ast.ImportFrom) and "api.v3" in (statement.module or ""):
            names.update(alias.asname or alias.name for alias in statement.names)
    return names


def _uses(statement: ast.stmt, names: set[str]) -> bool:
    return any(isinstance(node, ast.Name) and node.id in names for node in ast.walk(statement))


def _statements(function, package: str, *, leave_out_api: bool) -> list[str]:
    """The function's statements, comparable across modules: imports made absolute and
    sorted within each run of imports (as the linter sorts ours), aliases undone, the
    content API's imports and the statements using them left out."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    body = tree.body[0].body
    api = _content_api_names(body) if leave_out_api else set()
    kept: list[str] = []
    run: list[str] = []
    for statement in body:
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
            continue  # a docstring
        if isinstance(statement, ast.ImportFrom):
            if "api.v3" in (statement.module or ""):
                continue
            run.append(ast.dump(_absolute(statement, package)))
            continue
        if api and _uses(statement, api):
            continue
        kept.extend(sorted(run))
        run = []
        for node in ast.walk(statement):
            if isinstance(node, ast.Name) and node.id in ALIASES:
                node.id = ALIASES[node.id]
        kept.append(ast.dump(statement))
    kept.extend(sorted(run))
    return kept


@pytest.mark.parametrize("config", CONFIGS, ids=lambda config: config.__name__)
def test_each_copy_is_wagtails_ready_without_the_content_api(config):
    wagtails = config.__mro__[2]
    package = wagtails.__module__.rpartition(".")[0]
    theirs = _statements(wagtails.ready, package, leave_out_api=True)
    ours = _statements(config.ready_without_content_api, package, leave_out_api=False)
    assert ours == theirs, (
        f"{wagtails.__module__}.{wagtails.__name__}.ready() has changed: bring "
        f"muhabir/core/wagtail_apps.py {config.__name__} up to date with it"
    )


def test_the_copies_take_the_place_of_wagtails_configs():
    for config in CONFIGS:
        assert type(apps.get_app_config(config.label)) is config


def test_the_registrations_are_made():
    Image = get_image_model()
    override = form_field_overrides.values_by_fk_related_model[Image]
    assert override["widget"] is AdminImageChooser
    assert ReferenceIndex.is_indexed(Image)
    receivers = [entry[1]() for entry in page_slug_changed.receivers]
    assert autocreate_redirects_on_slug_change in receivers
    assert Redirect in apps.get_models()


def _modules_after_setup(installed_api: bool) -> dict:
    return fresh_python_json(
        f"""
        import json, sys
        import django
        from django.conf import settings
        if {installed_api!r}:
            settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "wagtail.api.v3"]
        django.setup()
        api = sys.modules.get("wagtail.api.v3.api")
        routers = [path for path, _ in api.api._routers] if api else []
        print(json.dumps({{"ninja": "ninja" in sys.modules, "routers": routers}}))
        """
    )


def test_no_content_api_is_loaded_when_it_is_not_installed():
    assert _modules_after_setup(installed_api=False) == {"ninja": False, "routers": []}


def test_the_content_api_is_registered_when_it_is_installed():
    loaded = _modules_after_setup(installed_api=True)
    assert loaded["ninja"]
    assert {"/images/", "/documents/", "/snippets/", "/locales/", "/redirects/"} <= set(
        loaded["routers"]
    )
