"""Compile the .po catalogues to .mo without GNU gettext, and check them for gaps.

Our own catalogue path has a ``django.po`` per language; override catalogues and
``djangojs.po`` files (the strings of Wagtail's admin JavaScript, served by /admin/jsi18n/)
are compiled and checked where present.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def catalogue_paths() -> list[Path]:
    """The project's django.po per language (missing or not), and every other catalogue there is.

    As the start-up check says: the first of LOCALE_PATHS holds the project's own catalogues,
    which every language needs; the others (corrections of Wagtail's) exist where needed.
    """
    own, *others = (Path(locale_path) for locale_path in settings.LOCALE_PATHS)
    paths = []
    for code, _name in settings.LANGUAGES:
        paths.append(own / code / "LC_MESSAGES" / "django.po")
        for locale_path in (own, *others):
            for domain in ("django", "djangojs"):
                po_path = locale_path / code / "LC_MESSAGES" / f"{domain}.po"
                if po_path.exists() and po_path not in paths:
                    paths.append(po_path)
    return sorted(paths)


def catalogue_problems(po_path: Path) -> list[str]:
    """Untranslated and fuzzy entries of one catalogue, one line each."""
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        label = message.id if isinstance(message.id, str) else message.id[0]
        if message.fuzzy:
            problems.append(f"{po_path}: fuzzy: {label!r}")
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            problems.append(f"{po_path}: untranslated: {label!r}")
    return problems


class Command(BaseCommand):
    help = (
        "Compile the translation catalogues; with --check, fail on untranslated or fuzzy entries."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only check the catalogues; exit non-zero if an entry is missing or fuzzy.",
        )

    def handle(self, *args, check: bool = False, **options):
        paths = catalogue_paths()
        missing = [path for path in paths if not path.exists()]
        if missing:
            raise CommandError(f"Missing catalogue: {missing[0]}")
        if check:
            problems = [problem for path in paths for problem in catalogue_problems(path)]
            if problems:
                raise CommandError(f"{len(problems)} catalogue problem(s):\n" + "\n".join(problems))
            self.stdout.write(f"{len(paths)} catalogues complete.")
            return
        for po_path in paths:
            with po_path.open("rb") as handle:
                catalog = read_po(handle)
            # Written aside and renamed: a test run reading the catalogue at the same time
            # sees the old file or the new one, never half of one.
            mo_path = po_path.with_suffix(".mo")
            partial = mo_path.with_suffix(".mo.partial")
            with partial.open("wb") as handle:
                write_mo(handle, catalog, use_fuzzy=False)
            partial.replace(mo_path)
        if options["verbosity"]:
            self.stdout.write(f"Compiled {len(paths)} catalogues.")
