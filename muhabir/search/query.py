"""Reader queries: words, "phrases in quotes" and -excluded words, never an error.

Whatever is typed (1,000 characters, only punctuation, unbalanced quotes, the operators of
FTS5 or tsquery, SQL) ends up as a list of words; everything else is dropped. The
expressions handed to the databases are built from analysed terms, which contain only
letters and digits, and are passed as parameters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from muhabir.core import text
from muhabir.core.text_analysis import (
    WORD,
    LanguageQuery,
    alternatives,
    base_language,
    prefixes,
    search_languages,
    surface,
)

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
MAX_EXCLUDED = 6
BORROWED_PREFIX = 8

_JOINED = re.compile(r"\w+(?:[-‐‑–]\w+)+", re.UNICODE)
_QUOTES = str.maketrans({"„": '"', "“": '"', "”": '"', "«": '"', "»": '"', "‟": '"'})
# A quoted stretch (closed or running to the end), or a run of other characters.
_TOKEN = re.compile(r'(?P<neg>-?)"(?P<quoted>[^"]*)(?P<close>"?)|(?P<plain>[^\s"]+)')


@dataclass
class ParsedQuery:
    """The reader's query as words, before language analysis."""

    words: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    excluded_phrases: list[list[str]] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.words and not self.phrases

    def for_language(self, language: str) -> LanguageQuery:
        language = base_language(language)
        query = LanguageQuery(language=language)
        for word in self.words:
            found = alternatives(word, language, borrowed=self._borrowed(word, language))
            if found is not None and found not in query.terms:
                query.terms.append(found)
        for phrase in self.phrases:
            terms = [surface(word, language) for word in phrase]
            if all(terms):
                query.phrases.append(terms)
        for word in self.excluded:
            found = alternatives(word, language)
            if found is not None:
                query.excluded.append(found)
        for phrase in self.excluded_phrases:
            terms = [surface(word, language) for word in phrase]
            if all(terms):
                query.excluded_phrases.append(terms)
        return query

    @staticmethod
    def _borrowed(word: str, language: str) -> tuple[str, ...]:
        # Texts quote words of the other language ("Kommunales Integrationszentrum" in a
        # Turkish story): long stems of the other languages apply too; short ones ("kent"
        # from German "Kenter") would match unrelated native words.
        return tuple(
            prefix
            for other in search_languages()
            if other != language
            for prefix in prefixes(word, other)
            if len(prefix) >= BORROWED_PREFIX
        )

    def by_language(self) -> dict[str, LanguageQuery]:
        return {language: self.for_language(language) for language in search_languages()}


def parse(raw: str | None) -> ParsedQuery:
    """Split what the reader typed into words, phrases and exclusions."""
    value = unicodedata.normalize("NFC", raw or "")[:MAX_QUERY_LENGTH]
    value = text.normalize_apostrophes(value.translate(_QUOTES))
    parsed = ParsedQuery()
    count = 0
    for token in _TOKEN.finditer(value):
        if token.group("plain") is not None:
            plain = token.group("plain")
            negated = plain.startswith("-") and len(plain) > 1
            found = [match.group() for match in WORD.finditer(plain)]
            if negated:
                parsed.excluded.extend(found[: MAX_EXCLUDED - len(parsed.excluded)])
                continue
            found = found[: MAX_WORDS - count]
            if len(found) > 1 and _JOINED.fullmatch(plain):
                # "KOMM-AN", "Bochum-Wattenscheid": words joined by hyphens belong together.
                parsed.phrases.append(found)
            else:
                parsed.words.extend(found)
            count += len(found)
            continue
        found = [match.group() for match in WORD.finditer(token.group("quoted"))]
        if not found:
            continue
        if not token.group("close"):
            # An unbalanced quote was most likely not meant as a phrase: plain words.
            found = found[: MAX_WORDS - count]
            parsed.words.extend(found)
            count += len(found)
            continue
        if token.group("neg"):
            if len(parsed.excluded_phrases) < MAX_EXCLUDED:
                parsed.excluded_phrases.append(found[:MAX_WORDS])
            continue
        found = found[: MAX_WORDS - count]
        if found:
            parsed.phrases.append(found)
            count += len(found)
    return parsed
