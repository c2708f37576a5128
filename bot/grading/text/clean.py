"""Cleans raw answer text before it is read: bounded length, plain lowercase text without markup.

Unicode is normalised (accents dropped, typographic quotes made plain), HTML tags and entities and
list markers are removed, and a few written forms are made uniform ("e.g.", "w/o", "4XX", "500s").
"""

from __future__ import annotations

import html
import re
import unicodedata

MAX_CHARS = 12_000

_TAG_RE = re.compile(r"<[^<>]{0,200}>")
_LIST_MARKER_RE = re.compile(r"(?m)^\s*(?:\d{1,2}[.)]|[-*•+>#]+)\s+")
# "e.g", "i.e" (final dot optional), "etc.", "vs.", "approx.", "cf." as whole words.  Each form starts with
# its letter (the word boundary before it is checked behind it) so the search skips to candidate letters.
_ABBREVIATION_RE = re.compile(
    r"(?:e(?<!\w.)(?:\.\s?g\.?|tc\.)|i(?<!\w.)\.\s?e\.?|v(?<!\w.)s\.|a(?<!\w.)pprox\.|c(?<!\w.)f\.)(?=\s|,|$)"
)
_WITH_RE = re.compile(r"\bw/o\b|\bw/(?=\s|[a-z])")
# The digit comes first (a word boundary before it is checked behind it), so the search skips ahead
# to the digits 1-5 instead of trying the pattern at every position.
_STATUS_CLASS_RE = re.compile(r"([1-5])(?<!\w.)(?:(?:xx|\*\*|00s|00's)\b|00\s?(?:-|–|to)\s?\1\d\d\b)")
_ABBREVIATION_HINTS = ("e.g", "e. g", "i.e", "i. e", "etc.", "vs.", "approx.", "cf.")
_STATUS_CLASS_HINTS = ("xx", "**", "00s", "00's", "00-", "00 -", "00 to", "00–")
_DASHES = (" - ", " – ", " — ", " -- ")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": " ", "´": "'", "“": '"', "”": '"', "→": " = ", "⇒": " = "})


def _abbreviation(match: re.Match[str]) -> str:
    """ "e.g." -> " eg ", "etc." -> " etc "."""
    short = match.group()
    if short[1] == ".":  # "e.g", "e. g.", "i.e"
        return " eg " if short[0] == "e" else " ie "
    return f" {short[:-1]} "


def _status_class(match: re.Match[str]) -> str:
    """ "4XX", "4**", "400s", "400-499" -> " 4xx "."""
    return f" {match.group(1)}xx "


def clean(text: str) -> str:
    """Lowercase plain text: bounded length, no markup, no control characters, plain quotes."""
    text = text[:MAX_CHARS]
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    elif "`" in text:
        text = text.translate(_QUOTES)
    if "&" in text:
        text = html.unescape(text)
    if "<" in text:
        text = _TAG_RE.sub(" ", text)
    text = text.lower()
    if "\n" in text or text[:1] in "-*•+>#0123456789 ":
        text = _LIST_MARKER_RE.sub("\n", text)
    if any(form in text for form in _ABBREVIATION_HINTS):
        text = _ABBREVIATION_RE.sub(_abbreviation, text)
    if "w/" in text:
        text = _WITH_RE.sub(lambda m: " without " if m.group().endswith("o") else " with ", text)
    if any(form in text for form in _STATUS_CLASS_HINTS):
        text = _STATUS_CLASS_RE.sub(_status_class, text)
    for dash in _DASHES:  # a spaced dash links a term to its meaning, like a colon
        if dash in text:
            text = text.replace(dash, " : ")
    return text
