"""Finds asides in an answer: words set off inside a claim that must not break the claim around them.

"The client, like a browser, sends a request": the aside ", like a browser," is an example, and the
claim "the client sends a request" reads on across it.  An aside is a parenthesis ("Message queues
(RabbitMQ, Kafka, SQS) decouple services"; a pair of spaced dashes arrives here as one), a comma
part opened by an example word ("like", "such as", "e.g.", "i.e.", "for example", "including"), or a
short appositive opened by "a"/"an" between two commas ("the client, a browser or app, sends").
Each search looks at most ``MAX_ASIDE_WORDS`` ahead, so the work is linear in the answer's length.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

MAX_ASIDE_WORDS = 12
MAX_APPOSITIVE_WORDS = 6
OPEN, CLOSE, COMMA = "(", ")", ","
OPENERS = frozenset(
    ("like", "eg", "ie", "including", "incl", "especially", "namely", "say", "notably", "usually")
)
TWO_WORD_OPENERS = frozenset({("such", "as"), ("for", "example"), ("for", "instance"), ("that", "is")})
APPOSITIVE_OPENERS = frozenset(("a", "an"))
NOT_AFTER_APPOSITIVE = frozenset(("and", "or", "but", "then", "so", "which", "while", "whereas"))
Span = tuple[int, int]
_MAY_OPEN = OPENERS | {first for first, _ in TWO_WORD_OPENERS} | APPOSITIVE_OPENERS


def _opens_example(words: Sequence[str], i: int) -> bool:
    """Whether word ``i`` starts an example or a restatement ("like", "such as", "e.g.")."""
    if words[i] in OPENERS:
        return True
    return i + 1 < len(words) and (words[i], words[i + 1]) in TWO_WORD_OPENERS


def _close(marks: Mapping[int, str], n: int, start: int, wanted: str, reach: int) -> int:
    """The first word after ``start`` (within ``reach``) whose marks hold a boundary, if it is
    ``wanted`` (or the text ends there); -1 when none is found, or another boundary comes first."""
    end = min(n, start + 1 + reach)
    for j in range(start + 1, end):
        mark = marks.get(j)
        if not mark:
            continue
        ends = "." in mark or "\n" in mark
        if wanted == CLOSE and CLOSE not in mark and not ends:
            if OPEN in mark:
                return -1  # no nesting: an unclosed bracket is not an aside
            continue  # commas inside a parenthesis belong to it
        return j if wanted in mark or ends else -1
    return n if end == n else -1


Aside = tuple[Span, bool, bool]  # words, whether the claim reads on after it, whether it gives examples


def find_asides(words: Sequence[str], marks: Mapping[int, str]) -> list[Aside]:
    """Each aside's word span, whether the claim around it reads on after it (the aside closes and
    its sentence goes on), and whether it opens with an example word ("e.g.", "like", "such as").
    ``marks[i]`` holds the boundary characters right before word ``i`` (for a word with any)."""
    asides: list[Aside] = []
    n = len(words)
    after = 0  # the end of the last aside found: asides do not overlap
    # In order, the words that can open an aside: after a bracket, or after a comma when the word
    # may open one ("a"/"an" only with no boundary right after it).  The common case, a comma before
    # an ordinary word, never reaches the loop.
    openers = [
        i
        for i, mark in marks.items()
        if OPEN in mark
        or (
            mark == COMMA
            and words[i] in _MAY_OPEN
            and (words[i] not in APPOSITIVE_OPENERS or (i + 1 < n and (i + 1) not in marks))
        )
    ]
    for i in openers:
        if i < max(1, after):
            continue
        if OPEN in marks[i]:
            end = _close(marks, n, i, CLOSE, MAX_ASIDE_WORDS)
            example = end > i and _opens_example(words, i)
        elif _opens_example(words, i):  # after a comma: the openers hold no other mark
            end, example = _close(marks, n, i, COMMA, MAX_ASIDE_WORDS), True
        elif words[i] in APPOSITIVE_OPENERS:  # with no boundary right after it (see the openers)
            end, example = _close(marks, n, i, COMMA, MAX_APPOSITIVE_WORDS), False
            if end >= n or end < i + 2 or marks.get(end) != COMMA or words[end] in NOT_AFTER_APPOSITIVE:
                end = -1  # an appositive sits between two commas, followed by more of its clause
        else:
            continue
        if end > i:
            reads_on = end < n and marks.get(end) in (CLOSE, COMMA) and words[end] not in NOT_AFTER_APPOSITIVE
            asides.append(((i, end), reads_on, example))
            after = end
    return asides


def rejoin_clauses(clause: list[int], asides: list[Aside]) -> list[int]:
    """Clause numbers with the words after each aside (to their clause's end) put back into the
    clause before the aside, so the claim reads as one clause; the aside keeps its own numbers."""
    for (start, end), reads_on, _ in asides:
        if not reads_on or start == 0:
            continue
        resumed, outer = clause[end], clause[start - 1]
        k = end
        while k < len(clause) and clause[k] == resumed:
            clause[k] = outer
            k += 1
    return clause
