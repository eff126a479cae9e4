"""What gunicorn's master loads before it forks the workers (preload_app): the application,
the URLconfs and no content API, and no database connection for the workers to inherit; its
objects frozen, so the workers' garbage collection leaves the shared pages shared."""

import gc
import runpy

from tests.processes import ROOT, fresh_python_json


def _after_import() -> dict:
    return fresh_python_json(
        """
        import json, sys
        import muhabir.wsgi
        from django.db import connections
        urlconfs = [name for name in ("muhabir.urls", "wagtail.admin.urls") if name in sys.modules]
        opened = [alias for alias in connections if connections[alias].connection is not None]
        print(json.dumps(
            {"urlconfs": urlconfs, "ninja": "ninja" in sys.modules, "connections": opened}
        ))
        """
    )


def test_the_master_loads_the_urlconfs_and_opens_no_connection():
    loaded = _after_import()
    assert loaded["urlconfs"] == ["muhabir.urls", "wagtail.admin.urls"]
    assert not loaded["ninja"]
    assert loaded["connections"] == []


def test_gunicorn_freezes_the_masters_objects_before_each_fork():
    settings = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
    assert settings["preload_app"] is True
    gc.unfreeze()
    try:
        settings["pre_fork"](server=None, worker=None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
