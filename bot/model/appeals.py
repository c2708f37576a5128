"""Grade appeals: a member disagrees with a grade, and a group's admin may accept the appeal.

An appeal keeps the answer and the grade as they were when it was made (verdict, score, key points
matched and missed), the label the member claims and their reason.  Plain frozen dataclasses and pure
rules; ``storage/`` keeps them, ``bot/flows/appeals.py`` makes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.model.grades import Verdict

GRADED = (Verdict.WRONG, Verdict.PARTIAL, Verdict.CORRECT)
"""The verdicts an answer can be graded (and appealed to), lowest first."""

PARTIAL_SCORE = 0.5
"""The score an accepted partial gets when the graded score does not already lie in the partial range."""

_NAMED = re.compile(r"(?P<verdict>correct|partial|wrong)\s*(?:[:\-–—]|$)", re.IGNORECASE)
"""A claimed label at the start of a reason: the verdict word, then a colon or dash, or nothing more."""

CORRECT_FROM = 0.8
"""The share of the essential weight a correct answer needs (the grader's rule), the top of partial."""


class AppealStatus(StrEnum):
    """Where an appeal stands: waiting for the pack's authors (or a group's admin), or accepted."""

    OPEN = "open"
    ACCEPTED = "accepted"


@dataclass(frozen=True)
class Appeal:
    """A member's disagreement with the grade of one attempt (one appeal per attempt)."""

    id: int
    attempt_id: int
    user_id: int
    place_id: int
    question_id: str
    answer_text: str
    verdict: Verdict
    """The verdict the answer was graded when the appeal was made."""
    score: float
    matched: tuple[str, ...]
    missed: tuple[str, ...]
    claimed: Verdict
    """The label the member claims: one step up from the grade unless they named one."""
    reason: str
    status: AppealStatus
    created_at: datetime
    updated_at: datetime
    chat_id: str = ""
    message_id: str | None = None
    """The platform message that asked for the reason (or announced the appeal in a group)."""
    accepted_verdict: Verdict | None = None
    accepted_score: float | None = None
    accepted_by_user_id: int | None = None
    accepted_at: datetime | None = None

    @property
    def label(self) -> Verdict:
        """The label the answer should carry as a regression example: the accepted verdict, else the claim."""
        return self.accepted_verdict or self.claimed


def step_up(verdict: Verdict) -> Verdict:
    """The label an appeal claims by default: one step up from the grade (a correct grade stays correct)."""
    if verdict not in GRADED:
        return Verdict.CORRECT
    return GRADED[min(GRADED.index(verdict) + 1, len(GRADED) - 1)]


def claimed_label(verdict: Verdict, reason: str) -> tuple[Verdict, str]:
    """The label claimed and the reason left: a reason that starts with a verdict word and a colon or dash
    (``"partial: I named two of three"``), or is only that word, names the label; any other claims one
    step up from the grade (so "wrong grade, I said it" is a reason, not a claim of wrong)."""
    named = _NAMED.match(reason.strip())
    if named is None:
        return step_up(verdict), reason.strip()
    return Verdict(named["verdict"].lower()), reason.strip()[named.end() :].strip()


def accepted_score(verdict: Verdict, graded_score: float) -> float:
    """The score an accepted verdict gives: correct full marks, wrong none, partial the graded score when
    it is a partial one (else ``PARTIAL_SCORE``)."""
    if verdict is Verdict.CORRECT:
        return 1.0
    if verdict is Verdict.PARTIAL:
        return graded_score if 0 < graded_score < CORRECT_FROM else PARTIAL_SCORE
    return 0.0
