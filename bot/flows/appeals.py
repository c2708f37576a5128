"""Appeals: a member disagrees with a grade (the Disagree button, ``/disagree [why]``, a reply with the
reason), and a group's admin accepts an appeal (the Accept button, ``/accept <id> [verdict]``), which
corrects the member's points.

An appeal is about the sender's own attempt: the one at the open question a Disagree button sits under,
the one a command replies to (the question's message, or the appeal's own prompt or notice), or else their
latest graded attempt in this place.  Appealing again updates the reason rather than adding an appeal.
"""

from __future__ import annotations

from typing import cast

from bot.flows import appeal_replies as say
from bot.flows.appeal_store import AppealStore
from bot.flows.context import Services, Turn
from bot.flows.practice import clean_answer
from bot.model.actions import Action
from bot.model.appeals import GRADED, Appeal, AppealStatus, accepted_score, claimed_label
from bot.model.grades import Verdict
from bot.model.messages import Reply
from bot.model.records import Attempt

MAX_REASON_CHARS = 1000


def _store(services: Services) -> AppealStore:
    return cast(AppealStore, services.store)


async def pressed(services: Services, turn: Turn, action: Action) -> list[Reply]:
    """The Disagree button under a grade (on Discord with the reason its form collected)."""
    attempt = await _store(services).attempt_of(action.question_id or 0, turn.user.id)
    return await _appeal(services, turn, attempt, action.reason)


async def command(services: Services, turn: Turn) -> list[Reply]:
    """``/disagree [why]``: appeal the grade the command replies to, or the sender's latest one here."""
    return await _appeal(services, turn, await _target(services, turn), turn.argument or "")


async def reason_reply(services: Services, turn: Turn, text: str) -> list[Reply] | None:
    """Free text replying to one of the sender's appeal prompts or notices: its reason; None otherwise."""
    reply_to = turn.incoming.reply_to
    if reply_to is None:
        return None
    store = _store(services)
    appeal = await store.find_appeal_by_message(turn.chat.chat_id, reply_to)
    if appeal is None or appeal.user_id != turn.user.id:
        return None
    return await _appeal(services, turn, await store.get_attempt(appeal.attempt_id), text)


async def _target(services: Services, turn: Turn) -> Attempt | None:
    store, chat, reply_to = _store(services), turn.chat, turn.incoming.reply_to
    if reply_to is not None:
        appeal = await store.find_appeal_by_message(chat.chat_id, reply_to)
        if appeal is not None and appeal.user_id == turn.user.id:
            return await store.get_attempt(appeal.attempt_id)
        opened = await services.store.find_open_question(
            chat.chat_id, message_id=reply_to, include_closed=True
        )
        if opened is not None:
            return await store.attempt_of(opened.id, turn.user.id)
    return await store.latest_graded_attempt(turn.user.id, turn.place.id)


async def _appeal(services: Services, turn: Turn, attempt: Attempt | None, typed: str) -> list[Reply]:
    """Record (or update) the appeal of one of the sender's graded attempts, and say so."""
    if attempt is None or attempt.id is None or attempt.user_id != turn.user.id:
        return [say.no_grade()]
    if attempt.verdict == Verdict.SKIPPED:
        return [say.no_grade()]
    reason = clean_answer(typed)
    if len(reason) > MAX_REASON_CHARS:
        return [say.reason_too_long(len(reason), MAX_REASON_CHARS)]
    claimed, reason = claimed_label(attempt.verdict, reason)
    store = _store(services)
    before = await store.appealed_attempt_ids(turn.user.id)
    appeal = await store.record_appeal(attempt, claimed, reason, turn.chat.chat_id, services.clock.now())
    if appeal.status is AppealStatus.ACCEPTED:
        return [say.already_accepted(appeal)]
    updated = attempt.id in before
    out = [say.thanks(appeal, platform=turn.chat.platform, updated=updated, group=turn.is_group)]
    if turn.is_group:
        out.append(say.notice(appeal, turn.user.display_name))
    return out


async def posted(services: Services, appeal_id: int, message_id: str) -> None:
    """Remember the platform message of an appeal's prompt or notice, so a reply to it is its reason."""
    await _store(services).set_appeal_message(appeal_id, message_id)


async def accept_command(services: Services, turn: Turn) -> list[Reply]:
    """``/accept <appeal id> [correct|partial|wrong]`` (or as a reply to the appeal's notice)."""
    args = list(turn.incoming.args)
    verdict = _verdict(args[-1]) if args else None
    if verdict is not None:
        args.pop()
    appeal_id = _appeal_id(args[0]) if len(args) == 1 else None
    if appeal_id is None and not args and turn.incoming.reply_to is not None:
        found = await _store(services).find_appeal_by_message(turn.chat.chat_id, turn.incoming.reply_to)
        appeal_id = found.id if found is not None else None
    if appeal_id is None:
        return [say.accept_usage()]
    return await _accept(services, turn, appeal_id, verdict)


async def accept_pressed(services: Services, turn: Turn, action: Action) -> list[Reply]:
    """The Accept button under an appeal's notice."""
    return await _accept(services, turn, action.appeal_id or 0, None)


def _verdict(word: str) -> Verdict | None:
    return next((v for v in GRADED if v.value == word.strip().lower()), None)


def _appeal_id(word: str) -> int | None:
    digits = word.strip().lstrip("#")
    return int(digits) if digits.isascii() and digits.isdigit() and len(digits) < 19 else None


async def _accept(services: Services, turn: Turn, appeal_id: int, verdict: Verdict | None) -> list[Reply]:
    """An admin of the group accepts an appeal made there; the attempt and the kept state are corrected."""
    if not turn.is_group:
        return [say.not_in_group()]
    if not turn.incoming.can_manage:
        return [say.not_admin()]
    store = _store(services)
    appeal = await store.get_appeal(appeal_id)
    if appeal is None or appeal.place_id != turn.place.id:
        return [say.no_such_appeal(appeal_id)]
    if appeal.status is AppealStatus.ACCEPTED:
        return [say.already_accepted(appeal)]
    chosen = verdict or appeal.claimed
    score = accepted_score(chosen, appeal.score)
    done: Appeal | None = await store.accept_appeal(
        appeal.id, chosen, score, turn.user.id, services.clock.now()
    )
    if done is None:
        return [say.already_accepted(appeal)]
    member = await services.store.get_user(appeal.user_id)
    return [say.accepted(done, member.display_name if member else "The member")]
