"""Parsing what readers type: words, "phrases", -exclusions; nothing is ever an error."""

from __future__ import annotations

from muhabir.search.query import MAX_QUERY_LENGTH, MAX_WORDS, parse


def test_words_phrases_and_exclusions():
    parsed = parse('kenter "Yıldız Kenter" -tiyatro -"son yolculuk"')
    assert parsed.words == ["kenter"]
    assert parsed.phrases == [["Yıldız", "Kenter"]]
    assert parsed.excluded == ["tiyatro"]
    assert parsed.excluded_phrases == [["son", "yolculuk"]]


def test_typographic_quotes_make_phrases():
    assert parse("„Ein starkes Signal“").phrases == [["Ein", "starkes", "Signal"]]
    assert parse("“Yıldız Kenter”").phrases == [["Yıldız", "Kenter"]]


def test_an_unbalanced_quote_reads_as_plain_words():
    parsed = parse('kenter "yıldız tiyatro')
    assert parsed.words == ["kenter", "yıldız", "tiyatro"]
    assert parsed.phrases == []


def test_operators_of_the_query_languages_are_dropped():
    parsed = parse('& | ! : * ( ) " NEAR/2 kültür* AND (festival)')
    assert parsed.words == ["NEAR", "2", "kültür", "AND", "festival"]


def test_only_punctuation_is_an_empty_query():
    assert parse("?!.,;:-–—()[]{}").is_empty
    assert parse("").is_empty
    assert parse(None).is_empty
    assert parse("-kenter").is_empty


def test_hyphenated_words_are_a_phrase():
    assert parse("KOMM-AN").phrases == [["KOMM", "AN"]]


def test_long_queries_are_cut():
    parsed = parse("kültür " * 1000)
    assert len(parsed.words) <= MAX_WORDS
    assert sum(len(word) + 1 for word in parsed.words) <= MAX_QUERY_LENGTH + 1
