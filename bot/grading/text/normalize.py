"""Reads free text into tokens: cleaned, expanded, stemmed, with sentence, clause and negation structure.

The same reader serves answers and the pack's own wording, so both sides of every comparison are
spelt the same way: lowercase, American spelling, chat abbreviations expanded, acronym expansions
collapsed ("JSON Web Token" -> "jwt"), contractions split ("doesn't" -> "does not"), stemmed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from bot.grading.text.clean import clean
from bot.grading.text.lexicon import ABBREVIATIONS, CLAUSE_WORDS, FUNCTION_WORDS, PHRASES, american
from bot.grading.text.negation import negation_scopes
from bot.grading.text.stem import stem

DUMP_FUNCTION_SHARE = 0.2
DUMP_MIN_ITEMS = 2
DUMP_ITEM_WORDS = 2.5

_SENTENCE = "\x00s"  # ends a sentence (and a clause and an item)
_CLAUSE = "\x00c"  # ends a clause and a list item
_LINK = "\x00k"  # a colon, dash or "=" linking a term to what it means: ends nothing, joins no phrase
_LINE = "\x00n"  # a line break: ends a sentence; the lines of a list are its items
_MARKERS = {".": _SENTENCE, "!": _SENTENCE, "?": _SENTENCE, ";": _SENTENCE, "\n": _LINE}
_MARKERS.update(dict.fromkeys(",()[]{}|", _CLAUSE))
# Boundary codes, weakest to strongest, and what each adds to a word's numbers
# (sentence, clause, item, segment, line): a clause word, a link, a clause mark, a sentence end, a line end.
_CLAUSE_WORD, _LINK_CODE, _CLAUSE_CODE, _SENTENCE_CODE, _LINE_CODE = 1, 2, 3, 4, 5
_BOUNDARY_CODES = {_LINK: _LINK_CODE, _CLAUSE: _CLAUSE_CODE, _SENTENCE: _SENTENCE_CODE, _LINE: _LINE_CODE}
_STEPS = (
    (0, 0, 0, 0, 1, 1),  # sentence
    (0, 1, 0, 1, 1, 1),  # clause
    (0, 0, 0, 1, 1, 1),  # item
    (0, 1, 1, 1, 1, 1),  # segment: where a negation's scope ends
    (0, 0, 0, 0, 0, 1),  # line
)
# The same steps as byte translation tables, so a text's boundary codes map to steps in one C call.
_STEP_TABLES = tuple(bytes(table).ljust(256, b"\x00") for table in _STEPS)

_TOKEN_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[.!?]+(?=\s|$)|[;\n,()\[\]{}|:=]|->")
_CONTRACTION_ENDINGS = ("'s", "'re", "'ve", "'ll", "'d", "'m")
_IRREGULAR_NEGATIONS = {"can't": ("can", "not"), "won't": ("will", "not"), "ain't": ("is", "not")}
_PHRASES_BY_FIRST: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
for _form, _replacement in sorted(PHRASES.items(), key=lambda entry: -len(entry[0])):
    _PHRASES_BY_FIRST.setdefault(_form[0], []).append((_form, _replacement))


@dataclass(frozen=True, slots=True)
class Analysis:
    """An answer read into tokens; every tuple has one entry per token.

    ``negator`` is the index of the negation cue whose scope covers the token, or -1;
    ``soft_negator`` also counts verbs like "avoid" and "prevent" (used for misconceptions).
    ``item`` numbers the comma-separated items (what a keyword list is made of); ``labels`` are the
    words right before a colon, dash or "=" ("A: all or nothing").
    """

    words: tuple[str, ...]
    stems: tuple[str, ...]
    sentence: tuple[int, ...]
    clause: tuple[int, ...]
    item: tuple[int, ...]
    negator: tuple[int, ...]
    soft_negator: tuple[int, ...]
    is_dump: bool
    labels: frozenset[int] = frozenset()

    def __len__(self) -> int:
        return len(self.stems)


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


_READINGS = _Readings()
_STEMS = _Stems()


def _reading(token: str) -> tuple[str, ...]:
    """A token of the text as lexicon words, or as a one-element boundary marker."""
    return _split_word(token) if token[0].isalnum() else (_MARKERS.get(token[0], _LINK),)


def _chunk_reading(chunk: str) -> tuple[str, ...]:
    """The words and markers of a run of text without whitespace ("service,"), cached when short.

    No token spans whitespace, and a token's look-ahead for a following space or the end of the
    text sees the same at a chunk's end, so reading chunk by chunk reads the text token by token.
    """
    result = tuple(word for token in _TOKEN_RE.findall(chunk) for word in _reading(token))
    if len(chunk) <= _CACHED_CHUNK_CHARS:
        if len(_READINGS) >= _CACHE_LIMIT:
            _READINGS.clear()
        _READINGS[chunk] = result
    return result


def _scan(text: str) -> list[str]:
    """Words and boundary markers, in order, with multi-word forms collapsed."""
    raw: list[str] = []
    for number, line in enumerate(text.split("\n")):
        if number:
            raw.append(_LINE)
        for chunk in line.split():
            raw.extend(_READINGS[chunk])  # a chunk's reading is cached: most chunks recur
    starts = [i for i, word in enumerate(raw) if word in _PHRASES_BY_FIRST]
    return _collapse_phrases(raw, starts) if starts else raw


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


def analyse(text: str) -> Analysis:
    """Read ``text`` (any length, any characters) into an ``Analysis``."""
    sequence = _scan(clean(text))
    words: list[str] = []
    kinds = bytearray()  # per word: the strongest boundary code since the previous word
    pending = _CLAUSE_WORD  # the first word opens the first clause (its numbers stay 0)
    labels: list[int] = []
    for entry in sequence:
        if entry[0] == "\x00":  # a boundary marker, not a word
            pending = max(pending, _BOUNDARY_CODES[entry])
            if entry is _LINK and words and pending <= _LINK_CODE:
                labels.append(len(words) - 1)
            continue
        if pending:
            kinds.append(pending if words else 0)
            pending = 0
        else:
            kinds.append(_CLAUSE_WORD if entry in CLAUSE_WORDS else 0)
        words.append(entry)
    # Each numbering (sentence, clause, item, segment, line) is the running sum of the steps its
    # boundaries add; ``bytes.translate`` maps every code to its step in one pass (see _STEP_TABLES).
    sentences, clauses, items, segments, lines = (
        tuple(accumulate(kinds.translate(table))) for table in _STEP_TABLES
    )
    negator, soft_negator = negation_scopes(words, segments)
    return Analysis(
        words=tuple(words),
        stems=tuple(_STEMS[word] for word in words),
        sentence=sentences,
        clause=clauses,
        item=items,
        negator=tuple(negator),
        soft_negator=tuple(soft_negator),
        is_dump=not labels
        and _LINK not in sequence
        and _is_keyword_list(words, lines if lines and lines[-1] else items),
        labels=frozenset(labels),
    )


def _is_keyword_list(words: list[str], items: Sequence[int]) -> bool:
    """Whether the text is a bare list of terms: items (lines, else comma-separated parts) of a word or
    two, hardly any function words ("REST, GraphQL, over-fetching, schema"), not notes that say
    something about each item."""
    count = len(set(items))
    if count < DUMP_MIN_ITEMS:
        return False
    if len(words) / count > DUMP_ITEM_WORDS:
        return False
    return sum(1 for word in words if word in FUNCTION_WORDS) / len(words) < DUMP_FUNCTION_SHARE
