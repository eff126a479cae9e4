"""Turkish- and German-aware text analysis, the one place where search normalises words.

Both database backends store and query the same terms made here, so they match alike:

- A document is indexed as its *surface terms*: each word with the apostrophe suffix of a
  proper name removed ("Duisburg'un" → "duisburg"), lower-cased by its language's rules
  (I → ı in Turkish), and folded to letters without marks (ş → s, ı → i, ß → ss; in German
  also the spelt-out umlauts ae/oe/ue → a/o/u). Case and diacritics never matter again.
- A query word becomes, for each language, that surface term plus the Snowball stems of the
  word used as *prefixes*: "ekmeklerin" → ekmek*, "Integrationszentrum" →
  integrationszentr*. Turkish and German inflect by suffixes, so the stem of any form is a
  prefix of every other form, and the index need not store stems at all.

Stems are made from the word as typed (marks included) and from its folded form, because
the Turkish stemmer treats "kültürü" and "kulturu" differently; Turkish consonant softening
(kitap/kitabı, dernek/derneği) gets one variant each way.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

import snowballstemmer
from django.conf import settings

from muhabir.core import text

# Snowball's names for the languages a site may run in; others are matched without stems.
STEMMERS = {
    "tr": "turkish",
    "de": "german",
    "en": "english",
    "ar": "arabic",
    "fr": "french",
    "nl": "dutch",
    "it": "italian",
    "es": "spanish",
    "ru": "russian",
}
# Shorter stems than this ("kul" from "kültür") would match too many unrelated words.
MIN_PREFIX = 4
MAX_TERM_LENGTH = 64

_MARK = r"[^\W_]|[\u0300-\u036f]"
WORD = re.compile(rf"(?:{_MARK})+(?:'(?:{_MARK})+)*")

# Letters NFKD does not take apart.
_FOLD = str.maketrans(
    {"ı": "i", "ß": "ss", "ẞ": "ss", "ø": "o", "Ø": "o", "æ": "ae", "œ": "oe", "ł": "l",
     "đ": "d", "ð": "d", "þ": "th", "ħ": "h"}
)  # fmt: skip
# German spells ä/ö/ü as ae/oe/ue without the letters; not after a vowel ("Frauen",
# "neue") nor after q ("Quelle").
_GERMAN_DIGRAPH = re.compile(r"(?<=[bcdfghjklmnprstvwxyz])([aou])e")
# Turkish softens a final p/t/k/ç before a vowel: kitap → kitabı, dernek → derneği.
_SOFTEN = {"p": "b", "t": "d", "k": "g", "c": "c"}
_HARDEN = {"b": "p", "d": "t", "g": "k", "c": "c"}
_VOWELS = set("aeiou")


def base_language(language: str | None) -> str:
    return (language or "").split("-")[0].split("_")[0].lower()


def fold(value: str) -> str:
    """Drop the marks from letters: "şğıçöüß" → "sgicouss"."""
    value = unicodedata.normalize("NFKD", value.translate(_FOLD))
    # Compatibility letters decompose into capitals ("℡" → "TEL") and into letters that
    # need folding themselves ("ℏ" → "ħ", "𝚤" → "ı"): lower-case and fold once more, so
    # that a folded term folds to itself.
    value = value.lower().translate(_FOLD)
    # Only letters and digits survive: "½" becomes "12", never "1⁄2", which the databases'
    # tokenizers would split differently.
    return "".join(char for char in value if char.isalnum())


def strip_suffix(word: str) -> str:
    """Drop a Turkish case suffix after an apostrophe: "İstanbul'da" → "İstanbul".

    A one-letter head is a name like "O'Brien", which keeps its tail.
    """
    head, apostrophe, tail = word.partition("'")
    if not apostrophe:
        return word
    return head if len(head) > 1 else head + tail.replace("'", "")


@functools.lru_cache(maxsize=200_000)
def surface(word: str, language: str) -> str:
    """The indexed form of one word of a text in ``language``."""
    lowered = text.lower(strip_suffix(text.normalize_apostrophes(word)), language)
    folded = fold(lowered)
    if language == "de":
        folded = _GERMAN_DIGRAPH.sub(r"\1", folded)
    return folded[:MAX_TERM_LENGTH]


def words(value: str) -> Iterator[re.Match]:
    """The words of ``value`` with their positions; ’ and ' are one apostrophe."""
    return WORD.finditer(text.normalize_apostrophes(value))


def document_terms(value: str, language: str) -> list[str]:
    """The surface terms of a text, in order (positions matter for phrases)."""
    language = base_language(language)
    return [surface(match.group(), language) for match in words(value)]


