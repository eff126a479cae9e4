"""The admin's JavaScript strings (/admin/jsi18n/) in Turkish and German, overrides included."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import wagtail
from babel.messages.pofile import read_po
from django.urls import reverse
from wagtail.users.models import UserProfile

pytestmark = pytest.mark.django_db


def _wagtail_js_msgids() -> set[str]:
    msgids = set()
    for po_path in Path(wagtail.__file__).parent.glob("**/locale/en/LC_MESSAGES/djangojs.po"):
        with po_path.open("rb") as handle:
            catalog = read_po(handle)
        msgids |= {
            message.id if isinstance(message.id, str) else message.id[0]
            for message in catalog
            if message.id
        }
    return msgids


def _served_catalogue(client, user, language: str) -> dict:
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    response = client.get(reverse("wagtailadmin_javascript_catalog"))
    assert response.status_code == 200
    match = re.search(r"const newcatalog = (\{.*?\});\n", response.content.decode(), re.S)
    return json.loads(match[1])


@pytest.mark.parametrize(
    ("language", "main_menu", "add_comment", "errors"),
    [
        ("tr", "Ana menü", "Yorum ekle", ["%(num)s hata", "%(num)s hata"]),
        ("de", "Hauptmenü", "Einen Kommentar hinzufügen", ["%(num)s Fehler", "%(num)s Fehler"]),
    ],
)
def test_the_admin_javascript_reads_in_the_editors_language(
    language, main_menu, add_comment, errors, editor, editor_client
):
    catalogue = _served_catalogue(editor_client, editor, language)

    assert catalogue["Main menu"] == main_menu
    assert catalogue["Add a comment"] == add_comment
    assert catalogue["%(num)s error"] == errors


@pytest.mark.parametrize("language", ["tr", "de"])
def test_every_javascript_string_of_wagtail_is_translated(language, editor, editor_client):
    catalogue = _served_catalogue(editor_client, editor, language)

    untranslated = sorted(_wagtail_js_msgids() - {key for key, value in catalogue.items() if value})

    assert not untranslated


def test_a_turkish_override_beats_wagtails_own_javascript_translation(editor, editor_client):
    catalogue = _served_catalogue(editor_client, editor, "tr")

    # Wagtail's Turkish catalogue has a garbled "…yöneticinize bildirin.bilgi:".
    assert (
        catalogue["Report this error to your website administrator with the following information:"]
        == "Bu hatayı aşağıdaki bilgilerle site yöneticinize bildirin:"
    )
