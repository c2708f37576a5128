"""The sides of a comparison prompt ("difference between X and Y", "X vs Y") for plain key points.

A plain key point whose text names one side (and not the other) is about that side, so an answer
that says its claim of the other side (swapped definitions) does not state it.  A side is named by
the first word of its phrase that the other phrase does not share ("a local in-process cache" and
"a distributed cache": "local" and "distributed"), with the lexicon's other names for it ("sql":
"relational", "rdbms").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from content.derive import MIN_WILDCARD_STEM, content_words
from content.lexicon import crude_stem, load_lexicon

_TWO = r"(.+?)\s+(?:and|vs\.?|versus|with|to|over|or)\s+(.+?)"
_END = r"(?:\?|\.|,|;|:|$| and (?:when|why|how|what|which)\b)"
_SIDES = re.compile(
    r"(?:differences? between|trade-?offs? between|compare|comparing|contrast)\s+"
    + _TWO
    + _END
    + r"|^(?:how (?:does|do|is|are)\s+)?(.+?)\s+(?:differ from|vs\.?|versus|compared (?:to|with))\s+"
    r"(.+?)"
    + _END
    + r"|^what is (?:a |an )?(.+?), and how is it different from (?:a |an )?(.+?)"
    + _END
    + r"|^what (?:are|is)\s+(\w+)\s+and\s+(\w+)\s*(?:\?|$|, and )"
    + r"|\bchoose\s+(.+?)\s+(?:over|and when|or|instead of)\s+(.+?)"
    + _END,
    re.I,
)
_GENERIC_SIDE_TEXT = (
    "architecture architectures database databases approach approaches api apis linux method methods "
    "pattern patterns strategy strategies model models system systems service services each purposes "
    "purpose properties uses benefits costs"
)
GENERIC_SIDE_WORDS = frozenset(_GENERIC_SIDE_TEXT.split())
MAX_SIDE_WORDS = 4


def prompt_sides(prompt: str) -> list[tuple[str, tuple[str, ...]]]:
    """The two sides a comparison prompt names ("difference between X and Y", "X vs Y"), with synonyms."""
    match = _SIDES.search(prompt.strip())
    if match is None:
        return []
    first, second = (g for g in match.groups() if g)
    phrases = [_side_words(first), _side_words(second)]
    if not all(phrases) or any(len(words) > MAX_SIDE_WORDS for words in phrases):
        return []
    sides = []
    for words, other in ((phrases[0], phrases[1]), (phrases[1], phrases[0])):
        shared = {crude_stem(w) for w in other}
        if len(other) == 1 and len(words) > 1:  # "optimistic and pessimistic locking": "locking" is both's
            shared.add(crude_stem(words[-1]))
        own = [w for w in words if crude_stem(w) not in shared and w not in GENERIC_SIDE_WORDS]
        if not own:
            return []
        sides.append((own[0], _side_synonyms(own[0])))
    return sides if sides[0][0] != sides[1][0] else []


def _side_words(phrase: str) -> list[str]:
    """The content words of a side's phrase, without examples in parentheses or after "such as"."""
    phrase = re.sub(r"\([^()]*\)|\b(?:such as|like|e\.g\.)\b.*$", " ", phrase, flags=re.I)
    return content_words(phrase.replace("-", " "))


def _side_synonyms(word: str) -> tuple[str, ...]:
    """A side's name, a wildcard of its start (so "monolithic" also finds "monolith"), and the
    lexicon set headed by that word."""
    stem = crude_stem(word)
    names = [word]
    if len(stem) >= 8:
        names.append(stem[: max(MIN_WILDCARD_STEM, len(stem) - 2)] + "*")
    names += load_lexicon().names(word)
    return tuple(dict.fromkeys(names))


def point_side(text: str, sides: Sequence[tuple[str, tuple[str, ...]]]) -> str:
    """The one side a key point's text speaks of (empty when it names none or both)."""
    named = {name for word in content_words(text) for name, synonyms in sides if _names(word, synonyms)}
    return named.pop() if len(named) == 1 else ""


def _names(word: str, synonyms: tuple[str, ...]) -> bool:
    """Whether ``word`` is one of a side's synonyms (a trailing ``*`` a prefix)."""
    stem = crude_stem(word)
    return any(word.startswith(s[:-1]) if s.endswith("*") else stem == crude_stem(s) for s in synonyms)
