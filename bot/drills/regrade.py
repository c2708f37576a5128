"""Correcting the kept state when an attempt's grade changes (an accepted appeal).

The kept state is a fold of the attempts (``bot.drills.tally``).  A regrade changes one graded attempt's
verdict and score, never whether it was graded or when, so the user's totals and the member's score take
the difference, and only the question's own state (its FSRS card depends on every rating after the
change) is folded again from the user's attempts at that question.  The result equals a replay of the
corrected attempts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from bot.drills.tally import Folded, fold_question, points_of
from bot.model.grades import Verdict
from bot.model.progress import MemberScore, QuestionState, UserProgress, week_start
from bot.model.records import Attempt

_NOT_RECALLED = {Verdict.WRONG, Verdict.SKIPPED}


def _counts(verdict: Verdict) -> tuple[int, int, int]:
    return (verdict == Verdict.CORRECT, verdict == Verdict.PARTIAL, verdict == Verdict.WRONG)


def refold_question(attempts_at_question: Sequence[Attempt]) -> QuestionState:
    """The user's state on one question folded again from their attempts at it, oldest first."""
    state: QuestionState | None = None
    for attempt in attempts_at_question:
        state = fold_question(state, attempt)
    if state is None:
        raise ValueError("a question's state needs at least one attempt")
    return state


def regrade_progress(
    progress: UserProgress, before: Attempt, after: Attempt, seen_before: bool
) -> UserProgress:
    """The user's totals once one graded attempt's verdict and score changed (``seen_before``: it was not
    their first attempt at that question, so it counts in retention)."""
    old, new = _counts(before.verdict), _counts(after.verdict)
    recalled = progress.recalled
    if seen_before:
        recalled += (after.verdict not in _NOT_RECALLED) - (before.verdict not in _NOT_RECALLED)
    return replace(
        progress,
        correct=progress.correct + new[0] - old[0],
        partial=progress.partial + new[1] - old[1],
        wrong=progress.wrong + new[2] - old[2],
        score_sum=progress.score_sum + after.score - before.score,
        recalled=recalled,
    )


def regrade_member(score: MemberScore, before: Attempt, after: Attempt) -> MemberScore:
    """A member's score in the attempt's place once the attempt's points and verdict changed; the week's
    tally changes too when the attempt falls in the week kept."""
    points = points_of(after) - points_of(before)
    correct = (after.verdict == Verdict.CORRECT) - (before.verdict == Verdict.CORRECT)
    this_week = score.week is not None and score.week == week_start(before.answered_at)
    return replace(
        score,
        points=score.points + points,
        correct=score.correct + correct,
        week_points=score.week_points + (points if this_week else 0),
        week_correct=score.week_correct + (correct if this_week else 0),
    )


def regrade(
    before: Attempt,
    after: Attempt,
    attempts_at_question: Sequence[Attempt],
    progress: UserProgress,
    member: MemberScore,
) -> Folded:
    """The corrected question state, totals and member score once ``before`` was regraded as ``after``.

    ``attempts_at_question`` are the user's attempts at that question, oldest first, ``after`` among them.
    """
    if Verdict.SKIPPED in (before.verdict, after.verdict):
        raise ValueError("only a graded attempt can be regraded, and only to a graded verdict")
    seen_before = bool(attempts_at_question) and attempts_at_question[0].id != after.id
    return Folded(
        refold_question(attempts_at_question),
        regrade_progress(progress, before, after, seen_before),
        regrade_member(member, before, after),
    )
