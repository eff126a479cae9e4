"""The analyser: one normal form per word, whatever the keyboard and the language."""

from __future__ import annotations

import pytest

from muhabir.core.text_analysis import alternatives, document_terms, fold, surface


@pytest.mark.parametrize("language", ["tr", "de"])
@pytest.mark.parametrize("word", ["ISTANBUL", "istanbul", "İstanbul", "İSTANBUL", "Istanbul"])
def test_case_and_dotted_i_never_matter(word, language):
    assert surface(word, language) == "istanbul"


def test_turkish_lower_casing_keeps_dotless_i_apart_before_folding():
    # "IĞDIR" is "ığdır" in Turkish, not "iğdir"; folded, both are typed "igdir".
    assert surface("IĞDIR", "tr") == surface("Iğdır", "tr") == surface("igdir", "tr") == "igdir"


def test_letters_without_their_marks_match():
    assert fold("şğıçöüâ") == "sgicoua"
    assert surface("Kültür", "tr") == surface("kultur", "tr")
    assert surface("Gürsoy", "de") == surface("gursoy", "de")


@pytest.mark.parametrize(
    ("word", "name"),
    [("Duisburg'un", "duisburg"), ("Duisburg’un", "duisburg"), ("Kenter'in", "kenter"),
     ("İstanbul'da", "istanbul"), ("Gürsoy’a", "gursoy"), ("Park'ta", "park")],
)  # fmt: skip
def test_suffix_after_an_apostrophe_is_dropped_from_names(word, name):
    assert surface(word, "tr") == name


def test_a_one_letter_head_keeps_its_tail():
    assert surface("O'Brien", "de") == "obrien"


@pytest.mark.parametrize(
    "spellings",
    [("Straße", "Strasse"), ("Größe", "Groesse", "Grosse"), ("München", "Muenchen", "Munchen"),
     ("Bäckerei", "Baeckerei", "Backerei"), ("Fußball", "Fussball")],
)  # fmt: skip
def test_german_sharp_s_and_umlaut_spellings_are_one_word(spellings):
    assert len({surface(word, "de") for word in spellings}) == 1


def test_spelt_out_umlauts_are_not_guessed_after_vowels():
    assert surface("Frauen", "de") == "frauen"
    assert surface("neue", "de") == "neue"
    assert surface("Quelle", "de") == "quelle"


def _matches(query_word: str, text_word: str, language: str) -> bool:
    found = alternatives(query_word, language)
    return found is not None and found.matches(surface(text_word, language))


@pytest.mark.parametrize(
    ("query", "text"),
    [("ekmekler", "ekmeklerin"), ("ekmeklerin", "ekmek"), ("çocuk", "çocuklara"),
     ("kitap", "kitabı"), ("kitabi", "kitap"), ("dernek", "derneği"), ("dernegi", "dernek"),
     ("bursu", "burs"), ("kultur", "kültürü"), ("Kenter'in", "Kenter")],
)  # fmt: skip
def test_turkish_inflected_forms_find_each_other(query, text):
    assert _matches(query, text, "tr")


@pytest.mark.parametrize(
    ("query", "text"),
    [("Integrationszentrum", "Integrationszentren"), ("Integrationszentren", "Integrationszentrum"),
     ("Integrationszentrums", "Integrationszentren"), ("Ministerien", "Ministerium"),
     ("Museen", "Museum"), ("Kommunen", "Kommunalen"), ("Stadt", "Städte"),
     ("Sprachkurs", "Sprachkurse")],
)  # fmt: skip
def test_german_inflected_forms_and_latin_plurals_find_each_other(query, text):
    assert _matches(query, text, "de")


def test_short_stems_do_not_swallow_unrelated_words():
    # Snowball stems "kültür" to "kül"; as a prefix that would match "kullanmak".
    assert not _matches("kültür", "kullanmak", "tr")


def test_document_terms_keep_word_order_and_drop_punctuation():
    assert document_terms("Yıldız Kenter'in „Tiyatrosu“ – 59. yılı!", "tr") == [
        "yildiz", "kenter", "tiyatrosu", "59", "yili",
    ]  # fmt: skip
