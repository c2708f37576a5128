"""Derives what counts for a plain key point (only its ``text``) from that sentence and the lexicon.

The result is in the grader's own format (``concepts`` / ``alternatives``: synonym groups of
alternatives, ``*`` a prefix wildcard), so the grader stays unchanged.  A plain point becomes:

- one *unit* per content word of its text (or per lexicon phrase in it, such as "load balancer"),
  without function words and without the prompt's own vocabulary (repeating the prompt proves
  nothing);
- each unit a synonym group: the word, a prefix wildcard of its stem for inflections, and every
  lexicon set it belongs to;
- concept sets: every combination of about half of the units (``needed_units``), so a paraphrase
  may drop words of the author's sentence but must say much of it in one sentence; the examples
  in parentheses or after "e.g." make one more unit that can stand in for any other.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from content.lexicon import Lexicon, crude_stem, load_lexicon

Group = tuple[str, ...]

MAX_UNITS = 6
MIN_WILDCARD_STEM = 5
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

# Words that say nothing about the idea itself: grammar, hedges, and the pack author's framing.
_STOP_TEXT = """
    a an the and or but nor so yet if then than that this these those there here it its it's they them
    their theirs we our you your he she his her i me my is are was were be been being am do does did
    doing done have has had having can could will would shall should may might must of to in on at by
    for with from into onto over under about as per via e g eg i.e ie etc such like also too very
    just only even more most less least much many some any all each every other another own same both
    either neither not no usually often typically generally mostly always sometimes which who whom
    whose what when where why how while whereas because since though although up down out off again
    one two get gets got make makes made way ways thing things something kind sort
    mean means meant use used uses using went go goes say says said whether instead away enable enables
    improve improves allow allows let lets several concrete traditionally typically needed need needs
    everything anything carries carry able bonus purpose trade off tradeoff well meaning meanings
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
# A negation cue: the words after it, to the end of the clause, are a contrast, not what counts.
NEGATION = re.compile(
    r"\b(?:no|not|never|without|instead of|rather than|(?:do|does|did|is|are|can|could|was|were)n't|cannot)\b"
    r"[^,;.()]*",
    re.I,
)
_SEGMENT = re.compile(r";|\s[-–—]\s")


@dataclass(frozen=True)
class Derived:
    """The concept sets derived for one plain key point, and the units they were built from."""

    units: tuple[Group, ...]
    alternatives: tuple[tuple[Group, ...], ...]


_EXAMPLES = re.compile(
    r"\(([^()]*)\)|\b(?:e\.?g\.?|i\.?e\.?|such as|for example|usually|like)\s+([^;()]*)", re.I
)
_SLASHED = re.compile(r"\b([a-z0-9]+(?:/[a-z0-9]+)+)\b", re.I)


def content_words(text: str) -> list[str]:
    """The lowercase words of ``text`` that carry meaning (no function words, no lone letters)."""
    words = _WORD.findall(text.lower().replace("/", " "))
    return [w for w in words if w not in STOP_WORDS and (len(w) > 1 or w.isdigit())]


def prompt_stems(prompt: str) -> frozenset[str]:
    """The crude stems of the prompt's content words: a key point's word among them never counts."""
    return frozenset(crude_stem(word) for word in content_words(prompt))


NEEDED = (0, 1, 2, 2, 3, 3, 3)  # by unit count; from seven on, half of them (rounded up)


