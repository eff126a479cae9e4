from muhabir.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / "data" / "test-media"  # noqa: F405
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
MUHABIR_SERVE_MEDIA = True
STATIC_ROOT = None  # static files come from the finders; no collectstatic in tests
# Tests that check pages after changing rows behind Wagtail's back (bulk updates, fixtures)
# would see cached copies; the page cache's own tests turn it on.
MUHABIR_PAGE_CACHE = env.boolean("MUHABIR_PAGE_CACHE", False)  # noqa: F405
MUHABIR_FRAGMENT_CACHE = env.boolean("MUHABIR_FRAGMENT_CACHE", False)  # noqa: F405
# A test database is dropped after the run: its commits (the transactional tests, the flushes
# between them, the migrations at the start) need not wait for the disk.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405
