"""The sides of a comparison prompt ("difference between X and Y", "X vs Y") for plain key points.

A plain key point whose text names one side (and not the other) is about that side, so an answer
that says its claim of the other side (swapped definitions) does not state it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from content.derive import MIN_WILDCARD_STEM, content_words
from content.lexicon import crude_stem

_SIDES = re.compile(
    r"(?:differences? between|compare|comparing)\s+(.+?)\s+(?:and|vs\.?|versus)\s+(.+?)(?:\?|$)"
    r"|^(?:how (?:does|do|is|are)\s+)?(.+?)\s+(?:differ from|vs\.?|versus|compared (?:to|with))\s+"
    r"(.+?)(?:\?|$)"
    r"|^what (?:are|is)\s+(\w+)\s+and\s+(\w+)\s*\??$",
    re.I,
)
_GENERIC_SIDE_TEXT = "architecture architectures database databases approach approaches api apis"
GENERIC_SIDE_WORDS = frozenset(_GENERIC_SIDE_TEXT.split())


def prompt_sides(prompt: str) -> list[tuple[str, tuple[str, ...]]]:
    """The two sides a comparison prompt names ("difference between X and Y", "X vs Y"), with synonyms."""
    match = _SIDES.search(prompt.strip())
    if match is None:
        return []
    first, second = (g for g in match.groups() if g)
    sides = []
    for phrase in (first, second):
        words = [w for w in content_words(phrase) if w not in GENERIC_SIDE_WORDS]
        if not words:
            return []
        sides.append((words[0], _side_synonyms(words[0])))
    return sides if sides[0][0] != sides[1][0] else []


def _side_synonyms(word: str) -> tuple[str, ...]:
    """A side's name and a wildcard of its start, so "monolithic" also finds "monolith"."""
    stem = crude_stem(word)
    if len(stem) < 8:
        return (word,)
    return (word, stem[: max(MIN_WILDCARD_STEM, len(stem) - 2)] + "*")


def point_side(text: str, sides: Sequence[tuple[str, tuple[str, ...]]]) -> str:
    """The one side a key point's text speaks of (empty when it names none or both)."""
    named = {name for word in content_words(text) for name, synonyms in sides if _names(word, synonyms)}
    return named.pop() if len(named) == 1 else ""


def _names(word: str, synonyms: tuple[str, ...]) -> bool:
    """Whether ``word`` is one of a side's synonyms (a trailing ``*`` a prefix)."""
    stem = crude_stem(word)
    return any(word.startswith(s[:-1]) if s.endswith("*") else stem == crude_stem(s) for s in synonyms)
