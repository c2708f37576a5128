"""The replies of follow-ups: the follow-up question itself, what its answer recovered, skipping it."""

from __future__ import annotations

from bot import replies
from bot.model.actions import Action
from bot.model.messages import Button, Reply, ReplyKind
from bot.model.questions import Question

TITLE = "🔁 Follow-up"


def asked(
    question: Question,
    follow_up_id: int,
    text: str,
    *,
    name: str,
    group: bool,
    platform: str,
    answers: str | None,
) -> Reply:
    """The follow-up question, sent to the member who answered (in a group: only they may answer it)."""
    if not group:
        how = "Answer in a sentence or two, or /skip to leave it."
    elif platform == "discord":
        how = "Press Answer to reply (only you can), or Leave it."
    else:
        how = f"{name}: reply to this message to answer (only you can), or /skip to leave it."
    return Reply(
        ReplyKind.FOLLOW_UP,
        TITLE,
        (text, how),
        answers=answers,
        private=group,
        mention=name if group else None,
        question_id=question.id,
        follow_up_id=follow_up_id,
        buttons=(Button("⏭ Leave it", Action.leave(follow_up_id)),),
        follow_up_by_message=group,
    )


def _texts(question: Question, ids: tuple[str, ...]) -> tuple[str, ...]:
    wanted = set(ids)
    return tuple(p.text for p in question.key_points if p.id in wanted)


def result(
    question: Question,
    score: float,
    missed: tuple[str, ...],
    recovered: tuple[str, ...],
    *,
    name: str,
    group: bool,
    answers: str | None,
    open_question_id: int | None = None,
) -> Reply:
    """What the follow-up's answer recovered of the missed points; the score stays the first answer's.

    Like every grade it carries the Disagree button (about the grade of the open question answered).
    """
    percent = round(score * 100)
    still = tuple(m for m in missed if m not in recovered)
    if recovered:
        title = f"{TITLE}: recovered {len(recovered)} of {len(missed)}"
        lead = f"You recovered {len(recovered)} of the {len(missed)} key point(s) you missed."
    else:
        title = f"{TITLE}: nothing recovered"
        lead = "That did not cover the key point(s) you missed; the model answer above has them."
    body = (
        lead,
        f"Your score stays {percent}% (the first answer's); the daily drill brings this question back soon.",
    )
    buttons = () if group else (Button("➡ Next question", Action.next(question.topic)),)
    if open_question_id is not None:
        buttons += (replies.disagree_button(open_question_id),)
    return Reply(
        ReplyKind.GRADE,
        title,
        body,
        hits=_texts(question, recovered),
        misses=_texts(question, still),
        buttons=buttons,
        answers=answers,
        private=group,
        score=score,
        mention=name if group else None,
        question_id=question.id,
    )


def skipped(score: float | None) -> Reply:
    """The reply to ``/skip`` on a follow-up: it is closed and the grade stands."""
    stays = f"Your grade stays {round(score * 100)}%." if score is not None else "Your grade stays."
    return Reply(ReplyKind.INFO, "Follow-up skipped.", (stays,), private=True)


def not_yours(name: str) -> Reply:
    """A member answering someone else's follow-up."""
    return Reply(
        ReplyKind.ERROR,
        f"That follow-up is for {name}.",
        ("Answer the question itself by replying to it, or get a new one with /quiz.",),
        private=True,
    )


def closed() -> Reply:
    """An answer to a follow-up that was closed meanwhile."""
    return Reply(ReplyKind.INFO, "That follow-up is closed.", ("Get a new question with /quiz.",))
