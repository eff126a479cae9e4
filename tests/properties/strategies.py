"""Text that looks like what Muhabir handles: Turkish and German letters, among any Unicode."""

from hypothesis import strategies as st

TURKISH_LOWER = "abcçdefgğhıijklmnoöprsştuüvyz"
TURKISH_UPPER = "ABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVYZ"
GERMAN = "abcdefghijklmnopqrstuvwxyzäöüßABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜẞ"
PUNCTUATION = " ,.;:!?-–—'’\"„“”«»()\n\t\xa0"
SPECIAL = "İıIiŞşĞğÇçÖöÜüßẞ\u0307\u0301ﬁǅ℡Ⅸ½𝚤"

turkish_words = st.text(alphabet=TURKISH_LOWER + TURKISH_UPPER, min_size=1, max_size=15)
german_words = st.text(alphabet=GERMAN, min_size=1, max_size=20)

# Mostly the letters of the seed's languages, with any Unicode mixed in.
letters = st.text(alphabet=TURKISH_LOWER + TURKISH_UPPER + GERMAN + PUNCTUATION + SPECIAL)
anything = st.one_of(letters, st.text())
languages = st.sampled_from(["tr", "de", "tr-TR", "de_DE", "en", "", None])
