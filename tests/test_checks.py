"""System checks that guard the rules the design fixes at start-up."""

from django.core import checks

from muhabir.core.checks import cache_is_not_database, languages_have_catalogues


def _ids(messages) -> set[str]:
    return {message.id for message in messages}


def test_database_cache_is_rejected(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "muhabir_cache",
        }
    }

    assert _ids(cache_is_not_database(None)) == {"muhabir.E002"}
    assert "muhabir.E002" in _ids(checks.run_checks())


def test_local_memory_and_redis_caches_pass(settings):
    assert cache_is_not_database(None) == []
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
        }
    }
    assert cache_is_not_database(None) == []


def test_shipped_catalogues_pass_the_catalogue_check():
    assert [m for m in languages_have_catalogues(None) if m.level >= checks.ERROR] == []


def test_language_without_catalogue_is_an_error(settings):
    settings.LANGUAGES = [*settings.LANGUAGES, ("ar", "العربية")]

    errors = [m for m in languages_have_catalogues(None) if m.id == "muhabir.E001"]

    assert len(errors) == 1
    assert "'ar'" in errors[0].msg


def test_uncompiled_catalogue_is_a_warning(settings, tmp_path):
    (tmp_path / "tr" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "tr" / "LC_MESSAGES" / "django.po").write_text("")
    (tmp_path / "de" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "de" / "LC_MESSAGES" / "django.po").write_text("")
    (tmp_path / "de" / "LC_MESSAGES" / "django.mo").write_bytes(b"")
    settings.LOCALE_PATHS = [tmp_path]

    messages = languages_have_catalogues(None)

    assert [(m.id, "'tr'" in m.msg) for m in messages] == [("muhabir.W001", True)]
