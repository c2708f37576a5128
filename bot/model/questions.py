"""The question model the core works with: questions, their key points and misconceptions."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Difficulty(StrEnum):
    """How hard a question is for a mid-level backend engineer."""

    EASY = "easy"
    MEDIUM = "medium"
    HARD = "hard"


@dataclass(frozen=True)
class KeyPoint:
    """One idea an interviewer must hear in a good answer.

    ``concepts`` is a list of synonym groups: the point is stated when every group has at least
    one alternative present in the same clause, and that clause is not negated.  ``phrasings`` are
    whole paraphrases of the point, matched fuzzily.  ``required`` points decide ``correct``;
    optional points add credit only.

    ``alternatives`` are further concept sets, each enough on its own; ``at_least`` is how many of
    the point's concept sets and phrasings must be found (2 for "at least two techniques").
    ``subject`` names one of the question's ``subjects``: the point only counts when its claim is
    said of that side of a comparison.  Denying a ``central`` point makes the whole answer wrong;
    denying another one is a notable error.  ``nudge`` is a short question pointing at the idea.
    ``window`` (tokens, 0 = the grader's default) bounds how far apart the words may be.
    ``opposites`` are concept sets of the contrary claim: an answer that denies one of them states
    the point ("the sender does not wait" states that a queue decouples services).
    ``follow_up`` is the question a follow-up asks when the point was missed ("You didn't say what an
    index costs. What does it slow down?").
    """

    id: str
    text: str
    concepts: tuple[tuple[str, ...], ...] = ()
    phrasings: tuple[str, ...] = ()
    weight: float = 1.0
    required: bool = True
    alternatives: tuple[tuple[tuple[str, ...], ...], ...] = ()
    at_least: int = 1
    subject: str = ""
    central: bool = False
    nudge: str = ""
    window: int = 0
    opposites: tuple[tuple[tuple[str, ...], ...], ...] = ()
    follow_up: str = ""


@dataclass(frozen=True)
class Misconception:
    """A claim an interviewer would stop and correct, detected like a key point.

    ``central`` misconceptions (swapped or inverted definitions) make the answer wrong; others are
    a notable error that caps an otherwise complete answer at partial.  ``alternatives``,
    ``subject`` and ``window`` work as for ``KeyPoint``; a misconception is looked for within one
    clause, so "fast reads but slow writes" does not claim fast writes (or, when it has a
    ``window``, within that many tokens of one sentence).
    """

    id: str
    text: str
    concepts: tuple[tuple[str, ...], ...] = ()
    phrasings: tuple[str, ...] = ()
    central: bool = True
    alternatives: tuple[tuple[tuple[str, ...], ...], ...] = ()
    subject: str = ""
    window: int = 0


@dataclass(frozen=True)
class Question:
    """A question of a content pack, with everything needed to ask, hint and grade it.

    ``subjects`` names the sides of a comparison with their synonyms, e.g.
    ``(("authn", ("authentication", "authn")), ("authz", ("authorization", "authz")))``.
    ``named_items`` are the items a question asks to name (the five HTTP methods): a bare list
    naming all of them earns partial credit.  ``default_subject`` is the side a claim is about
    when the answer has not named any side yet (the question's own topic).
    """

    id: str
    topic: str
    difficulty: Difficulty
    prompt: str
    model_answer: str
    key_points: tuple[KeyPoint, ...]
    hints: tuple[str, ...] = ()
    misconceptions: tuple[Misconception, ...] = ()
    tags: tuple[str, ...] = field(default_factory=tuple)
    subjects: tuple[tuple[str, tuple[str, ...]], ...] = ()
    named_items: tuple[tuple[str, ...], ...] = ()
    default_subject: str = ""

    @property
    def required_points(self) -> tuple[KeyPoint, ...]:
        """The key points that must all be present for a correct answer."""
        return tuple(p for p in self.key_points if p.required)


@dataclass(frozen=True)
class Topic:
    """A topic and how many questions it has."""

    name: str
    title: str
    question_count: int
