"""Turns Telegram messages and button presses into the core's ``Incoming`` events.

Returns None for what the bot ignores quietly: messages without text, messages from other bots or
sent on behalf of a chat, commands addressed to another bot, and group messages that neither are a
command nor reply to one of this bot's messages.
"""

from __future__ import annotations

import telegram
from telegram.constants import ChatType, MessageEntityType

from bot.model.actions import Action
from bot.model.messages import Chat, Incoming, Sender

PLATFORM = "telegram"


def chat_of(chat: telegram.Chat) -> Chat:
    """The core's view of a Telegram chat; scores count per chat."""
    chat_id = str(chat.id)
    return Chat(PLATFORM, chat_id, chat.type == ChatType.PRIVATE, place_id=chat_id, title=chat.title or "")


def sender_of(user: telegram.User) -> Sender:
    """The core's view of a Telegram user."""
    return Sender(PLATFORM, str(user.id), user.full_name)


def command_token(message: telegram.Message) -> str | None:
    """The leading ``/command`` or ``/command@botname`` of a message, if it starts with one."""
    entity = next(iter(message.entities), None)
    if message.text is None or entity is None:
        return None
    if entity.type != MessageEntityType.BOT_COMMAND or entity.offset != 0:
        return None
    return message.parse_entity(entity)


def from_message(message: telegram.Message, bot_username: str, bot_id: int) -> Incoming | None:
    """The event a text message stands for, or None when the bot should ignore it."""
    user = message.from_user
    if message.text is None or user is None or user.is_bot or message.sender_chat is not None:
        return None
    chat = chat_of(message.chat)
    replied = message.reply_to_message
    to_bot = replied is not None and replied.from_user is not None and replied.from_user.id == bot_id
    extra: dict[str, object] = {
        "message_id": str(message.message_id),
        "reply_to": str(replied.message_id) if to_bot and replied is not None else None,
        "can_manage": chat.is_private,
    }
    token = command_token(message)
    if token is not None:
        name, _, target = token[1:].partition("@")
        if target and target.lower() != bot_username.lower():
            return None
        args = message.text[len(token) :].split()
        return Incoming.for_command(sender_of(user), chat, name, *args, **extra)
    if not chat.is_private and not to_bot:
        return None
    return Incoming.for_text(sender_of(user), chat, message.text, **extra)


def from_callback(query: telegram.CallbackQuery) -> Incoming | None:
    """The event a button press stands for, or None for presses the bot cannot place."""
    message = query.message
    if query.data is None or message is None:
        return None
    chat = chat_of(message.chat)
    return Incoming.for_action(
        sender_of(query.from_user),
        chat,
        Action.parse(query.data),
        message_id=str(message.message_id),
        reply_to=str(message.message_id),
        can_manage=chat.is_private,
    )
