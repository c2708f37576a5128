"""The parts of the grader that must take linear time give the same answers as the plain definitions.

The shortest span holding a pattern's groups is a sliding window with a running maximum; the first
token of a token's clause is remembered as it is found.  Both are checked here against the direct
computation on many small random cases, and the whole grader against answers that say one word over
and over (each of these took time quadratic in the repetitions once).
"""

from __future__ import annotations

import random

import pytest

from benchmarks.grading_speed import own_word_runs
from bot.grading import compiled, grade
from bot.grading.index import AnswerIndex
from bot.grading.match import _tightest
from bot.grading.text.normalize import analyse
from content import ContentBank

CASES = 2000


def _shortest(found: list[tuple[int, int, int, bool]], needed: int) -> int | None:
    """The length of the shortest span over any run of the start-ordered occurrences that holds
    ``needed`` groups and a word not from the prompt: every run tried."""
    ordered = sorted(found)
    lengths = [
        max(o[1] for o in ordered[i : j + 1]) - ordered[i][0]
        for i in range(len(ordered))
        for j in range(i, len(ordered))
        if len({o[2] for o in ordered[i : j + 1]}) >= needed and not all(o[3] for o in ordered[i : j + 1])
    ]
    return min(lengths) if lengths else None


def test_the_tightest_span_is_the_shortest_of_all() -> None:
    """Random occurrences (some long, some from the prompt): the same shortest length as trying all."""
    rng = random.Random(10)
    for _ in range(CASES):
        found = []
        for _ in range(rng.randrange(1, 12)):
            start = rng.randrange(30)
            found.append((start, start + rng.choice((1, 1, 2, 3, 6)), rng.randrange(3), rng.random() < 0.3))
        needed = rng.randrange(1, 4)
        best = _tightest(found, needed, window=1000)
        expected = _shortest(found, needed)
        assert (None if best is None else best[1] - best[0]) == expected, (found, needed)


def test_sides_do_not_depend_on_the_order_they_are_asked_in(bank: ContentBank) -> None:
    """Each token's side, strictly and leniently, asked first to last or last to first."""
    question = bank.get("rest-vs-graphql")
    answer = (
        "REST has many endpoints, then the client calls each one and it over-fetches data, "
        "while GraphQL, after the schema is defined, then exposes one endpoint and the client "
        "asks for exactly the fields it needs, so nothing is over-fetched."
    )
    analysis = analyse(answer)
    for strict in (True, False):
        forward = AnswerIndex(compiled(question), analysis)
        backward = AnswerIndex(compiled(question), analysis)
        tokens = range(len(analysis))
        sides = [forward.side(i, strict) for i in tokens]
        assert [backward.side(i, strict) for i in reversed(tokens)] == sides[::-1]


@pytest.mark.parametrize("question_id", ["mutex-vs-semaphore", "access-vs-refresh-tokens", "jwt"])
def test_a_word_said_over_and_over_is_graded_the_same_whatever_the_cache(
    bank: ContentBank, question_id: str
) -> None:
    """A question's own words said over and over (the benchmark's runs): the same grade with the
    question's word cache warm or empty."""
    question = bank.get(question_id)
    for answer in own_word_runs(question):
        warm = grade(question, answer)
        compiled(question).word_keys.clear()
        assert grade(question, answer) == warm