def needed_units(count: int) -> int:
    """How many of a point's units an answer must say together: all of up to two, then about half."""
    return NEEDED[count] if count < len(NEEDED) else -(-count // 2)


def derive(text: str, prompt: str, lexicon: Lexicon | None = None) -> Derived:
    """The synonym groups of a plain key point, as concept sets the grader understands.

    Words in parentheses or after "e.g."/"such as" are examples: together they make one unit, which
    can stand in for one of the main units.  Words joined by slashes ("HTTP/gRPC") are one unit.
    Words after a negation ("instead of storing sessions") are a contrast and left out.  A part of the
    text between semicolons or dashes with two units or more also counts on its own.
    """
    lexicon = lexicon if lexicon is not None else load_lexicon()
    skip = prompt_stems(prompt)
    main, examples = _split_examples(text)
    main = NEGATION.sub(" ; ", main)
    units = _units(main, skip, lexicon)
    if not units and not examples:  # every word is in the prompt: the text's own words, as a last resort
        units = _units(main, frozenset(), lexicon)
    units = _disjoint(units[:MAX_UNITS])
    needed = needed_units(len(units))
    example_unit = _merged(examples, skip | {crude_stem(w) for unit in units for w in unit}, lexicon)
    if example_unit:  # one more unit that may stand in for any other
        units.append(example_unit)
        needed = max(1, needed)
    alternatives = list(itertools.combinations(units, needed)) if units else []
    for segment in _SEGMENT.split(main) if _SEGMENT.search(main) else ():
        part = _units(segment, skip, lexicon)[:MAX_UNITS]
        if len(part) >= 2:
            alternatives += itertools.combinations(part, needed_units(len(part)))
    return Derived(tuple(units), tuple(dict.fromkeys(alternatives)))


def _disjoint(units: list[Group]) -> list[Group]:
    """The units with each synonym kept only in the first unit that has it, so no word counts twice."""
    taken: list[str] = []
    result: list[Group] = []
    for unit in units:
        own = tuple(entry for entry in unit if not any(_overlap(entry, other) for other in taken))
        result.append(own or unit[:1])
        taken += unit
    return result


def _overlap(entry: str, other: str) -> bool:
    """Whether two synonyms can match the same word (equal stems, or one a prefix wildcard of the other)."""
    a, b = entry.lower(), other.lower()
    if a.endswith("*") and b.rstrip("*").startswith(a[:-1]):
        return True
    if b.endswith("*") and a.rstrip("*").startswith(b[:-1]):
        return True
    return crude_stem(a) == crude_stem(b)


def _split_examples(text: str) -> tuple[str, list[str]]:
    """The text without its examples, and the example words."""
    examples: list[str] = []

    def take(match: re.Match[str]) -> str:
        examples.extend(content_words(match.group(1) or match.group(2) or ""))
        return " ; "

    main = _EXAMPLES.sub(take, text)
    return main, examples


def _units(text: str, skip: frozenset[str], lexicon: Lexicon) -> list[Group]:
    """One synonym group per lexicon phrase, slashed alternatives or content word, in order, no repeats."""
    units: list[Group] = []
    seen: set[str] = set()
    for chunk in _SLASHED.split(text):
        if _SLASHED.fullmatch(chunk):
            group = _merged(chunk.split("/"), skip | seen, lexicon)
            if group:
                units.append(group)
                seen.update(crude_stem(w) for w in chunk.lower().split("/"))
            continue
        words = _WORD.findall(chunk.lower())
        i = 0
        while i < len(words):
            length, phrase_set = lexicon.phrase_at(words, i)
            if phrase_set is None and not content_words(words[i]):
                i += 1
                continue
            stems = [crude_stem(w) for w in words[i : i + length] if content_words(w)] or [words[i]]
            i += length
            if all(s in skip for s in stems) or any(s in seen for s in stems):
                continue
            group = phrase_set if phrase_set is not None else _word_group(words[i - 1], lexicon)
            seen.update(stems)
            seen.update(crude_stem(entry) for entry in group if " " not in entry and "*" not in entry)
            units.append(group)
    return units


def _merged(words: Sequence[str], skip: frozenset[str] | set[str], lexicon: Lexicon) -> Group:
    """One group of several words (examples, slashed alternatives) and all their synonyms."""
    group: list[str] = []
    for word in content_words(" ".join(words)):
        if crude_stem(word) not in skip:
            group += _word_group(word, lexicon)
    return tuple(dict.fromkeys(group))


def _word_group(word: str, lexicon: Lexicon) -> Group:
    """A word, its stem as a wildcard when long enough, and its lexicon synonyms."""
    group = [word]
    stem = crude_stem(word)
    if len(stem) >= MIN_WILDCARD_STEM and not word.isdigit():
        group.append(stem + "*")
    group += lexicon.synonyms(word)
    return tuple(dict.fromkeys(group))
