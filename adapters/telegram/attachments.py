"""Sends a reply's attachments after its text: a photo (``sendPhoto``) or a file (``sendDocument``).

The text has gone out already when an upload starts, so an upload the API refuses, or one that
keeps timing out, costs only the file: it is logged and the chat gets a short note instead.
"""

from __future__ import annotations

import logging

from telegram import Bot, Message, ReplyParameters
from telegram.error import TelegramError

from adapters.telegram.sending import with_network_retries
from bot.model.messages import Attachment, AttachmentKind, Reply

log = logging.getLogger(__name__)

UPLOAD_TIMEOUT = 30.0
NOT_SENT = "(The {what} could not be sent; please try again later.)"


async def send_attachment(
    bot: Bot, chat_id: str, attachment: Attachment, reply_to: str | None = None
) -> Message:
    """Upload one attachment as a photo or a document, quoting ``reply_to`` if given."""
    quote = ReplyParameters(int(reply_to), allow_sending_without_reply=True) if reply_to else None
    photo = attachment.kind is AttachmentKind.PHOTO

    async def call() -> Message:
        send = bot.send_photo if photo else bot.send_document
        return await send(
            chat_id,
            attachment.data,
            filename=attachment.filename,
            reply_parameters=quote,
            write_timeout=UPLOAD_TIMEOUT,
        )

    return await with_network_retries(call, "sendPhoto" if photo else "sendDocument")


async def send_attachments(
    bot: Bot, chat_id: str, reply: Reply, reply_to: str | None = None
) -> list[Message]:
    """Upload every attachment of a reply; one that fails is logged and replaced by a short note."""
    sent: list[Message] = []
    for attachment in reply.attachments:
        try:
            sent.append(await send_attachment(bot, chat_id, attachment, reply_to))
        except TelegramError as exc:
            log.warning("could not send %s to a chat: %s", attachment.filename, exc.message)
            what = "chart" if attachment.kind is AttachmentKind.PHOTO else "file"
            try:
                await bot.send_message(chat_id, NOT_SENT.format(what=what))
            except TelegramError:
                log.warning("could not tell a chat that %s was not sent", attachment.filename)
    return sent
