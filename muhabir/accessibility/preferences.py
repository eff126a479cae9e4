"""Reader preferences (text size, contrast) kept in the reader's browser.

They live in cookies the reader sets by pressing a control, never in the page's
HTML, so every reader gets the same cacheable page; a tiny per-reader stylesheet
applies them, with or without JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass

TEXT_SIZE_COOKIE = "muhabir_text_size"
CONTRAST_COOKIE = "muhabir_contrast"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60

# Percent of the browser's own font size; the default step is 100 %.
TEXT_SIZES = (87.5, 100, 112.5, 125, 137.5, 150)
DEFAULT_TEXT_SIZE_STEP = TEXT_SIZES.index(100)
CONTRAST_HIGH = "high"

HIGH_CONTRAST_CSS = """:root {
  --paper: #ffffff; --ink: #000000; --ink-soft: #000000; --accent: #0000c8;
  --accent-ink: #ffffff; --rule: #000000; --tint: #ffffff; --badge: #000000;
  --badge-ink: #ffffff; --focus: #c80000;
}
a { text-decoration: underline !important; }
img { filter: contrast(1.1); }
"""


@dataclass(frozen=True)
class Preferences:
    text_size_step: int = DEFAULT_TEXT_SIZE_STEP
    contrast: str = ""

    @property
    def text_size_percent(self) -> float:
        return TEXT_SIZES[self.text_size_step]

    @property
    def high_contrast(self) -> bool:
        return self.contrast == CONTRAST_HIGH


def preferences_from_cookies(cookies) -> Preferences:
    """Read the preferences; anything unreadable falls back to the default."""
    try:
        step = int(cookies.get(TEXT_SIZE_COOKIE, DEFAULT_TEXT_SIZE_STEP))
    except (TypeError, ValueError):
        step = DEFAULT_TEXT_SIZE_STEP
    if not 0 <= step < len(TEXT_SIZES):
        step = DEFAULT_TEXT_SIZE_STEP
    contrast = CONTRAST_HIGH if cookies.get(CONTRAST_COOKIE) == CONTRAST_HIGH else ""
    return Preferences(text_size_step=step, contrast=contrast)


def text_size_step_after(step: int, change: str) -> int:
    """The step after pressing -A ("down"), +A ("up") or reset."""
    if change == "up":
        return min(step + 1, len(TEXT_SIZES) - 1)
    if change == "down":
        return max(step - 1, 0)
    return DEFAULT_TEXT_SIZE_STEP


def preferences_css(preferences: Preferences) -> str:
    """The stylesheet that applies ``preferences``."""
    css = f":root {{ --text-scale: {preferences.text_size_percent / 100:g}; }}\n"
    if preferences.high_contrast:
        css += HIGH_CONTRAST_CSS
    return css