@functools.cache
def _stemmer(language: str):
    name = STEMMERS.get(language)
    return snowballstemmer.stemmer(name) if name else None


@functools.lru_cache(maxsize=20_000)
def _stem(word: str, language: str) -> str:
    stemmer = _stemmer(language)
    if stemmer is None:
        return word
    stem = stemmer.stemWord(word)
    # Turkish Snowball appends a vowel to stems ending in d or g ("duisburg" → "duisburgu");
    # as a prefix that would miss the word itself.
    return stem if len(stem) <= len(word) else word


def _german_stem(lowered: str) -> str:
    stem = _stem(lowered, "de")
    # Latin plurals: Zentrum/Zentren, Ministerium/Ministerien, Museum/Museen. Snowball
    # strips "-en" but keeps "-um", so "integrationszentrum" would miss "integrationszentren".
    if stem.endswith("um") and len(stem) >= 7:
        stem = stem[:-2]
    return stem


@functools.lru_cache(maxsize=20_000)
def prefixes(word: str, language: str) -> tuple[str, ...]:
    """Prefixes (stems) that every inflected form of ``word`` starts with, in ``language``."""
    head = strip_suffix(text.normalize_apostrophes(word))
    lowered = text.lower(head, language)
    exact = surface(word, language)
    if len(exact) < 3:
        return ()
    found = {exact}
    if language == "de":
        found.add(_german_stem(lowered))
        found.add(_german_stem(fold(lowered)))
    else:
        found.add(_stem(lowered, language))
        found.add(_stem(exact, language))
    if language == "tr":
        # kitap → kitab*, and back: a folded "dernegi" is derneği, whose stem is dernek.
        for stem in list(found):
            folded = fold(stem)
            if folded and folded[-1] in _SOFTEN:
                found.add(folded[:-1] + _SOFTEN[folded[-1]])
        if len(exact) > 3 and exact[-1] in _VOWELS and exact[-2] in _HARDEN:
            found.add(exact[:-2] + _HARDEN[exact[-2]])
        # Snowball misses the one-vowel case and possessive endings on folded words
        # ("bursu", "gecesi"); without its marks harmony cannot be checked, so strip them.
        if exact[-1] in _VOWELS:
            found.add(exact[:-1])
            if exact[-2:-1] in ("s", "y", "n"):
                found.add(exact[:-2])
    result = set()
    for stem in found:
        folded = fold(stem)
        if language == "de":
            folded = _GERMAN_DIGRAPH.sub(r"\1", folded)
        if len(folded) >= min(MIN_PREFIX, len(exact)):
            result.add(folded[:MAX_TERM_LENGTH])
    # "ekmek*" already covers "ekmekler*".
    minimal = {p for p in result if not any(q != p and p.startswith(q) for q in result)}
    return tuple(sorted(minimal))


def search_languages() -> list[str]:
    """The languages documents are written in: the site's content languages."""
    return [base_language(code) for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


@dataclass(frozen=True)
class TermAlternatives:
    """What one query word matches in documents of one language."""

    exact: str
    prefixes: tuple[str, ...] = ()

    def matches(self, term: str) -> bool:
        return term == self.exact or any(term.startswith(p) for p in self.prefixes)


@dataclass
class LanguageQuery:
    """A parsed query analysed for documents of one language."""

    language: str
    terms: list[TermAlternatives] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)
    excluded: list[TermAlternatives] = field(default_factory=list)
    excluded_phrases: list[list[str]] = field(default_factory=list)
    # Words as written, whether to mark them: a page of results repeats most of its words.
    _marked: dict[str, bool] = field(default_factory=dict, repr=False, compare=False)

    @property
    def is_empty(self) -> bool:
        return not self.terms and not self.phrases

    def marks(self, word: str) -> bool:
        """Whether a word as written in a document of this language is one to mark."""
        marked = self._marked.get(word)
        if marked is None:
            marked = self._marked[word] = self.highlights(surface(word, self.language))
        return marked

    def highlights(self, term: str) -> bool:
        """Whether a document term of this language is one the reader searched for."""
        if any(alternative.matches(term) for alternative in self.terms):
            return True
        return any(term in phrase for phrase in self.phrases)


def alternatives(
    word: str, language: str, borrowed: tuple[str, ...] = ()
) -> TermAlternatives | None:
    """What ``word`` matches in documents of ``language``; ``borrowed``: extra prefixes."""
    exact = surface(word, language)
    if not exact:
        return None
    found = set(prefixes(word, language)) | set(borrowed)
    minimal = {p for p in found if not any(q != p and p.startswith(q) for q in found)}
    return TermAlternatives(exact=exact, prefixes=tuple(sorted(minimal)))
