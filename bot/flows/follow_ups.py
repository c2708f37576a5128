"""Answering, skipping and dropping a follow-up.

A follow-up is answered by its member only: in a DM by their next message, in a group by a reply to the
follow-up's message (Discord: through its Answer button).  The reply is graded against the key points
the first answer missed; those it states are recorded on the attempt as recovered, and the attempt's
score stays the first answer's.  ``/skip`` closes it, ``/answer`` closes it and shows the model answer,
and a new question (``/quiz``, Next, a drill in the DM) drops it.
"""

from __future__ import annotations

from dataclasses import replace

from bot import replies
from bot.flows import follow_up_replies, practice
from bot.flows.context import Services, Turn
from bot.flows.follow_up_store import follow_up_store
from bot.model.actions import Action, Verb
from bot.model.follow_ups import FollowUp
from bot.model.messages import Reply
from bot.model.questions import Question


async def addressed(services: Services, turn: Turn, *, own_in_group: bool = False) -> FollowUp | None:
    """The open follow-up an event is about: the one its message replies to, else in a DM the user's own
    (unless a question was asked there since, which drops it); with ``own_in_group``, in a group too when
    the event replies to nothing."""
    store = follow_up_store(services.store)
    chat, reply_to = turn.chat.chat_id, turn.incoming.reply_to
    if reply_to is not None:
        found = await store.find_follow_up(chat, message_id=reply_to)
        if found is not None:
            return found
    if turn.is_group and (not own_in_group or reply_to is not None):
        return None
    own = await store.find_follow_up(chat, user_id=turn.user.id)
    if own is None or turn.is_group:
        return own
    if await services.store.find_open_question(chat, for_user_id=turn.user.id) is not None:
        await store.close_follow_ups(chat, turn.user.id, services.clock.now())
        return None
    return own


async def on_text(services: Services, turn: Turn, text: str) -> list[Reply] | None:
    """Free text that answers a follow-up, graded; None when the text is not about one."""
    follow = await addressed(services, turn)
    reply_to = turn.incoming.reply_to
    if follow is None and reply_to is not None and turn.is_group:  # in a DM a pending question may take it
        store = follow_up_store(services.store)
        closed = await store.find_follow_up(turn.chat.chat_id, message_id=reply_to, include_closed=True)
        return None if closed is None else [follow_up_replies.closed()]
    if follow is None:
        return None
    if follow.user_id != turn.user.id:
        return await _not_yours(services, follow)
    return await answer(services, turn, follow, text)


async def answer(services: Services, turn: Turn, follow: FollowUp, text: str) -> list[Reply]:
    """Grade the reply to a follow-up against the missed points and record what it recovered."""
    answers = turn.incoming.message_id
    cleaned = practice.clean_answer(text)
    if not cleaned:
        return [replies.error("Your answer is empty.", "Write a sentence or two, or /skip.", answers=answers)]
    if len(cleaned) > practice.MAX_ANSWER_CHARS:
        return [
            replies.error(
                f"Your answer is {len(cleaned):,} characters; please keep it under "
                f"{practice.MAX_ANSWER_CHARS:,}.",
                "The follow-up is still open: send a shorter answer.",
                answers=answers,
            )
        ]
    store, now = follow_up_store(services.store), services.clock.now()
    question = services.bank.get(follow.question_id)
    attempt = await store.attempt_by_id(follow.attempt_id)
    if question is None or attempt is None:
        await store.close_follow_ups(follow.chat_id, follow.user_id, now, follow_up_id=follow.id)
        return [follow_up_replies.closed()]
    graded = services.grader(_about_point(question, follow.point_id), cleaned)
    recovered = tuple(m for m in follow.missed if m in set(graded.matched))
    if not await store.answer_follow_up(follow.id, recovered, now):
        return [follow_up_replies.closed()]
    return [
        follow_up_replies.result(
            question,
            attempt.score,
            follow.missed,
            recovered,
            name=turn.user.display_name,
            group=turn.is_group,
            answers=answers,
            open_question_id=attempt.open_question_id,
        )
    ]


def _about_point(question: Question, point_id: str) -> Question:
    """The question as the reply to a follow-up is read: a sentence naming no side of the comparison is
    about the side the followed-up point is about ("It decides what you may do" -> authorization)."""
    point = next((p for p in question.key_points if p.id == point_id), None)
    if point is None or not point.subject or point.subject == question.default_subject:
        return question
    return replace(question, default_subject=point.subject)


async def on_command(services: Services, turn: Turn, verb: Verb) -> list[Reply] | None:
    """``/skip``, ``/hint`` or ``/answer`` while the user's follow-up is pending; None when none is."""
    follow = await addressed(services, turn, own_in_group=True)
    if follow is None:
        return None
    if follow.user_id != turn.user.id:
        return await _not_yours(services, follow)
    store, now = follow_up_store(services.store), services.clock.now()
    question = services.bank.get(follow.question_id)
    if verb is Verb.HINT:
        point = next((p for p in question.key_points if p.id == follow.point_id), None) if question else None
        if point is not None and point.nudge and point.follow_up:
            return [replies.info("💡 Hint", point.nudge)]
        return [replies.info("No hint for a follow-up.", "Answer in your own words, or /skip to leave it.")]
    if verb is Verb.REVEAL and question is not None:
        await store.close_follow_ups(follow.chat_id, follow.user_id, now, follow_up_id=follow.id)
        return [replies.model_answer(question, "📖 The model answer")]
    return await _leave(services, turn, follow)


async def leave_pressed(services: Services, turn: Turn, action: Action) -> list[Reply]:
    """The Leave button under a follow-up: skip it, if it is the presser's and still open."""
    follow = await follow_up_store(services.store).get_follow_up(action.follow_up_id or 0)
    if follow is None or follow.chat_id != turn.chat.chat_id or follow.closed_at is not None:
        return [follow_up_replies.closed()]
    if follow.user_id != turn.user.id:
        return await _not_yours(services, follow)
    return await _leave(services, turn, follow)


async def _leave(services: Services, turn: Turn, follow: FollowUp) -> list[Reply]:
    """Close a follow-up unanswered: the grade stays; in a DM the next question follows."""
    store = follow_up_store(services.store)
    await store.close_follow_ups(follow.chat_id, follow.user_id, services.clock.now(), follow_up_id=follow.id)
    attempt = await store.attempt_by_id(follow.attempt_id)
    skipped = [follow_up_replies.skipped(attempt.score if attempt else None)]
    question = services.bank.get(follow.question_id)
    if turn.is_group or question is None:
        return skipped
    return [*skipped, *await practice.ask(services, turn, question.topic)]


async def _not_yours(services: Services, follow: FollowUp) -> list[Reply]:
    """The reply to a member acting on someone else's follow-up."""
    owner = await services.store.get_user(follow.user_id)
    return [follow_up_replies.not_yours(owner.display_name if owner else "another member")]


async def drop(services: Services, turn: Turn) -> None:
    """A new question was asked for: the user's pending follow-up in this chat is dropped."""
    store, now = follow_up_store(services.store), services.clock.now()
    await store.close_follow_ups(turn.chat.chat_id, turn.user.id, now)


async def posted(services: Services, follow_up_id: int, message_id: str) -> None:
    """Remember the platform message a follow-up was posted as, so a reply to it answers it."""
    await follow_up_store(services.store).set_follow_up_message(follow_up_id, message_id)
