"""Sends a reply's attachments after its embed, as ``discord.File`` uploads.

A picture and a file are both attachments on Discord (a PNG shows inline).  Each goes out as a
message of its own after the reply's embed, so an upload Discord refuses (too large, a passing
error) costs only the file: it is logged and the user gets a short note instead.
"""

from __future__ import annotations

import io
import logging

import aiohttp
import discord

from adapters.discord.render import NO_MENTIONS
from bot.model.messages import Attachment, AttachmentKind, Reply

log = logging.getLogger(__name__)

NOT_SENT = "(The {what} could not be sent; please try again later.)"
FAILURES = (discord.HTTPException, TimeoutError, aiohttp.ClientError, OSError)


def as_file(attachment: Attachment) -> discord.File:
    """The attachment as an upload discord.py sends."""
    return discord.File(io.BytesIO(attachment.data), filename=attachment.filename)


def _note(attachment: Attachment) -> str:
    return NOT_SENT.format(what="chart" if attachment.kind is AttachmentKind.PHOTO else "file")


async def follow_with_files(interaction: discord.Interaction, reply: Reply, *, ephemeral: bool) -> None:
    """Upload each attachment as a follow-up of an interaction that has its response already."""
    for attachment in reply.attachments:
        try:
            await interaction.followup.send(
                file=as_file(attachment), ephemeral=ephemeral, allowed_mentions=NO_MENTIONS, wait=True
            )
        except FAILURES as exc:
            log.warning("could not upload %s: %s", attachment.filename, type(exc).__name__)
            try:
                await interaction.followup.send(_note(attachment), ephemeral=ephemeral, wait=True)
            except FAILURES:
                log.warning("could not tell a user that %s was not sent", attachment.filename)


async def post_files(channel: discord.abc.Messageable, reply: Reply) -> list[discord.Message]:
    """Upload each attachment to a channel or DM as a message of its own."""
    sent: list[discord.Message] = []
    for attachment in reply.attachments:
        try:
            sent.append(await channel.send(file=as_file(attachment), allowed_mentions=NO_MENTIONS))
        except FAILURES as exc:
            log.warning("could not upload %s: %s", attachment.filename, type(exc).__name__)
            try:
                await channel.send(_note(attachment), allowed_mentions=NO_MENTIONS)
            except FAILURES:
                log.warning("could not tell a user that %s was not sent", attachment.filename)
    return sent
