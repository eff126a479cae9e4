"""Snippets with the matched words marked, computed from the analyser on both databases.

A word is marked when its analysed form is one the query matches in that language, so
"kultur" marks "Kültür" and "Duisburg" marks "Duisburg’un". Text is escaped piece by
piece; only the <mark> tags are markup.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from muhabir.core import text as text_helpers
from muhabir.core.text_analysis import LanguageQuery, words

SNIPPET_WORDS = 32
ELLIPSIS = "…"
# A snippet is cut from the start of a long text when a match is found there; analysing
# every word of ten long articles per results page cost more than the query itself.
SNIPPET_SCAN_CHARS = 4000


def _matches(value: str, query: LanguageQuery) -> list[tuple[int, int, bool]]:
    return [(match.start(), match.end(), query.marks(match.group())) for match in words(value)]


def _render(value: str, spans: list[tuple[int, int, bool]], start: int, end: int) -> str:
    parts, cursor = [], start
    for begin, finish, marked in spans:
        if not marked or begin < start or finish > end:
            continue
        parts.append(escape(value[cursor:begin]))
        parts.append(f"<mark>{escape(value[begin:finish])}</mark>")
        cursor = finish
    parts.append(escape(value[cursor:end]))
    return "".join(parts)


def highlight(value: str, query: LanguageQuery) -> SafeString:
    """All of ``value`` with the matched words marked."""
    return mark_safe(_render(value, _matches(value, query), 0, len(value)))  # noqa: S308 - every piece is escaped


def snippet(value: str, query: LanguageQuery, size: int = SNIPPET_WORDS) -> SafeString:
    """About ``size`` words of ``value`` around the most matches, matched words marked."""
    value = text_helpers.squash_whitespace(value)
    head = value[:SNIPPET_SCAN_CHARS]
    spans = _matches(head, query)
    if len(head) < len(value):
        if any(marked for _begin, _end, marked in spans):
            # Cut at a space, so the last word is whole and the ellipsis follows.
            cut = head.rfind(" ")
            value = head[:cut] if cut > 0 else head
            spans = [span for span in spans if span[1] <= len(value)]
        else:
            spans = _matches(value, query)
    if not spans:
        return mark_safe("")
    best_start, best_count, count = 0, -1, 0
    flags = [marked for _begin, _end, marked in spans]
    for index, marked in enumerate(flags):
        count += marked
        if index >= size:
            count -= flags[index - size]
        if count > best_count:
            best_count, best_start = count, max(0, index - size + 1)
    # Start a few words before the first match in the window, so it reads as a sentence.
    first = next((i for i in range(best_start, len(flags)) if flags[i]), best_start)
    best_start = max(0, first - 4)
    last = min(len(spans), best_start + size) - 1
    start = 0 if best_start == 0 else spans[best_start][0]
    end = len(value) if last == len(spans) - 1 else spans[last][1]
    rendered = _render(value, spans, start, end)
    if start > 0:
        rendered = ELLIPSIS + " " + rendered
    if end < len(value):
        rendered += " " + ELLIPSIS
    return mark_safe(rendered)  # noqa: S308 - every piece is escaped
