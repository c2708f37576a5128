"""The result of grading one answer: score, verdict and per-key-point feedback."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Verdict(StrEnum):
    """What a careful interviewer would say of an answer (or that the user skipped the question).

    The grader gives ``CORRECT``, ``PARTIAL`` or ``WRONG``; ``SKIPPED`` is stored for a question the
    user skipped: no points, but spaced repetition sees it.  Stores keep the string value.
    """

    CORRECT = "correct"
    PARTIAL = "partial"
    WRONG = "wrong"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class PointResult:
    """Whether one key point was stated, and why the grader thinks so."""

    id: str
    text: str
    hit: bool
    reason: str


@dataclass(frozen=True)
class Grade:
    """A graded answer: score in 0..1, verdict, and the key points hit and missed."""

    score: float
    verdict: Verdict
    points: tuple[PointResult, ...]
    reason: str = ""

    @property
    def matched(self) -> tuple[str, ...]:
        """Ids of the key points the answer stated."""
        return tuple(p.id for p in self.points if p.hit)

    @property
    def missed(self) -> tuple[str, ...]:
        """Ids of the key points the answer did not state."""
        return tuple(p.id for p in self.points if not p.hit)
