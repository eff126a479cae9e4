"""Casing, teasers and slugs that know Turkish and German."""

import pytest

from muhabir.core import text

# From the seed page (seed/000_7dbeb9c3853a4781.txt).
TURKISH = (
    "İstanbul'da tedavi gördüğü hastanede pazar günü hayatını kaybeden Yıldız Kenter bugün "
    "son yolculuğuna uğurlandı. Kenter için ilk tören Kenter Tiyatrosu’nda düzenlendi. "
    "Kenter'in cenazesi tören için getirildi."
)
GERMAN = (
    "Zur Eröffnung des 51. Zentrums in Borken würdigte der Staatssekretär im Ministerium für "
    "Schule und Weiterbildung, Ludwig Hecke, den beispielhaften Einsatz aller Beteiligten."
)


@pytest.mark.parametrize("passage", [TURKISH, GERMAN], ids=["tr", "de"])
def test_teaser_cuts_at_word_boundary_with_ellipsis(passage):
    result = text.teaser(passage, limit=80)

    assert result.endswith("...")
    kept = result.removesuffix("...")
    assert len(kept) <= 80
    assert passage.startswith(kept)
    # The cut falls between two words, never inside one.
    assert passage[len(kept)] in " ,."


def test_teaser_cuts_turkish_seed_text_before_the_word_that_does_not_fit():
    assert text.teaser(TURKISH, limit=60) == (
        "İstanbul'da tedavi gördüğü hastanede pazar günü hayatını..."
    )


def test_teaser_cuts_german_seed_text_and_drops_trailing_comma():
    # "Weiterbildung," ends at character 113; at 100 the cut goes back to "und".
    assert text.teaser(GERMAN, limit=100) == (
        "Zur Eröffnung des 51. Zentrums in Borken würdigte der Staatssekretär im Ministerium "
        "für Schule und..."
    )
    # With room for "Weiterbildung," the comma before the cut is dropped.
    assert text.teaser(GERMAN, limit=114).endswith("Weiterbildung...")


def test_teaser_keeps_text_under_the_limit_whole_without_ellipsis():
    assert text.teaser("Çay bahçesinde çaylar semaverden", limit=200) == (
        "Çay bahçesinde çaylar semaverden"
    )


def test_teaser_of_text_exactly_at_the_limit_has_no_ellipsis():
    sentence = "Ein starkes Signal für Integration"

    assert text.teaser(sentence, limit=len(sentence)) == sentence


def test_teaser_cuts_one_overlong_word_at_the_limit():
    word = "Donaudampfschifffahrtsgesellschaftskapitänsmütze"

    assert text.teaser(word, limit=10) == "Donaudampf..."


def test_teaser_collapses_whitespace_and_non_breaking_spaces():
    messy = "  Yıldız\n\nKenter \t son\xa0yolculuğuna   uğurlandı  "

    assert text.teaser(messy, limit=200) == "Yıldız Kenter son yolculuğuna uğurlandı"


def test_teaser_of_empty_text_is_empty():
    assert text.teaser("   ", limit=10) == ""


def test_turkish_upper_gives_dotted_capital_i():
    assert text.upper("istanbul", "tr") == "İSTANBUL"
    assert text.upper("ılık", "tr") == "ILIK"


def test_turkish_lower_gives_dotless_i_for_capital_i():
    assert text.lower("ILIK", "tr") == "ılık"
    assert text.lower("İSTANBUL", "tr") == "istanbul"


def test_turkish_lower_of_mixed_capitals():
    assert text.lower("BİLİM & TEKNİK", "tr") == "bilim & teknik"
    assert text.lower("DIŞ", "tr-TR") == "dış"


def test_german_upper_and_lower_follow_root_rules():
    assert text.upper("istanbul", "de") == "ISTANBUL"
    assert text.lower("INTEGRATION", "de") == "integration"


def test_german_lower_of_dotted_capital_i_leaves_no_combining_dot():
    result = text.lower("İSTANBUL", "de")

    assert result == "istanbul"
    assert "\u0307" not in result


@pytest.mark.parametrize(
    ("title", "language", "expected"),
    [
        (
            "Yıldız Kenter son yolculuğuna uğurlandı",
            "tr",
            "yildiz-kenter-son-yolculuguna-ugurlandi",
        ),
        ("Çay bahçesinde çaylar semaverden", "tr", "cay-bahcesinde-caylar-semaverden"),
        (
            "Yapay kalp cerrahı Dr. Dilek Gürsoy’a Alman Tıp Ödülü verildi",
            "tr",
            "yapay-kalp-cerrahi-dr-dilek-gursoya-alman-tip-odulu-verildi",
        ),
        ("MAGAZİN& KÜLTÜR", "tr", "magazin-kultur"),
        ("Ein starkes Signal für Integration", "de", "ein-starkes-signal-fuer-integration"),
        ("Straße der Vielfalt", "de", "strasse-der-vielfalt"),
        ("Köstlichkeiten aus Köln", "de", "koestlichkeiten-aus-koeln"),
    ],
)
def test_slug_keeps_every_letter_of_seed_titles(title, language, expected):
    assert text.slug(title, language) == expected


def test_slug_spells_umlauts_out_in_german_but_not_in_turkish():
    assert text.slug("Müller für Gürsoy", "de") == "mueller-fuer-guersoy"
    assert text.slug("Müller für Gürsoy", "tr") == "muller-fur-gursoy"


@pytest.mark.parametrize("apostrophe", ["’", "'"])
def test_slug_drops_both_apostrophes_before_turkish_suffixes(apostrophe):
    assert text.slug(f"Duisburg{apostrophe}un Hamborn semtinde", "tr") == (
        "duisburgun-hamborn-semtinde"
    )


def test_normalize_apostrophes_makes_typographic_and_plain_apostrophes_equal():
    assert text.normalize_apostrophes("Duisburg’un") == text.normalize_apostrophes("Duisburg'un")
