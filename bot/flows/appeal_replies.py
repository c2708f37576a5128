"""The replies of the appeals flow: thanks for an appeal, a group's notice of it, its acceptance, refusals."""

from __future__ import annotations

from bot import replies
from bot.model.actions import Action
from bot.model.appeals import Appeal
from bot.model.grades import Verdict
from bot.model.messages import Button, Reply, ReplyKind

VERDICT_WORDS = {Verdict.CORRECT: "correct", Verdict.PARTIAL: "partly right", Verdict.WRONG: "wrong"}
ASK_WHY = {
    "telegram": "Reply to this message with why, or send /disagree <why>.",
    "discord": "Add why with /disagree why:<your reason>.",
}
"""How each platform adds a reason to an appeal made without one."""
DEFAULT_ASK_WHY = "Add why with /disagree <why>."


def grade_words(verdict: Verdict, score: float) -> str:
    """``partly right (50%)``."""
    return f"{VERDICT_WORDS.get(verdict, verdict.value)} ({round(score * 100)}%)"


def points(score: float) -> int:
    """The leaderboard points of a score (as ``bot.drills.tally.points_of``)."""
    return round(score * 10)


def thanks(appeal: Appeal, *, platform: str, updated: bool, group: bool) -> Reply:
    """The appellant's confirmation; without a reason it says how to add one."""
    what = (
        f"Appeal #{appeal.id}: your answer to {appeal.question_id} was graded "
        f"{grade_words(appeal.verdict, appeal.score)}; you say it is {VERDICT_WORDS[appeal.claimed]}."
    )
    if appeal.reason:
        body = (what, f"{'Reason updated' if updated else 'Reason'}: {appeal.reason}")
    elif group and platform == "telegram":
        body = (what, "Reply to the appeal's notice with why, or send /disagree <why>.")
    else:
        body = (what, ASK_WHY.get(platform, DEFAULT_ASK_WHY))
    return Reply(
        ReplyKind.INFO,
        "Thanks — recorded for the pack's authors.",
        body,
        private=group,
        appeal_id=None if group else appeal.id,
    )


def notice(appeal: Appeal, name: str) -> Reply:
    """A group's notice of an appeal, with the Accept button for its admins."""
    body = [
        f"Appeal #{appeal.id} on {appeal.question_id}: graded {grade_words(appeal.verdict, appeal.score)}; "
        f"{name} says it is {VERDICT_WORDS[appeal.claimed]}.",
        f"Reason: {appeal.reason}" if appeal.reason else "No reason given yet.",
        f"An admin can accept it with the button or /accept {appeal.id}.",
    ]
    return Reply(
        ReplyKind.INFO,
        f"👎 {name} disagrees with a grade",
        tuple(body),
        buttons=(Button("✅ Accept (admins)", Action.accept(appeal.id)),),
        appeal_id=appeal.id,
    )


def accepted(appeal: Appeal, name: str) -> Reply:
    """The group's news that an admin accepted an appeal, and how the member's points changed."""
    verdict = appeal.accepted_verdict or appeal.claimed
    score = appeal.accepted_score if appeal.accepted_score is not None else appeal.score
    return Reply(
        ReplyKind.INFO,
        f"✅ Appeal #{appeal.id} accepted",
        (
            f"{name}'s answer to {appeal.question_id} now counts as {grade_words(verdict, score)}: "
            f"{points(appeal.score)} → {points(score)} points.",
        ),
    )


def already_accepted(appeal: Appeal) -> Reply:
    """The reply to appealing, or accepting, an appeal that was accepted already."""
    return replies.info(
        f"Appeal #{appeal.id} was already accepted.", "Its grade was corrected then.", private=True
    )


def no_grade() -> Reply:
    """The reply when there is no grade of the sender's to disagree with."""
    return replies.error(
        "There is no grade of yours to disagree with here.",
        "Answer a question first; then press Disagree under its grade, or send /disagree <why>.",
    )


def reason_too_long(length: int, limit: int) -> Reply:
    """The reply to a reason longer than the limit."""
    return replies.error(
        f"Your reason is {length:,} characters; please keep it under {limit:,}.",
        "A sentence or two is enough; the appeal is recorded.",
    )


def accept_usage() -> Reply:
    """The reply to ``/accept`` without a readable appeal id."""
    return replies.error(
        "Which appeal? Send /accept <appeal id> [correct|partial|wrong].",
        "The id is on the appeal's notice (Appeal #…).",
    )


def not_in_group() -> Reply:
    """The reply to accepting an appeal outside a group."""
    return replies.error(
        "Appeals are accepted in the group where the answer was graded, by one of its admins.",
        "Private answers' appeals go to the pack's authors (interview-bot content appeals).",
    )


def not_admin() -> Reply:
    """The refusal for a member who is not an admin."""
    return replies.error(
        "Only an admin of this group can accept an appeal.", "Ask one of the group's admins."
    )


def no_such_appeal(appeal_id: int) -> Reply:
    """The reply to accepting an appeal that is not one of this group's."""
    return replies.error(f"There is no appeal #{appeal_id} in this group.", "Check the id on its notice.")
