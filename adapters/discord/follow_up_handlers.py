"""The answer to a follow-up submitted through its modal: convert, call the engine, send privately."""

from __future__ import annotations

import discord

from adapters.discord import convert, sending
from adapters.discord.follow_up_items import read_follow_up
from bot.model.messages import Incoming


async def on_submission(interaction: discord.Interaction) -> bool:
    """Grade a follow-up modal's answer; False when the interaction is not one."""
    submission = read_follow_up(interaction)
    if submission is None:
        return False
    async with sending.guarded(interaction, "follow-up modal"):
        incoming = Incoming.for_text(
            convert.sender_of(interaction.user),
            convert.chat_of(interaction),
            submission.text,
            reply_to=str(submission.message_id),
            message_id=str(interaction.id),
            can_manage=convert.can_manage(interaction),
        )
        await sending.run(interaction, incoming, private_if_slow=True)
    return True
