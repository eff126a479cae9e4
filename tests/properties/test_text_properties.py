"""Teasers, slugs and Turkish casing hold their promises on any text."""

import re
import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from muhabir.core import text
from tests.properties.strategies import (
    TURKISH_LOWER,
    TURKISH_UPPER,
    anything,
    german_words,
    languages,
    turkish_words,
)

SLUG = re.compile(r"[a-z0-9_-]*")
TEASER_TRIM = " ,;:-–—"


@given(anything, st.integers(min_value=1, max_value=300))
@example("Yıldız Kenter son yolculuğuna uğurlandı", 12)
@example("Donaudampfschifffahrtsgesellschaftskapitän", 10)
def test_teaser_is_a_word_boundary_prefix_of_the_text_within_the_limit(value, limit):
    normalised = text.squash_whitespace(unicodedata.normalize("NFC", value))

    result = text.teaser(value, limit)

    if len(normalised) <= limit:
        assert result == normalised
        return
    assert result.endswith(text.ELLIPSIS)
    kept = result[: -len(text.ELLIPSIS)]
    assert len(kept) <= limit
    assert normalised.startswith(kept)
    if " " in normalised[1 : limit + 1]:
        # Cut at a space: what follows the kept words is the space or trimmed punctuation.
        assert normalised[len(kept)] in TEASER_TRIM
    else:
        assert kept == normalised[:limit].rstrip(TEASER_TRIM)


@given(anything)
def test_teaser_never_keeps_runs_of_whitespace(value):
    result = text.teaser(value, 40)

    assert "  " not in result
    assert result == result.strip()
    assert not re.search(r"\s", result.replace(" ", ""))


@given(anything, languages)
@example("Straße in Köln’ün", "de")
@example("İ\u0307", "de")
def test_slug_is_ascii_lowercase_and_stable(value, language):
    result = text.slug(value, language)

    assert SLUG.fullmatch(result)
    assert len(result) <= 255
    assert not result.startswith("-") and not result.endswith("-")
    assert text.slug(result, language) == result


@given(turkish_words, languages)
def test_slug_keeps_every_turkish_and_german_letter(word, language):
    # Folding never drops a letter: each one becomes at least one ASCII letter.
    assert len(text.slug(word, language)) >= len(word)


@given(st.text(alphabet=TURKISH_LOWER + " ", max_size=40))
def test_turkish_upper_then_lower_gives_back_lowercase_turkish(value):
    assert text.lower(text.upper(value, "tr"), "tr") == value


@given(st.text(alphabet=TURKISH_UPPER + " ", max_size=40))
def test_turkish_lower_then_upper_gives_back_uppercase_turkish(value):
    assert text.upper(text.lower(value, "tr"), "tr") == value


@given(anything)
def test_turkish_casing_never_leaves_the_wrong_i(value):
    assert not set(text.upper(value, "tr")) & {"i", "ı"}
    assert not set(text.lower(value, "tr")) & {"I", "İ"}


@given(anything, languages)
@example("İSTANBUL", "de")
@example("İ", None)
def test_lower_keeps_the_length_and_leaves_no_combining_dot(value, language):
    result = text.lower(value, language)

    assert len(result) == len(value)
    if "\u0307" not in value:
        assert "\u0307" not in result


@given(german_words)
def test_german_casing_matches_python_for_german_letters(word):
    # Outside Turkish, İ and ı are the only letters that differ from str methods.
    assert text.lower(word, "de") == word.lower()
    assert text.upper(word, "de") == word.upper()


@given(anything)
@example("Duisburg’un")
def test_apostrophes_normalise_once_and_for_all(value):
    once = text.normalize_apostrophes(value)

    assert text.normalize_apostrophes(once) == once
    assert "’" not in once
    assert len(once) == len(value)
