"""Negation scope: which words of an answer lie under a "not", "no", "never", "without", "instead of".

A cue covers the following words of its clause (cut at colons and dashes too), at most
``NEGATION_REACH`` of them; "non" covers only the next word.  "not only" affirms, "rather" negates
only in "rather than", and a "not" inside what a checking verb checks ("the server verifies it was
not tampered with") describes the check instead of denying the sentence.  A cue inside another's
scope is just a negated word ("non-blocking" blocks nothing).  Soft cues ("avoid", "prevent") are
counted separately: they keep a misconception from being endorsed but are part of many key points.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from itertools import compress, count, pairwise

from bot.grading.text.lexicon import (
    AUXILIARIES,
    COMPLEMENT_VERBS,
    FUNCTION_WORDS,
    NEGATION_CANCELLERS,
    NEGATION_CUES,
    SOFT_NEGATION_CUES,
)

NEGATION_REACH = 8
COMPLEMENT_REACH = 5
_ALL_CUES = NEGATION_CUES | SOFT_NEGATION_CUES
OBJECT_CUES = frozenset(("no", "nothing", "none"))  # after a verb, they deny the verb too
PURPOSE_REACH = 8
MODALS = frozenset(["can", "could", "will", "would", "may", "might"])
PURPOSE_MARKERS = frozenset(["ensure", "ensures", "ensuring", "lest"])
_PURPOSE_OPENERS = frozenset(("so", "in", "make", "making", "such", "ensure", "ensures", "ensuring", "lest"))
PURPOSE_PAIRS = frozenset(
    {("so", "that"), ("in", "order"), ("make", "sure"), ("making", "sure"), ("such", "that")}
)


def is_cue(words: list[str], segments: Sequence[int], i: int) -> bool:
    """Whether ``words[i]`` (a word of either cue list) really negates what follows."""
    word = words[i]
    following = words[i + 1] if i + 1 < len(words) else ""
    if word == "not":
        if following in NEGATION_CANCELLERS:
            return False
        if i > 0 and words[i - 1] in AUXILIARIES:
            for j in range(max(0, i - COMPLEMENT_REACH), i - 1):
                if words[j] in COMPLEMENT_VERBS and segments[j] == segments[i]:
                    return False
    return not (word == "rather" and following != "than")


def is_purpose(words: list[str], segments: Sequence[int], i: int) -> bool:
    """Whether the cue at ``i`` states a purpose, not a denial: "so one user can't overload the API",
    "so that nobody can", "to make sure no one": a clause opened by "so" with a modal right before
    "not" (or a "nobody"-like cue), or any cue after "so that", "in order", "ensure" or "make sure"."""
    # the clause's first word, at most PURPOSE_REACH back (segment numbers never decrease)
    start = max(bisect_left(segments, segments[i], 0, i), i - PURPOSE_REACH)
    before = words[start:i]
    if any(word in PURPOSE_MARKERS for word in before) or any(
        pair in PURPOSE_PAIRS for pair in pairwise(before)
    ):
        return True
    if words[start] != "so":
        return False
    if words[i] == "not":
        return i > 0 and words[i - 1] in MODALS
    return words[i] in OBJECT_CUES or words[i] in ("nobody", "never")


def negation_scopes(words: list[str], segments: Sequence[int]) -> tuple[list[int], list[int], list[int]]:
    """For each word, the index of the cue whose scope covers it (-1 for none): hard cues only, and
    hard and soft cues together; and the cues that state a purpose ("so nobody can overload it"),
    which read as soft cues: the thing prevented is the point, not denied."""
    every = list(compress(count(), map(_ALL_CUES.__contains__, words)))
    hard_cues = [i for i in every if words[i] in NEGATION_CUES]
    purpose = (
        [i for i in hard_cues if is_purpose(words, segments, i)]
        if hard_cues and not _PURPOSE_OPENERS.isdisjoint(words)
        else []
    )
    if purpose:
        stated = set(purpose)  # a set: a list here made a run of cues take quadratic time
        hard_cues = [i for i in hard_cues if i not in stated]
    hard = _scopes(words, segments, hard_cues)
    if len(hard_cues) == len(every):  # no soft cue: both readings are the same
        return hard, hard, purpose
    return hard, _scopes(words, segments, every), purpose


def _scopes(words: list[str], segments: Sequence[int], positions: list[int]) -> list[int]:
    """Negation scopes of the cues at ``positions``; "stores nothing", "keeps no state" deny the verb."""
    negator = [-1] * len(words)
    if not positions:
        return negator
    for i in positions:
        previous_counts = i > 0 and segments[i - 1] == segments[i] and words[i - 1] not in FUNCTION_WORDS
        if words[i] in OBJECT_CUES and previous_counts:
            negator[i - 1] = i
    covered_until = -1  # a cue inside an earlier cue's scope is just a negated word
    for i in positions:
        if i <= covered_until or not is_cue(words, segments, i):
            continue
        reach = 1 if words[i] == "non" else NEGATION_REACH
        end = min(len(words), i + 1 + reach)
        k = i + 1
        while k < end and segments[k] == segments[i]:
            negator[k] = i
            k += 1
        covered_until = k - 1
    return negator
