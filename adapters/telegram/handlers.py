"""The bot's update handlers: convert the update, call the engine, render and send the replies.

Telegram has no messages only one member of a group sees, so a reply the core marks ``private``
goes, in a group, (a) into the pop-up alert of the button press that caused it when it is short
plain text, or else (b) into the group as a reply quoting the member's own message.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace

from telegram import Bot, CallbackQuery, Update
from telegram.constants import ChatMemberStatus
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import ContextTypes

from adapters.telegram import convert
from adapters.telegram.attachments import send_attachments
from adapters.telegram.render import alert_text, render, render_message
from adapters.telegram.sending import edit_rendered, send_rendered
from bot.engine import Engine
from bot.model.actions import Verb
from bot.model.messages import Incoming, Reply, ReplyKind
from bot.replies import in_messages

log = logging.getLogger(__name__)

ENGINE_KEY = "engine"
MANAGERS = {ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER}
PROMPT_VERBS = frozenset({Verb.FORGET})
"""Button verbs whose answer replaces the prompt they were pressed on (so it cannot be pressed twice)."""


def engine_of(context: ContextTypes.DEFAULT_TYPE) -> Engine:
    """The engine the application was built with."""
    return context.bot_data[ENGINE_KEY]


async def on_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A text message or command: answer it if it is aimed at the bot."""
    message = update.message
    if message is None:
        return
    incoming = convert.from_message(message, context.bot.username, context.bot.id)
    if incoming is None:
        return
    incoming = await with_rights(context.bot, incoming)
    replies = await engine_of(context).handle(incoming)
    await deliver(context.bot, engine_of(context), incoming, replies, origin=message.message_id)


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button press: answer the press (with a pop-up for a short private reply), then the chat."""
    query = update.callback_query
    if query is None:
        return
    incoming = convert.from_callback(query)
    if incoming is None or query.message is None:
        await _answer_press(query, None)
        return
    incoming = await with_rights(context.bot, incoming)
    engine = engine_of(context)
    replies = await engine.handle(incoming)
    prompt = query.message.message_id
    answers_prompt = incoming.action is not None and incoming.action.verb in PROMPT_VERBS
    if replies and answers_prompt and replies[0].kind is not ReplyKind.ERROR:
        await _answer_press(query, None)
        await edit_rendered(context.bot, incoming.chat.chat_id, prompt, render(replies[0]))
        replies = replies[1:]
    else:
        alert, replies = take_alert(incoming, replies)
        await _answer_press(query, alert)
    await deliver(context.bot, engine, incoming, replies, origin=prompt)


def take_alert(incoming: Incoming, replies: Sequence[Reply]) -> tuple[str | None, list[Reply]]:
    """In a group, the first short private reply becomes the press's pop-up; the rest are posted."""
    if incoming.chat.is_private:
        return None, list(replies)
    for index, reply in enumerate(replies):
        text = alert_text(reply) if reply.private else None
        if text:
            return text, [*replies[:index], *replies[index + 1 :]]
    return None, list(replies)


async def _answer_press(query: CallbackQuery, alert: str | None) -> None:
    try:
        await query.answer(alert, show_alert=alert is not None)
    except BadRequest as exc:  # the press is too old to answer; the replies still go
        log.info("could not answer a button press: %s", exc.message)


async def with_rights(bot: Bot, incoming: Incoming) -> Incoming:
    """In a group, mark a command or press from an administrator with ``can_manage``."""
    if incoming.chat.is_private or incoming.text is not None:
        return incoming
    try:
        member = await bot.get_chat_member(int(incoming.chat.chat_id), int(incoming.sender.user_id))
    except TelegramError as exc:
        log.warning("could not check a member's rights (%s); treating them as a member", type(exc).__name__)
        return incoming
    return replace(incoming, can_manage=member.status in MANAGERS)


async def deliver(
    bot: Bot, engine: Engine, incoming: Incoming, replies: Sequence[Reply], origin: int
) -> None:
    """Send the replies to the event's chat, a follow-up in its grade's message
    (``bot.replies.in_messages``); a refused chat is reported to the engine, not retried."""
    chat_id = incoming.chat.chat_id
    group = not incoming.chat.is_private
    for message in in_messages(replies):
        quote = message[0].answers or (str(origin) if group else None)
        try:
            sent = await send_rendered(bot, chat_id, render_message(message, incoming.sender.user_id), quote)
        except Forbidden as exc:
            await engine.chat_unreachable(convert.PLATFORM, chat_id, exc.message)
            return
        for reply in message:
            await _posted(bot, engine, chat_id, reply, quote, str(sent[-1].message_id) if sent else None)


async def _posted(
    bot: Bot, engine: Engine, chat_id: str, reply: Reply, quote: str | None, message_id: str | None
) -> None:
    """After a reply's message went out: send its files, and tell the engine which message holds it."""
    if reply.attachments:
        await send_attachments(bot, chat_id, reply, quote)
    if message_id is None:
        return
    if reply.open_question_id is not None:
        await engine.question_posted(reply.open_question_id, message_id)
    if reply.follow_up_id is not None and reply.follow_up_by_message:
        await engine.follow_up_posted(reply.follow_up_id, message_id)
    if reply.appeal_id is not None:
        await engine.appeal_posted(reply.appeal_id, message_id)
