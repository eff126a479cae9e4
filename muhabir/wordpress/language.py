"""Which language a post is in, when the export does not say."""

from __future__ import annotations

from functools import cache

from lingua import Language, LanguageDetectorBuilder

# More than the two we publish in, so an English post is recognised as English and
# skipped instead of being forced into Turkish or German.
CANDIDATES = {
    Language.TURKISH: "tr",
    Language.GERMAN: "de",
    Language.ENGLISH: "en",
    Language.FRENCH: "fr",
    Language.ARABIC: "ar",
    Language.ITALIAN: "it",
    Language.SPANISH: "es",
    Language.DUTCH: "nl",
    Language.POLISH: "pl",
    Language.RUSSIAN: "ru",
}
# Below this many letters a guess is no better than the site's main language.
MIN_LETTERS = 20
MIN_CONFIDENCE = 0.5
SAMPLE_CHARACTERS = 600


@cache
def _detector():
    return LanguageDetectorBuilder.from_languages(*CANDIDATES).build()


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or None when too short or unclear."""
    sample = text[:SAMPLE_CHARACTERS]
    if sum(character.isalpha() for character in sample) < MIN_LETTERS:
        return None
    values = _detector().compute_language_confidence_values(sample)
    if not values or values[0].value < MIN_CONFIDENCE:
        return None
    return CANDIDATES.get(values[0].language)
