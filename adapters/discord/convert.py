"""Turns Discord interactions and messages into the core's ``Incoming`` events.

A server channel is a group chat whose scores count for the whole server (the guild is the place);
a DM is a private chat that is its own place.
"""

from __future__ import annotations

import discord

from bot.model.actions import Action
from bot.model.messages import Chat, Incoming, Sender

PLATFORM = "discord"
MAX_COMMAND_ARGS = 8


def sender_of(user: discord.abc.User) -> Sender:
    """The core's sender for a Discord user or member (their display name as shown to others)."""
    return Sender(PLATFORM, str(user.id), user.display_name)


def dm_chat(dm_channel_id: int | str) -> Chat:
    """A user's DM channel with the bot: private, and its own place."""
    return Chat(PLATFORM, str(dm_channel_id), True, place_id=str(dm_channel_id))


def channel_chat(channel_id: int | str, guild: discord.Guild | None, guild_id: int) -> Chat:
    """A server channel: group chat, scores count for the server."""
    title = guild.name if guild is not None and guild.name else ""
    return Chat(PLATFORM, str(channel_id), False, place_id=str(guild_id), title=title)


def chat_of(interaction: discord.Interaction) -> Chat:
    """Where an interaction happened."""
    channel_id = interaction.channel_id or (interaction.channel.id if interaction.channel else 0)
    if interaction.guild_id is None:
        return dm_chat(channel_id)
    return channel_chat(channel_id, interaction.guild, interaction.guild_id)


def can_manage(interaction: discord.Interaction) -> bool:
    """Whether the member may administer the server's bot settings (Manage Server)."""
    return interaction.guild_id is not None and interaction.permissions.manage_guild


def command(
    interaction: discord.Interaction, name: str, *args: str | None, chat: Chat | None = None
) -> Incoming:
    """A slash command as the core's command event (empty options are left out)."""
    words = tuple(arg for arg in args if arg)
    return Incoming.for_command(
        sender_of(interaction.user),
        chat or chat_of(interaction),
        name,
        *words,
        can_manage=can_manage(interaction),
    )


def button(interaction: discord.Interaction, action: Action) -> Incoming:
    """A button press carrying the core's action."""
    message_id = str(interaction.message.id) if interaction.message is not None else None
    return Incoming.for_action(
        sender_of(interaction.user),
        chat_of(interaction),
        action,
        reply_to=message_id,
        can_manage=can_manage(interaction),
    )


def modal_answer(interaction: discord.Interaction, text: str, question_message_id: int) -> Incoming:
    """An answer written in the Answer modal, as a reply to the question message the button sits on."""
    return Incoming.for_text(
        sender_of(interaction.user),
        chat_of(interaction),
        text,
        reply_to=str(question_message_id),
        message_id=str(interaction.id),
        can_manage=can_manage(interaction),
    )


def dm_message(message: discord.Message) -> Incoming:
    """A plain DM to the bot: an answer, or ``/command args`` typed as text."""
    sender, chat = sender_of(message.author), dm_chat(message.channel.id)
    text = message.content
    reference = message.reference.message_id if message.reference is not None else None
    extra = {"message_id": str(message.id), "reply_to": str(reference) if reference else None}
    if text.startswith("/") and len(text) > 1 and not text[1].isspace():
        name, *args = text[1:].split()
        return Incoming.for_command(sender, chat, name[:32], *args[:MAX_COMMAND_ARGS], **extra)
    return Incoming.for_text(sender, chat, text, **extra)
