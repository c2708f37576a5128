"""Asking a follow-up after a partial or wrong answer: which key point it is about, its words, posting it.

One follow-up per answer, about the first required key point the answer missed (in the pack's order),
never in a mock interview.  Its text is the point's ``follow_up``, else its ``nudge`` as a question,
else a question that names no more than the side of the comparison the point is about.
"""

from __future__ import annotations

from bot.flows import follow_up_replies
from bot.flows.context import Services, Turn
from bot.flows.follow_up_store import follow_up_store
from bot.model.grades import Grade, Verdict
from bot.model.messages import Reply
from bot.model.questions import KeyPoint, Question
from bot.model.records import Attempt, Mode

FOLLOWED_VERDICTS = frozenset({Verdict.PARTIAL, Verdict.WRONG})


def target(question: Question, grade: Grade, mode: Mode) -> KeyPoint | None:
    """The key point a follow-up asks about: the first required one the answer missed; None for none."""
    if mode is Mode.INTERVIEW or grade.verdict not in FOLLOWED_VERDICTS:
        return None
    missed = set(grade.missed)
    return next((p for p in question.key_points if p.required and p.id in missed), None)


def follow_up_text(question: Question, point: KeyPoint) -> str:
    """The follow-up's question: the pack's ``follow_up``, the nudge as a question, or a generic one."""
    if point.follow_up.strip():
        return point.follow_up.strip()
    nudge = point.nudge.strip()
    if nudge:
        return nudge if nudge.endswith("?") else f"{nudge} What would you add?"
    side = _side(question, point)
    if side:
        return f"One key point about {side} is still missing. What else would you say about {side}?"
    return "One key point is still missing. What else would an interviewer expect to hear here?"


def _side(question: Question, point: KeyPoint) -> str:
    """The readable name of the comparison side a point is about ("authorization"), or ""."""
    synonyms = dict(question.subjects).get(point.subject, ())
    plain = [s for s in synonyms if "*" not in s]
    return plain[0] if plain else (synonyms[0].rstrip("*") if synonyms else "")


def grade_nudge(nudge: str) -> str:
    """The grade's nudge when a follow-up comes with it: only a warning stays (the follow-up asks the
    rest)."""
    return nudge if nudge.startswith("Careful") else ""


async def ask(
    services: Services,
    turn: Turn,
    question: Question,
    attempt: Attempt,
    attempt_id: int,
    point: KeyPoint | None,
) -> list[Reply]:
    """Open the follow-up of a just-recorded attempt (stored as ``attempt_id``) and return it as a reply
    ([] without a point)."""
    if point is None or attempt.open_question_id is None:
        return []
    required = {p.id for p in question.required_points}
    opened = await follow_up_store(services.store).open_follow_up(
        attempt_id,
        turn.chat.chat_id,
        turn.user.id,
        question.id,
        point.id,
        tuple(m for m in attempt.missed if m in required),
        services.clock.now(),
    )
    return [
        follow_up_replies.asked(
            question,
            opened.id,
            follow_up_text(question, point),
            name=turn.user.display_name,
            group=turn.is_group,
            platform=turn.chat.platform,
            answers=turn.incoming.message_id,
        )
    ]
