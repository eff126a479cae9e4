"""The catalogues: complete, consistent, no fuzzy entry compiled; the Wagtail overrides."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest
import wagtail
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import CommandError, call_command

from muhabir.core.management.commands.compile_catalogues import catalogue_paths

FUZZY_PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"

msgid "place"
msgstr "mekân"

#, fuzzy
#| msgid "placement"
msgid "places"
msgstr "yerleşimler"
"""


def _catalogue(path: Path) -> object:
    with path.open("rb") as handle:
        return read_po(handle)


def _all_po_paths() -> list[Path]:
    return catalogue_paths()


@pytest.fixture
def fuzzy_locale(settings, tmp_path):
    for code, _name in settings.LANGUAGES:
        po_dir = tmp_path / code / "LC_MESSAGES"
        po_dir.mkdir(parents=True)
        (po_dir / "django.po").write_text(FUZZY_PO, encoding="utf-8")
    settings.LOCALE_PATHS = [tmp_path]
    return tmp_path


def test_check_fails_on_a_fuzzy_entry(fuzzy_locale):
    with pytest.raises(CommandError, match="fuzzy: 'places'"):
        call_command("compile_catalogues", "--check")


def test_compiling_leaves_a_fuzzy_entry_out_of_the_mo_file(fuzzy_locale):
    call_command("compile_catalogues", verbosity=0)

    with (fuzzy_locale / "tr" / "LC_MESSAGES" / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    assert compiled.gettext("place") == "mekân"
    assert compiled.gettext("places") == "places"


@pytest.fixture
def fuzzy_js_locale(settings, tmp_path):
    for code, _name in settings.LANGUAGES:
        po_dir = tmp_path / code / "LC_MESSAGES"
        po_dir.mkdir(parents=True)
        (po_dir / "django.po").write_text(FUZZY_PO.replace("#, fuzzy\n", ""), encoding="utf-8")
        (po_dir / "djangojs.po").write_text(FUZZY_PO, encoding="utf-8")
    settings.LOCALE_PATHS = [tmp_path]
    return tmp_path


def test_check_fails_on_a_fuzzy_entry_of_a_javascript_catalogue(fuzzy_js_locale):
    with pytest.raises(CommandError, match=r"djangojs\.po: fuzzy: 'places'"):
        call_command("compile_catalogues", "--check")


def test_compiling_builds_the_javascript_catalogues_too(fuzzy_js_locale):
    call_command("compile_catalogues", verbosity=0)

    with (fuzzy_js_locale / "de" / "LC_MESSAGES" / "djangojs.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    assert compiled.gettext("place") == "mekân"
    assert compiled.gettext("places") == "places"


def test_make_check_runs_the_catalogue_check():
    makefile = (settings.BASE_DIR / "Makefile").read_text()
    check_recipe = makefile.split("\ncheck:", 1)[1].split("\n\n", 1)[0]
    assert "compile_catalogues --check" in check_recipe
    assert "scripts/check-catalogues-fresh" in check_recipe


def test_overrides_are_the_second_locale_path_so_makemessages_leaves_them_alone():
    assert [Path(path).name for path in settings.LOCALE_PATHS] == ["locale", "locale_overrides"]


@pytest.mark.parametrize("po_path", _all_po_paths(), ids=lambda path: "/".join(path.parts[-5:]))
def test_catalogue_entries_are_complete_and_keep_their_placeholders(po_path):
    catalog = _catalogue(po_path)
    problems = [f"{message.id!r}: {errors}" for message, errors in catalog.check() if errors]
    fuzzy = [message.id for message in catalog if message.id and message.fuzzy]
    assert not problems
    assert not fuzzy
    assert catalog.num_plurals == 2


@pytest.mark.parametrize(
    "po_path",
    [path for path in _all_po_paths() if path.parts[-4] == "locale_overrides"],
    ids=lambda path: "/".join(path.parts[-3:]),
)
def test_every_override_is_a_msgid_wagtail_still_uses(po_path):
    wagtail_ids = set()
    for source in Path(wagtail.__file__).parent.glob(f"**/locale/en/LC_MESSAGES/{po_path.name}"):
        wagtail_ids |= {(message.context, message.id) for message in _catalogue(source)}
    overrides = _catalogue(po_path)

    unknown = [
        message.id
        for message in overrides
        if message.id and (message.context, message.id) not in wagtail_ids
    ]

    assert not unknown


@pytest.mark.parametrize(
    ("msgid", "turkish", "german"),
    [
        ("places", "mekânlar", "Orte"),
        ("associations", "dernekler", "Vereine"),
        ("events", "etkinlikler", "Veranstaltungen"),
        ("contact person", "İletişim kişisi", "Ansprechperson"),
        ("website", "İnternet sitesi", "Website"),
        (
            "Give the title in at least one language.",
            "Başlığı en az bir dilde girin.",
            "Geben Sie den Titel in mindestens einer Sprache an.",
        ),
        ("Set publishing schedule", "Yayın zamanını ayarla", "Veröffentlichungszeitplan festlegen"),
        (
            "The page could not be saved due to validation errors.",
            "Doğrulama hataları nedeniyle sayfa kaydedilemedi.",
            None,
        ),
    ],
)
def test_admin_strings_read_in_turkish_and_german(msgid, turkish, german):
    from django.utils import translation

    with translation.override("tr"):
        assert translation.gettext(msgid) == turkish
    if german is not None:
        with translation.override("de"):
            assert translation.gettext(msgid) == german


@pytest.mark.parametrize("code", ["tr", "de"])
def test_no_override_is_shadowed_by_our_own_catalogue(code):
    """The first LOCALE_PATHS entry wins: an override of a msgid our code also uses is dead."""

    def keys(po_path: Path) -> set:
        return {
            (message.context, message.id if isinstance(message.id, str) else message.id[0])
            for message in _catalogue(po_path)
            if message.id
        }

    own = keys(settings.LOCALE_PATHS[0] / code / "LC_MESSAGES" / "django.po")
    overrides = keys(settings.LOCALE_PATHS[1] / code / "LC_MESSAGES" / "django.po")

    assert not own & overrides


def test_an_override_path_without_a_language_is_fine_but_our_own_catalogue_is_required(
    settings, tmp_path
):
    own, overrides = tmp_path / "locale", tmp_path / "locale_overrides"
    for code, _name in settings.LANGUAGES:
        (own / code / "LC_MESSAGES").mkdir(parents=True)
        (own / code / "LC_MESSAGES" / "django.po").write_text(
            FUZZY_PO.replace("#, fuzzy\n", ""), encoding="utf-8"
        )
    (overrides / "tr" / "LC_MESSAGES").mkdir(parents=True)
    (overrides / "tr" / "LC_MESSAGES" / "djangojs.po").write_text(
        FUZZY_PO.replace("#, fuzzy\n", ""), encoding="utf-8"
    )
    settings.LOCALE_PATHS = [own, overrides]

    call_command("compile_catalogues", "--check")
    (own / "de" / "LC_MESSAGES" / "django.po").unlink()
    with pytest.raises(
        CommandError, match=r"Missing catalogue: .*locale/de/LC_MESSAGES/django\.po"
    ):
        call_command("compile_catalogues", "--check")
