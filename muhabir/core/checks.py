"""Rules that can be checked when the site starts."""

from django.conf import settings
from django.core.checks import Error, Warning, register


@register()
def languages_have_catalogues(app_configs, **kwargs):
    """Every content language needs a compiled catalogue, or its pages show English.

    The first of LOCALE_PATHS holds the project's own catalogues, which every language
    needs; the others (corrections of Wagtail's) exist only where they are needed.
    """
    problems = []
    own, *others = settings.LOCALE_PATHS
    for code, _name in settings.LANGUAGES:
        if not (own / code / "LC_MESSAGES" / "django.po").exists():
            problems.append(
                Error(
                    f"No translation catalogue for language {code!r}.",
                    hint=f"Run: manage.py makemessages -l {code}",
                    id="muhabir.E001",
                )
            )
            continue
        for locale_path in (own, *others):
            folder = locale_path / code / "LC_MESSAGES"
            for po in sorted(folder.glob("*.po")):
                if not po.with_suffix(".mo").exists():
                    problems.append(
                        Warning(
                            f"The catalogue {po.name} for {code!r} is not compiled.",
                            hint="Run: manage.py compile_catalogues",
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
