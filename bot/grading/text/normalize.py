"""Reads free text into tokens: cleaned, expanded, stemmed, with sentence, clause and negation structure.

The same reader serves answers and the pack's own wording, so both sides of every comparison are
spelt the same way: lowercase, American spelling, chat abbreviations expanded, acronym expansions
collapsed ("JSON Web Token" -> "jwt"), contractions split ("doesn't" -> "does not"), stemmed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from bot.grading.text.asides import find_asides, rejoin_clauses
from bot.grading.text.clean import clean
from bot.grading.text.lexicon import CLAUSE_WORDS, FUNCTION_WORDS
from bot.grading.text.negation import negation_scopes
from bot.grading.text.tokens import CLAUSE, CLOSE, LINE, LINK, OPEN, SENTENCE, STEMS, scan

DUMP_FUNCTION_SHARE = 0.2
DUMP_MIN_ITEMS = 2
DUMP_ITEM_WORDS = 2.5

# Boundary codes, weakest to strongest, and what each adds to a word's numbers
# (sentence, clause, item, segment, line): a clause word, a link, a clause mark, a sentence end, a line end.
_CLAUSE_WORD, _LINK_CODE, _CLAUSE_CODE, _SENTENCE_CODE, _LINE_CODE = 1, 2, 3, 4, 5
_BOUNDARY_CODES = {LINK: _LINK_CODE, CLAUSE: _CLAUSE_CODE, SENTENCE: _SENTENCE_CODE, LINE: _LINE_CODE}
_BOUNDARY_CODES.update({OPEN: _CLAUSE_CODE, CLOSE: _CLAUSE_CODE})
_STEPS = (
    (0, 0, 0, 0, 1, 1),  # sentence
    (0, 1, 0, 1, 1, 1),  # clause
    (0, 0, 0, 1, 1, 1),  # item
    (0, 1, 1, 1, 1, 1),  # segment: where a negation's scope ends
    (0, 0, 0, 0, 0, 1),  # line
)
# The same steps as byte translation tables, so a text's boundary codes map to steps in one C call.
_STEP_TABLES = tuple(bytes(table).ljust(256, b"\x00") for table in _STEPS)


@dataclass(frozen=True, slots=True)
class Analysis:
    """An answer read into tokens; every tuple has one entry per token.

    ``negator`` is the index of the negation cue whose scope covers the token, or -1;
    ``soft_negator`` also counts verbs like "avoid" and "prevent" (used for misconceptions).
    ``item`` numbers the comma-separated items (what a keyword list is made of); ``labels`` are the
    words right before a colon, dash or "=" ("A: all or nothing"); ``aside`` holds the words of asides
    ("The client, like a browser, sends"), whose clause reads on after them; ``example`` those of
    asides that give examples ("e.g. sending emails"), which illustrate a claim and do not complete
    one; ``purpose`` the negation cues that state what something prevents ("so nobody can overload
    it"): soft cues that also read as "prevent".
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
    aside: frozenset[int] = frozenset()
    example: frozenset[int] = frozenset()
    purpose: frozenset[int] = frozenset()

    def __len__(self) -> int:
        return len(self.stems)


def analyse(text: str) -> Analysis:
    """Read ``text`` (any length, any characters) into an ``Analysis``."""
    sequence = scan(clean(text))
    words, kinds, labels, marks = _read_boundaries(sequence)
    # Each numbering (sentence, clause, item, segment, line) is the running sum of the steps its
    # boundaries add; ``bytes.translate`` maps every code to its step in one pass (see _STEP_TABLES).
    sentences, clauses, items, segments, lines = (
        tuple(accumulate(kinds.translate(table))) for table in _STEP_TABLES
    )
    negator, soft_negator, purpose = negation_scopes(words, segments)
    asides = find_asides(words, marks) if OPEN in sequence or CLAUSE in sequence else []
    inside = frozenset(k for (start, end), _, _ in asides for k in range(start, end))
    example = frozenset(k for (start, end), _, given in asides if given for k in range(start, end))
    if asides:
        clauses = tuple(rejoin_clauses(list(clauses), asides))
        items = tuple(rejoin_clauses(list(items), asides))
    return Analysis(
        words=tuple(words),
        stems=tuple(map(STEMS.__getitem__, words)),
        sentence=sentences,
        clause=clauses,
        item=items,
        negator=tuple(negator),
        soft_negator=tuple(soft_negator),
        is_dump=not labels
        and LINK not in sequence
        and _is_keyword_list(words, lines if lines and lines[-1] else items, inside),
        labels=frozenset(labels),
        aside=inside,
        example=example,
        purpose=frozenset(purpose),
    )


def _read_boundaries(sequence: list[str]) -> tuple[list[str], bytearray, list[int], dict[int, str]]:
    """The words of a scanned text, and what its boundary markers say about them: per word, the
    strongest boundary code since the previous word (a clause word's own code where there is none;
    0 for the first word); the words right before a colon, dash or "=" that follows a word directly
    (labels); and per word after boundaries, their characters."""
    words: list[str] = []
    kinds = bytearray()
    pending = _CLAUSE_WORD  # the first word opens the first clause (its numbers stay 0)
    labels: list[int] = []
    marks: dict[int, str] = {}
    mark = ""
    codes = _BOUNDARY_CODES.get
    for entry in sequence:
        code = codes(entry)
        if code is not None:  # a boundary marker, not a word
            if code > pending:
                pending = code
            mark += entry[1]
            if code == _LINK_CODE and words and pending == _LINK_CODE:
                labels.append(len(words) - 1)
            continue
        if mark:
            marks[len(words)] = mark
            mark = ""
        if pending:
            kinds.append(pending if words else 0)
            pending = 0
        else:
            kinds.append(_CLAUSE_WORD if entry in CLAUSE_WORDS else 0)
        words.append(entry)
    return words, kinds, labels, marks


def _is_keyword_list(words: list[str], numbers: Sequence[int], inside: frozenset[int]) -> bool:
    """Whether the text is a bare list of terms: items (lines, else comma-separated parts) of a word or
    two, hardly any function words ("REST, GraphQL, over-fetching, schema"), not notes that say
    something about each item.  A list only because of its asides is not one ("Queues (RabbitMQ,
    Kafka) decouple services" is a sentence with an aside)."""
    if not _looks_like_list(words, numbers):
        return False
    if inside and len(inside) < len(words):
        outside = [k for k in range(len(words)) if k not in inside]
        return _looks_like_list([words[k] for k in outside], [numbers[k] for k in outside])
    return True


def _looks_like_list(words: Sequence[str], numbers: Sequence[int]) -> bool:
    """Whether words numbered into items make a bare list of terms."""
    count = len(set(numbers))
    if count < DUMP_MIN_ITEMS:
        return False
    if len(words) / count > DUMP_ITEM_WORDS:
        return False
    return sum(map(FUNCTION_WORDS.__contains__, words)) / len(words) < DUMP_FUNCTION_SHARE
