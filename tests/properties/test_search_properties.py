"""The search analyser and query parser take anything a reader types, and stay consistent."""

from hypothesis import example, given
from hypothesis import strategies as st

from muhabir.core import text_analysis
from muhabir.search import query
from tests.properties.strategies import anything, german_words, turkish_words

SEARCH_LANGUAGES = st.sampled_from(["tr", "de"])


@given(anything)
@example("𝚤")
@example("ℏ")
def test_fold_leaves_only_letters_and_digits_and_is_stable(value):
    folded = text_analysis.fold(value)

    assert all(char.isalnum() for char in folded)
    assert text_analysis.fold(folded) == folded


@given(anything, SEARCH_LANGUAGES)
@example("℡", "tr")
@example("Ⅸ", "de")
@example("İSTANBUL’DA", "tr")
def test_surface_terms_are_lowercase_folded_and_stable(word, language):
    term = text_analysis.surface(word, language)

    assert len(term) <= text_analysis.MAX_TERM_LENGTH
    assert term == term.lower()
    assert all(char.isalnum() for char in term)
    assert text_analysis.surface(term, language) == term


@given(turkish_words)
def test_turkish_surface_ignores_case_and_marks(word):
    upper = text_analysis.surface(word.replace("i", "İ").replace("ı", "I").upper(), "tr")

    assert text_analysis.surface(word, "tr") == upper
    assert text_analysis.surface(text_analysis.fold(word.lower()), "tr") == text_analysis.surface(
        word, "tr"
    )


# Syllables of a consonant and a vowel: the spelt-out umlaut is folded after a consonant
# only, since "ae" after a vowel ("Frauen") or q ("Quelle") is no umlaut.
german_syllables = st.lists(
    st.tuples(st.sampled_from("bcdfghklmnprstwzBDFGKMST"), st.sampled_from("aouäöüÄÖÜ")),
    min_size=1,
    max_size=6,
).map(lambda pairs: "".join(consonant + vowel for consonant, vowel in pairs))


@given(german_syllables)
@example("Küche")
def test_german_spelt_out_umlauts_match_the_letters(word):
    spelt = word.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    spelt = spelt.replace("Ä", "Ae").replace("Ö", "Oe").replace("Ü", "Ue")

    assert text_analysis.surface(spelt, "de") == text_analysis.surface(word, "de")


@given(anything, SEARCH_LANGUAGES)
def test_document_terms_are_index_safe(value, language):
    for term in text_analysis.document_terms(value, language):
        assert term == "" or term.isalnum()
        assert len(term) <= text_analysis.MAX_TERM_LENGTH


@given(st.one_of(turkish_words, german_words), SEARCH_LANGUAGES)
def test_a_word_matches_its_own_document_term(word, language):
    found = text_analysis.alternatives(word, language)
    terms = text_analysis.document_terms(word, language)

    if found is not None:
        assert all(found.matches(term) for term in terms if term)
        assert all(len(prefix) >= 1 and prefix.isalnum() for prefix in found.prefixes)


@given(anything)
@example('"Kommunales Integrationszentrum -Köln "yarım')
@example('-"" KOMM-AN')
def test_query_parser_never_fails_and_respects_its_limits(raw):
    parsed = query.parse(raw)

    assert len(parsed.words) + sum(map(len, parsed.phrases)) <= query.MAX_WORDS
    assert len(parsed.excluded) <= query.MAX_EXCLUDED
    assert len(parsed.excluded_phrases) <= query.MAX_EXCLUDED
    phrase_words = [word for phrase in parsed.phrases for word in phrase]
    for word in [*parsed.words, *parsed.excluded, *phrase_words]:
        assert text_analysis.WORD.fullmatch(word)
    for language in ("tr", "de"):
        analysed = parsed.for_language(language)
        for alternative in [*analysed.terms, *analysed.excluded]:
            assert alternative.exact.isalnum()
            assert all(prefix.isalnum() for prefix in alternative.prefixes)


@given(anything)
def test_query_words_parse_back_to_themselves(raw):
    words = query.parse(raw).words

    assert query.parse(" ".join(words)).words == words


@given(st.lists(st.one_of(turkish_words, german_words), min_size=1, max_size=5))
def test_a_quoted_phrase_is_one_phrase(words):
    parsed = query.parse('"' + " ".join(words) + '"')

    assert parsed.phrases == [words]
    assert parsed.words == []
