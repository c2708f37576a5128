"""Grades a pack's labelled examples and model answers, and measures how often the grader agrees.

Every question may carry ``examples`` (an answer and the verdict a careful interviewer gives it);
``interview-bot content check`` runs them as the pack's own regression test.  The examples pass when
overall agreement is at least ``THRESHOLD`` and there is no *severe* error (an answer labelled
correct graded wrong, or labelled wrong graded correct).  Every question's model answer is shown to
users as a good answer, so it must also grade correct against its own key points.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bot.grading import Grade, PointResult, Verdict, grade
from bot.model.questions import Question

THRESHOLD = 0.95
LABELS = ("correct", "partial", "wrong")
SEVERE = frozenset({("correct", "wrong"), ("wrong", "correct")})


@dataclass(frozen=True)
class Example:
    """A labelled example answer of a question, with where it is written."""

    question: str
    answer: str
    label: str
    note: str = ""
    path: Path | None = None
    line: int | None = None

    @property
    def location(self) -> str:
        """``file:line`` of the example (empty when it was not read from a file)."""
        return f"{self.path}:{self.line}" if self.path is not None else ""


@dataclass(frozen=True)
class Outcome:
    """One example graded: the verdict the grader gave, and its reason."""

    example: Example
    verdict: str
    reason: str

    @property
    def agrees(self) -> bool:
        """Whether the grader gave the example's label."""
        return self.verdict == self.example.label

    @property
    def severe(self) -> bool:
        """Whether this is a correct <-> wrong confusion."""
        return (self.example.label, self.verdict) in SEVERE


@dataclass(frozen=True)
class ModelAnswerMiss:
    """A question whose own model answer does not grade correct: the grade, and the points it missed."""

    question: str
    grade: Grade
    correct_on_one_line: bool = False

    @property
    def missed(self) -> list[PointResult]:
        """The key points the model answer missed, each with why the grader did not count it."""
        return [point for point in self.grade.points if not point.hit]


def model_answer_miss(question: Question) -> ModelAnswerMiss | None:
    """The miss when ``question``'s model answer grades less than correct, else None.

    The grader reads a line break as the end of a sentence (the lines of a list are its items), so a
    model answer hard-wrapped in a literal block (``|``) can miss points that span lines; the miss
    says when joining the lines would grade it correct.
    """
    graded = grade(question, question.model_answer)
    if graded.verdict is Verdict.CORRECT:
        return None
    one_line = " ".join(question.model_answer.split())
    joined = one_line != question.model_answer and grade(question, one_line).verdict is Verdict.CORRECT
    return ModelAnswerMiss(question.id, graded, joined)


@dataclass
class CheckReport:
    """Every example's outcome, grouped by question in pack order, and the model answers not correct."""

    outcomes: dict[str, list[Outcome]] = field(default_factory=dict)
    threshold: float = THRESHOLD
    model_answers: int = 0
    model_answer_misses: list[ModelAnswerMiss] = field(default_factory=list)

    @property
    def all(self) -> list[Outcome]:
        """Every outcome, question by question."""
        return [outcome for outcomes in self.outcomes.values() for outcome in outcomes]

    @property
    def agreement(self) -> float:
        """The share of examples graded as labelled (1.0 when there are none)."""
        everything = self.all
        return sum(o.agrees for o in everything) / len(everything) if everything else 1.0

    @property
    def severe(self) -> list[Outcome]:
        """The severe disagreements."""
        return [o for o in self.all if o.severe]

    @property
    def confusion(self) -> Counter[tuple[str, str]]:
        """(label, verdict) -> how many examples."""
        return Counter((o.example.label, o.verdict) for o in self.all)

    @property
    def passed(self) -> bool:
        """Whether the examples' agreement reaches the threshold with no severe error."""
        return self.agreement >= self.threshold and not self.severe

    @property
    def passed_all(self) -> bool:
        """Whether the examples pass and every model answer grades correct."""
        return self.passed and not self.model_answer_misses


def check_examples(
    questions: Sequence[Question], examples: Mapping[str, Iterable[Example]], threshold: float = THRESHOLD
) -> CheckReport:
    """Grade every example of the given questions against its label, and each model answer."""
    report = CheckReport(threshold=threshold, model_answers=len(questions))
    for question in questions:
        miss = model_answer_miss(question)
        if miss is not None:
            report.model_answer_misses.append(miss)
        graded = []
        for example in examples.get(question.id, ()):
            result = grade(question, example.answer)
            graded.append(Outcome(example, result.verdict.value, result.reason))
        if graded:
            report.outcomes[question.id] = graded
    return report


def confusion_lines(confusion: Mapping[tuple[str, str], int]) -> list[str]:
    """A confusion matrix as text lines: labels down, verdicts across."""
    lines = ["label \\ graded  " + "  ".join(f"{v:>8}" for v in LABELS)]
    for label in LABELS:
        lines.append(f"{label:<15} " + "  ".join(f"{confusion.get((label, v), 0):>8}" for v in LABELS))
    return lines
