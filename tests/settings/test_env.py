"""Environment variables: working defaults, and one clear line naming a wrong variable."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from muhabir.settings import env

REPO_ROOT = env.BASE_DIR
LONG_SECRET = "muhabir-" * 7  # 56 characters, more than 5 of them different


def test_database_defaults_to_sqlite_under_data_folder():
    config = env.database(environ={})

    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(REPO_ROOT / "data" / "muhabir.sqlite3")


def test_database_treats_blank_url_as_unset():
    assert env.database(environ={"DATABASE_URL": "  "})["ENGINE"] == "django.db.backends.sqlite3"


def test_database_parses_postgres_url():
    config = env.database(
        environ={"DATABASE_URL": "postgres://muhabir:geheim@db.example:5433/muhabir"}
    )

    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "muhabir"
    assert config["USER"] == "muhabir"
    assert config["PASSWORD"] == "geheim"
    assert config["HOST"] == "db.example"
    assert config["PORT"] == 5433


def test_database_parses_sqlite_url_without_persistent_connections():
    config = env.database(environ={"DATABASE_URL": "sqlite:////srv/muhabir/muhabir.sqlite3"})

    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == "/srv/muhabir/muhabir.sqlite3"
    assert config["CONN_MAX_AGE"] == 0


@pytest.mark.parametrize(
    "value",
    ["mysql://muhabir@localhost/muhabir", "foo", "postgres://localhost:5432/", "postgres://h:x/db"],
)
def test_database_rejects_bad_url_with_message_naming_the_variable(value):
    with pytest.raises(ImproperlyConfigured) as caught:
        env.database(environ={"DATABASE_URL": value})

    assert str(caught.value).startswith("DATABASE_URL")


def test_cache_defaults_to_local_memory():
    assert env.cache(environ={})["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_cache_uses_redis_for_redis_url():
    config = env.cache(environ={"REDIS_URL": "redis://127.0.0.1:6379/1"})

    assert config["BACKEND"] == "muhabir.core.cache.TolerantRedisCache"
    assert config["LOCATION"] == "redis://127.0.0.1:6379/1"


@pytest.mark.parametrize(
    "value",
    ["http://127.0.0.1:6379/0", "redis://127.0.0.1:sechs/0", "redis:///0", "127.0.0.1:6379"],
)
def test_cache_rejects_bad_redis_url_with_message_naming_the_variable(value):
    with pytest.raises(ImproperlyConfigured) as caught:
        env.cache(environ={"REDIS_URL": value})

    assert str(caught.value).startswith("REDIS_URL")


def test_secret_key_required_and_missing_names_the_variable():
    with pytest.raises(ImproperlyConfigured) as caught:
        env.secret_key(environ={}, required=True)

    assert str(caught.value).startswith("SECRET_KEY")


def test_secret_key_required_rejects_short_key():
    with pytest.raises(ImproperlyConfigured, match=r"^SECRET_KEY"):
        env.secret_key(environ={"SECRET_KEY": "kurz"}, required=True)


def test_secret_key_from_environment_is_used_as_given():
    assert env.secret_key(environ={"SECRET_KEY": LONG_SECRET}, required=True) == LONG_SECRET


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", True), ("true", True), ("YES", True), (" on ", True),
     ("0", False), ("false", False), ("No", False), ("off", False), ("", False)],
)  # fmt: skip
def test_boolean_reads_the_usual_words(value, expected):
    assert env.boolean("DEBUG", not expected, environ={"DEBUG": value}) is expected


def test_boolean_unset_gives_default():
    assert env.boolean("DEBUG", True, environ={}) is True
    assert env.boolean("DEBUG", False, environ={}) is False


def test_boolean_rejects_other_words_naming_the_variable():
    with pytest.raises(ImproperlyConfigured, match=r"^MUHABIR_SERVE_MEDIA"):
        env.boolean("MUHABIR_SERVE_MEDIA", False, environ={"MUHABIR_SERVE_MEDIA": "evet"})


def test_integer_reads_whole_number_and_defaults_when_unset():
    assert env.integer("MUHABIR_SECTION_PAGE_SIZE", 20, environ={}) == 20
    environ = {"MUHABIR_SECTION_PAGE_SIZE": " 12 "}
    assert env.integer("MUHABIR_SECTION_PAGE_SIZE", 20, environ=environ) == 12


@pytest.mark.parametrize("value", ["zwölf", "1.5", "0"])
def test_integer_rejects_non_numbers_and_values_below_minimum(value):
    with pytest.raises(ImproperlyConfigured, match=r"^MUHABIR_SECTION_PAGE_SIZE"):
        env.integer(
            "MUHABIR_SECTION_PAGE_SIZE",
            20,
            environ={"MUHABIR_SECTION_PAGE_SIZE": value},
            minimum=1,
        )


def test_string_list_splits_on_commas_and_drops_blanks():
    environ = {"ALLOWED_HOSTS": "muhabir.example, www.muhabir.example ,,"}

    assert env.string_list("ALLOWED_HOSTS", ["localhost"], environ=environ) == [
        "muhabir.example",
        "www.muhabir.example",
    ]


def test_url_strips_trailing_slash_and_rejects_non_http():
    environ = {"MUHABIR_BASE_URL": "https://muhabir.example/"}
    assert env.url("MUHABIR_BASE_URL", "", environ=environ) == "https://muhabir.example"
    with pytest.raises(ImproperlyConfigured, match=r"^MUHABIR_BASE_URL"):
        env.url("MUHABIR_BASE_URL", "", environ={"MUHABIR_BASE_URL": "muhabir.example"})


def test_relative_path_is_taken_from_project_folder():
    result = env.path("MEDIA_ROOT", REPO_ROOT / "x", environ={"MEDIA_ROOT": "data/medya"})

    assert result == REPO_ROOT / "data" / "medya"


# Settings modules, imported afresh under a patched environment.


@pytest.fixture
def fresh_settings(monkeypatch):
    """Import a settings module anew; the modules already loaded come back afterwards."""
    for name in ("muhabir.settings.base", "muhabir.settings.production"):
        if name in sys.modules:
            monkeypatch.setitem(sys.modules, name, sys.modules[name])
            monkeypatch.delitem(sys.modules, name)
    monkeypatch.setenv("SECRET_KEY", LONG_SECRET)
    for name in ("DATABASE_URL", "REDIS_URL", "DEBUG", "ALLOWED_HOSTS"):
        monkeypatch.delenv(name, raising=False)

    def load(module: str):
        sys.modules.pop("muhabir.settings.base", None)
        sys.modules.pop(module, None)
        return importlib.import_module(module)

    return load


def test_base_settings_take_database_and_cache_from_environment(fresh_settings, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/muhabir")
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")

    base = fresh_settings("muhabir.settings.base")

    assert base.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    assert base.CACHES["default"]["BACKEND"] == "muhabir.core.cache.TolerantRedisCache"


def test_production_settings_load_with_secret_and_keep_debug_off(fresh_settings):
    production = fresh_settings("muhabir.settings.production")

    assert production.DEBUG is False
    assert production.SECRET_KEY == LONG_SECRET
    assert production.SESSION_COOKIE_SECURE is True


def test_production_settings_refuse_debug(fresh_settings, monkeypatch):
    monkeypatch.setenv("DEBUG", "true")

    with pytest.raises(ImproperlyConfigured, match=r"^DEBUG"):
        fresh_settings("muhabir.settings.production")


def test_production_settings_refuse_wildcard_host(fresh_settings, monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", "*")

    with pytest.raises(ImproperlyConfigured, match=r"^ALLOWED_HOSTS"):
        fresh_settings("muhabir.settings.production")


def test_production_settings_require_secret_key(fresh_settings, monkeypatch):
    monkeypatch.delenv("SECRET_KEY")

    with pytest.raises(ImproperlyConfigured, match=r"^SECRET_KEY"):
        fresh_settings("muhabir.settings.production")


# Start-up through manage.py: one line on stderr, no traceback.


def _manage_check(*options: str, **variables: str) -> subprocess.CompletedProcess:
    environ = {
        key: value
        for key, value in os.environ.items()
        # The browser tests allow Django's ORM next to Playwright's event loop; a real
        # start has no such variable, and the deployment check warns about it.
        if key
        not in {
            "DATABASE_URL",
            "REDIS_URL",
            "SECRET_KEY",
            "DEBUG",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    environ.update(variables)
    return subprocess.run(  # noqa: S603 - our own manage.py, arguments from the tests
        [sys.executable, "manage.py", "check", *options],
        cwd=REPO_ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    return lines[0]


def test_manage_py_with_unknown_database_scheme_fails_with_one_line():
    result = _manage_check(DATABASE_URL="mysql://x")

    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "DATABASE_URL" in _one_line(result.stderr)


def test_manage_py_in_production_without_secret_key_fails_with_one_line():
    result = _manage_check(DJANGO_SETTINGS_MODULE="muhabir.settings.production")

    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "SECRET_KEY" in _one_line(result.stderr)


def test_manage_py_in_production_with_debug_fails_with_one_line():
    result = _manage_check(
        DJANGO_SETTINGS_MODULE="muhabir.settings.production", SECRET_KEY=LONG_SECRET, DEBUG="1"
    )

    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "DEBUG" in _one_line(result.stderr)


def test_production_settings_pass_djangos_deployment_check_without_a_warning():
    result = _manage_check(
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="muhabir.settings.production",
        SECRET_KEY=LONG_SECRET,
        ALLOWED_HOSTS="muhabir.example.org",
    )

    assert result.returncode == 0, result.stderr
    assert "WARNINGS" not in result.stderr + result.stdout


def test_email_defaults_to_the_given_url():
    assert env.email("console:", environ={}) == {
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"
    }


def test_email_parses_smtp_with_starttls_and_encoded_credentials():
    config = env.email(
        "console:",
        environ={
            "EMAIL_URL": "smtp://redaksiyon%40muhabir.example:g%3Ah@mail.example:2525?tls=true"
        },
    )

    assert config["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (config["EMAIL_HOST"], config["EMAIL_PORT"]) == ("mail.example", 2525)
    assert config["EMAIL_HOST_USER"] == "redaksiyon@muhabir.example"
    assert config["EMAIL_HOST_PASSWORD"] == "g:h"
    assert (config["EMAIL_USE_TLS"], config["EMAIL_USE_SSL"]) == (True, False)


@pytest.mark.parametrize(
    ("value", "port", "tls", "ssl"),
    [
        ("smtp://localhost", 25, False, False),
        ("submission://mail.example", 587, True, False),
        ("smtps://mail.example", 465, False, True),
    ],
)
def test_email_picks_the_usual_port_for_each_kind_of_server(value, port, tls, ssl):
    config = env.email("console:", environ={"EMAIL_URL": value})

    assert (config["EMAIL_PORT"], config["EMAIL_USE_TLS"], config["EMAIL_USE_SSL"]) == (
        port,
        tls,
        ssl,
    )


@pytest.mark.parametrize(
    "value", ["pop3://mail.example", "smtp://", "smtp://mail.example:abc", "smtp://h?tls=maybe",
              "smtps://h?tls=true", "file://"]
)  # fmt: skip
def test_email_rejects_bad_url_naming_the_variable(value):
    with pytest.raises(ImproperlyConfigured, match=r"^EMAIL_URL: "):
        env.email("console:", environ={"EMAIL_URL": value})


def test_sender_is_checked_and_defaults_to_the_public_host():
    assert env.sender_domain("https://muhabir.example.org") == "muhabir.example.org"
    assert env.sender_domain("http://127.0.0.1:8000") == "localhost"
    assert (
        env.email_address("DEFAULT_FROM_EMAIL", "x@y", environ={"DEFAULT_FROM_EMAIL": "A <a@b.c>"})
        == "A <a@b.c>"
    )
    with pytest.raises(ImproperlyConfigured, match=r"^DEFAULT_FROM_EMAIL: "):
        env.email_address("DEFAULT_FROM_EMAIL", "x@y", environ={"DEFAULT_FROM_EMAIL": "redaksiyon"})
