"""Splits cleaned text into lexicon words and boundary markers, with caches for the words that recur.

Contractions are split ("doesn't" -> "does not"), chat abbreviations expanded, spelling Americanised,
multi-word forms collapsed ("JSON Web Token" -> "jwt").  A boundary marker is "\x00" followed by its
character, so the reader (``bot.grading.text.normalize``) and the aside finder see which it was.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain, compress, count

from bot.grading.text.lexicon import ABBREVIATIONS, PHRASES, american
from bot.grading.text.stem import stem

# Boundary markers: "\x00" and the boundary's character (what ``bot.grading.text.asides`` reads).
SENTENCE = "\x00."  # ends a sentence (and a clause and an item)
CLAUSE = "\x00,"  # ends a clause and a list item
OPEN = "\x00("  # an opening bracket: ends a clause, may start an aside
CLOSE = "\x00)"  # a closing bracket
LINK = "\x00:"  # a colon, dash or "=" linking a term to what it means: ends nothing, joins no phrase
LINE = "\x00\n"  # a line break: ends a sentence; the lines of a list are its items
MARKERS = {".": SENTENCE, "!": SENTENCE, "?": SENTENCE, ";": SENTENCE, "\n": LINE, ",": CLAUSE}
MARKERS.update({"|": CLAUSE, **dict.fromkeys("([{", OPEN), **dict.fromkeys(")]}", CLOSE)})

# A run of sentence marks is tried only from its first mark (the look-behind), so a long run that
# is not followed by a space is rejected once, not once per mark (linear, not quadratic, time).
_TOKEN_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|(?<![.!?])[.!?]+(?=\s|$)|[;\n,()\[\]{}|:=]|->")
_CONTRACTION_ENDINGS = ("'s", "'re", "'ve", "'ll", "'d", "'m")
_IRREGULAR_NEGATIONS = {"can't": ("can", "not"), "won't": ("will", "not"), "ain't": ("is", "not")}
_PHRASES_BY_FIRST: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
for _form, _replacement in sorted(PHRASES.items(), key=lambda entry: -len(entry[0])):
    _PHRASES_BY_FIRST.setdefault(_form[0], []).append((_form, _replacement))
_PHRASE_FIRSTS = frozenset(_PHRASES_BY_FIRST)


@lru_cache(maxsize=65536)
def _split_word(word: str) -> tuple[str, ...]:
    """A raw word as lexicon words: contractions split, abbreviations expanded, spelling Americanised."""
    if "'" in word:
        if word in _IRREGULAR_NEGATIONS:
            return _IRREGULAR_NEGATIONS[word]
        if word.endswith("n't"):
            return (word[:-3], "not") if len(word) > 3 else ("not",)
        for ending in _CONTRACTION_ENDINGS:
            if word.endswith(ending):
                word = word[: -len(ending)]
                break
        else:
            word = word.replace("'", "")
        if not word:
            return ()
    expanded = ABBREVIATIONS.get(word)
    if expanded is not None:
        return expanded
    return (american(word),)


_CACHE_LIMIT = 100_000
_CACHED_CHUNK_CHARS = 40


class _Readings(dict[str, tuple[str, ...]]):
    """Chunk of text between spaces -> its words and markers; a missing chunk is read on lookup."""

    def __missing__(self, chunk: str) -> tuple[str, ...]:
        return _chunk_reading(chunk)


class _Stems(dict[str, str]):
    """Word -> its stem; a missing word is stemmed and remembered (all forgotten past a limit)."""

    def __missing__(self, word: str) -> str:
        if len(self) >= _CACHE_LIMIT:
            self.clear()
        result = self[word] = stem(word)
        return result


class _TokenReadings(dict[str, tuple[str, ...]]):
    """Token -> its words or marker; a missing token is read and remembered (forgotten past a limit)."""

    def __missing__(self, token: str) -> tuple[str, ...]:
        if len(self) >= _CACHE_LIMIT:
            self.clear()
        result = self[token] = _reading(token)
        return result


_READINGS = _Readings()
_TOKEN_READINGS = _TokenReadings()
STEMS = _Stems()


def _reading(token: str) -> tuple[str, ...]:
    """A token of the text as lexicon words, or as a one-element boundary marker."""
    if token[0].isalnum():
        return _split_word(token)
    if token[0] == "." and len(token) > 1 and not token.strip("."):
        return ()  # an ellipsis ("do... while") is a pause, not the end of a sentence
    return (MARKERS.get(token[0], LINK),)


def _chunk_reading(chunk: str) -> tuple[str, ...]:
    """The words and markers of a run of text without whitespace ("service,"), cached when short.

    No token spans whitespace, and a token's look-ahead for a following space or the end of the
    text sees the same at a chunk's end, so reading chunk by chunk reads the text token by token.
    """
    readings = _TOKEN_READINGS
    result = tuple(chain.from_iterable(map(readings.__getitem__, _TOKEN_RE.findall(chunk))))
    if len(chunk) <= _CACHED_CHUNK_CHARS:
        if len(_READINGS) >= _CACHE_LIMIT:
            _READINGS.clear()
        _READINGS[chunk] = result
    return result


def scan(text: str) -> list[str]:
    """Words and boundary markers, in order, with multi-word forms collapsed."""
    read = _READINGS.__getitem__  # a chunk's reading is cached: most chunks recur
    first, *lines = text.split("\n")
    raw = list(chain.from_iterable(map(read, first.split())))
    for line in lines:
        raw.append(LINE)
        if line:  # an empty line is only its break
            raw.extend(chain.from_iterable(map(read, line.split())))
    if _PHRASE_FIRSTS.isdisjoint(raw):  # the common case: no word can start a multi-word form
        return raw
    starts = list(compress(count(), map(_PHRASE_FIRSTS.__contains__, raw)))
    return _collapse_phrases(raw, starts)


def _collapse_phrases(raw: list[str], starts: list[int]) -> list[str]:
    """Replace known multi-word forms (acronym expansions, split spellings) by their canonical words."""
    out: list[str] = []
    done = 0
    for i in starts:
        if i < done:
            continue
        for form, replacement in _PHRASES_BY_FIRST[raw[i]]:
            if tuple(raw[i : i + len(form)]) == form:
                out.extend(raw[done:i])
                out.extend(replacement)
                done = i + len(form)
                break
    out.extend(raw[done:])
    return out
