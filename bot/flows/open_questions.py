"""Finding the open question an event is about: the one a message replies to, or the user's pending one."""

from __future__ import annotations

from bot import replies
from bot.flows import interview, practice
from bot.flows.context import Services, Turn
from bot.model.grades import Verdict
from bot.model.messages import Chat, Reply, Sender
from bot.model.records import Mode, OpenQuestion


async def pending(services: Services, turn: Turn) -> OpenQuestion | None:
    """The question a command replies to, else the chat's open one (in a DM: the user's own)."""
    store, chat = services.store, turn.chat
    if turn.incoming.reply_to is not None:
        found = await store.find_open_question(chat.chat_id, message_id=turn.incoming.reply_to)
        if found is not None:
            return found
    owner = None if turn.is_group else turn.user.id
    return await store.find_open_question(chat.chat_id, for_user_id=owner)


async def answer(services: Services, turn: Turn, text: str) -> list[Reply]:
    """Free text: the answer to the question it replies to (or, in a DM, the pending one)."""
    store, chat, reply_to = services.store, turn.chat, turn.incoming.reply_to
    opened = None
    if reply_to is not None:
        opened = await store.find_open_question(chat.chat_id, message_id=reply_to)
    if opened is None and not turn.is_group:
        opened = await store.find_open_question(chat.chat_id, for_user_id=turn.user.id)
    if opened is None and reply_to is not None:
        closed = await store.find_open_question(chat.chat_id, message_id=reply_to, include_closed=True)
        if closed is not None:
            return [replies.question_closed()]
    if opened is None:
        # In a group: chatter, or a reply to one of the bot's other messages, is not an answer.
        return [] if turn.is_group else [replies.nothing_pending()]
    if opened.mode is Mode.INTERVIEW:
        return await interview.answer(services, turn, opened, text)
    return await practice.answer(services, turn, opened, text)


async def waiting(services: Services, sender: Sender, chat: Chat) -> list[Reply]:
    """The question waiting for this user's answer in a private chat (a drill), posted again; or []."""
    store = services.store
    user = await store.ensure_user(sender.platform, sender.user_id, sender.display_name)
    opened = await store.find_open_question(chat.chat_id, for_user_id=user.id)
    question = services.bank.get(opened.question_id) if opened is not None else None
    if opened is None or question is None:
        return []
    return [replies.question(question, opened.id, group=False)]


async def summary(services: Services, open_question_id: int) -> tuple[int, list[str]]:
    """How many members answered an open question, and the names of those who got it right."""
    store = services.store
    attempts = await store.attempts_for_open_question(open_question_id)
    graded = [a for a in attempts if a.verdict != Verdict.SKIPPED]
    names = []
    for attempt in graded:
        user = await store.get_user(attempt.user_id)
        if attempt.verdict == Verdict.CORRECT and user is not None:
            names.append(user.display_name)
    return len(graded), names
