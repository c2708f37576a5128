"""Cleans raw answer text before it is read: bounded length, plain lowercase text without markup.

Unicode is normalised (accents dropped, typographic quotes made plain), HTML tags and entities and
list markers are removed, and a few written forms are made uniform ("e.g.", "w/o", "4XX", "500s",
"!=" as "is not", "10%" as "10 percent", "no-store" as one word, "&" as "and", camel-case names such
as "orderId" as words).
"""

from __future__ import annotations

import html
import re
import unicodedata
from itertools import pairwise

from bot.grading.text.tables import flatten_tables

MAX_CHARS = 12_000

_TAG_RE = re.compile(r"<[^<>]{0,200}>")
# Spaces before a marker are ``[ \t]*``, not ``\s*``: ``\s`` would run over every later line break at
# each line start, which takes time quadratic in a run of empty lines.
_LIST_MARKER_RE = re.compile(r"(?m)^[ \t]*(?:\d{1,2}[.)]|[-*•+>#]+)[ \t]+")
# "e.g", "i.e" (final dot optional), "etc.", "vs.", "approx.", "cf." as whole words.  Each form starts with
# its letter (the word boundary before it is checked behind it) so the search skips to candidate letters.
_ABBREVIATION_RE = re.compile(
    r"(?:e(?<!\w.)(?:\.\s?g\.?|tc\.)|i(?<!\w.)\.\s?e\.?|v(?<!\w.)s\.|a(?<!\w.)pprox\.|c(?<!\w.)f\.)(?=\s|,|$)"
)
# A line that ends with a colon labels the next non-empty line.  A run of empty lines is taken in
# one match, so the time stays linear.
_LABEL_LINE_RE = re.compile(r":[ \t]*\n(?:[ \t]*\n)*(?=[ \t]*[^\s:])")
_WITH_RE = re.compile(r"\bw/o\b|\bw/(?=\s|[a-z])")
# The digit comes first (a word boundary before it is checked behind it), so the search skips ahead
# to the digits 1-5 instead of trying the pattern at every position.
_STATUS_CLASS_RE = re.compile(r"([1-5])(?<!\w.)(?:(?:xx|\*\*|00s|00's)\b|00\s?(?:-|–|to)\s?\1\d\d\b)")
_ABBREVIATION_HINTS = ("e.g", "e. g", "i.e", "i. e", "etc.", "vs.", "approx.", "cf.")
_STATUS_CLASS_HINTS = ("xx", "**", "00s", "00's", "00-", "00 -", "00 to", "00–")
_DASHES = (" - ", " – ", " — ", " -- ")
_DASH_RE = re.compile(r" (?:-|–|—|--) ")
_SENTENCE_END_RE = re.compile(r"[.!?;:\n]")
_DASH_ASIDE_WORDS = 8
# An identifier in camel case that starts lowercase ("orderId", "maxReceiveCount"); words like
# "GraphQL" or "JavaScript" start uppercase and are left alone.  The quantifiers are possessive
# (``*+``, ``++``): giving letters back can never make a match, so the search never backtracks into
# an ordinary word.
_CAMEL_RE = re.compile(r"\b[a-z][a-z0-9]*+(?:[A-Z][a-z0-9]++)++\b")
_CAMEL_BREAK_RE = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
# "no-store", "no-cache", "no-op": a hyphenated "no" names a thing ("nostore"), it denies nothing;
# "no-one" is "nobody" and stays a cue.
_NO_COMPOUND_RE = re.compile(r"\bno-(?!one\b)(?=[a-z])")
# A line at least this long that breaks mid-sentence (it ends in a letter, digit, comma, bracket or a
# word's hyphen, and the next line starts lowercase or with a bracket) was wrapped by an editor, not
# ended: the break is read as a space (after a hyphen, as nothing: "data-\ncenter" is "data-center").
WRAP_WIDTH = 40
_NOT_EQUAL_RE = re.compile(r"!==?|=/=|≠")
_PERCENT_RE = re.compile(r"(\d)\s?%")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": " ", "´": "'", "“": '"', "”": '"', "→": " = ", "⇒": " = "})


def _split_camel(match: re.Match[str]) -> str:
    """ "lastAccess" -> "last Access": an identifier written in camel case, as its words."""
    return _CAMEL_BREAK_RE.sub(" ", match.group())


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
        text = html.unescape(text).replace("&", " and ")
    if "<" in text:
        text = _TAG_RE.sub(" ", text)
    if not text.islower() and not text.isupper():
        text = _CAMEL_RE.sub(_split_camel, text)  # "lastAccess", "orderId": code names are words
    if "\n" in text:
        text = _unwrap(text)
    text = text.lower()
    if "=" in text or "≠" in text:
        text = _NOT_EQUAL_RE.sub(" is not ", text)  # "deploy != release"
    if "%" in text:
        text = _PERCENT_RE.sub(r"\1 percent ", text)
    if "\t" in text or "|" in text:
        text = flatten_tables(text)
    if "\n" in text or text[:1] in "-*•+>#0123456789 ":
        text = _LIST_MARKER_RE.sub("\n", text)
    if ":\n" in text or ": \n" in text:
        text = _LABEL_LINE_RE.sub(": ", text)  # "Structure:\n\nHeader.Payload.Signature" is one statement
    if any(form in text for form in _ABBREVIATION_HINTS):
        text = _ABBREVIATION_RE.sub(_abbreviation, text)
    if "no-" in text:
        text = _NO_COMPOUND_RE.sub("no", text)
    if "w/" in text:
        text = _WITH_RE.sub(lambda m: " without " if m.group().endswith("o") else " with ", text)
    if any(form in text for form in _STATUS_CLASS_HINTS):
        text = _STATUS_CLASS_RE.sub(_status_class, text)
    if any(dash in text for dash in _DASHES):
        text = _dashes(text)
    return text


def _unwrap(text: str) -> str:
    """Join the lines of a hard-wrapped paragraph ("...the server\nkeeps no session") into one, leaving
    list items, table rows and lines that end a sentence as they are."""
    lines = text.split("\n")
    if max(map(len, lines)) < WRAP_WIDTH:  # no line long enough to have been wrapped (a list, a table)
        return text
    joined = [lines[0]]
    for previous, line in pairwise(lines):
        start = line.lstrip()[:1]
        last = previous[-1:]
        if (
            len(previous) >= WRAP_WIDTH
            and (start.islower() or start == "(")
            and (last.isalnum() or last in ",)" or (last == "-" and previous[-2].isalpha()))
            and "\t" not in previous
            and "|" not in previous
            and not _LIST_MARKER_RE.match(line)
        ):
            joined.append(line.strip() if last == "-" else " " + line.strip())
        else:
            joined.append("\n" + line)
    return "".join(joined)


def _dashes(text: str) -> str:
    """Spaced dashes: a pair around a few words of one sentence is an aside (read as a parenthesis,
    "the client – a browser – sends"); a single one links a term to its meaning, like a colon."""
    parts = _DASH_RE.split(text)
    out = [parts[0]]
    i = 1
    while i < len(parts):
        middle = parts[i]
        if (
            i + 1 < len(parts)
            and len(middle.split()) <= _DASH_ASIDE_WORDS
            and not _SENTENCE_END_RE.search(middle)
        ):
            out += [" (", middle, ") ", parts[i + 1]]
            i += 2
        else:
            out += [" : ", middle]
            i += 1
    return "".join(out)
