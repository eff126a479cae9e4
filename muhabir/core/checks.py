"""Rules that can be checked when the site starts."""

from django.conf import settings
from django.core.checks import Error, Warning, register


@register()
def languages_have_catalogues(app_configs, **kwargs):
    """Every content language needs a compiled catalogue, or its pages show English."""
    problems = []
    for code, _name in settings.LANGUAGES:
        for locale_path in settings.LOCALE_PATHS:
            if not (locale_path / code / "LC_MESSAGES" / "django.po").exists():
                problems.append(
                    Error(
                        f"No translation catalogue for language {code!r}.",
                        hint=f"Run: manage.py makemessages -l {code}",
                        id="muhabir.E001",
                    )
                )
            elif not (locale_path / code / "LC_MESSAGES" / "django.mo").exists():
                problems.append(
                    Warning(
                        f"The catalogue for {code!r} is not compiled.",
                        hint="Run: manage.py compilemessages",
                        id="muhabir.W001",
                    )
                )
    return problems


@register()
def cache_is_not_database(app_configs, **kwargs):
    """Wagtail rewrites rendition cache entries on every view: never a database cache."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith("DatabaseCache"):
        return [
            Error(
                "The database cache backend is not supported.",
                hint="Use local memory (no REDIS_URL) or Redis (REDIS_URL).",
                id="muhabir.E002",
            )
        ]
    return []
