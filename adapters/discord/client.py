"""The Discord client: slash commands, persistent buttons, the Answer modal and DMs, wired to one engine."""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import Iterable, Sequence
from typing import Any

import discord
from discord import app_commands

from adapters.discord import appeal_handlers, commands, follow_up_handlers, handlers, sending
from adapters.discord.render import NO_MENTIONS
from adapters.discord.views import PERSISTENT_ITEMS
from bot.engine import Engine
from bot.model.actions import Action, Verb

log = logging.getLogger(__name__)

MAX_RATELIMIT_WAIT = 30.0
"""Longest 429 ``retry_after`` discord.py waits out itself; longer ones raise ``RateLimited``."""


def intents() -> discord.Intents:
    """Only what the bot needs: servers and their channels, and DMs (no privileged intent)."""
    wanted = discord.Intents.none()
    wanted.guilds = True
    wanted.dm_messages = True
    return wanted


class CommandTree(app_commands.CommandTree):
    """The slash-command tree, whose error handler answers the user and logs instead of failing silently."""

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        """Log the failure and tell the user (autocomplete requests cannot be answered with a message)."""
        name = interaction.command.name if interaction.command else "?"
        if isinstance(error, app_commands.CommandNotFound):
            log.warning("unknown command %r (commands may still be syncing)", error.name)
            detail = "That command is not available any more; Discord may still be updating the list."
        elif isinstance(error, app_commands.TransformerError):
            log.info("/%s got an option it cannot use: %s", name, error)
            detail = "One of the options could not be used here; please pick another."
        else:
            log.error("/%s failed", name, exc_info=error)
            detail = "Please try again in a moment."
        if interaction.type is not discord.InteractionType.autocomplete:
            await sending.apologise(interaction, detail)


class InterviewClient(discord.Client):
    """A discord.py client that hands every person's action to the engine.

    It is also the buttons' ``PressHandler``: a pressed button calls back into it.
    """

    def __init__(
        self,
        engine: Engine,
        *,
        guild_ids: Iterable[int] = (),
        defer_after: float = sending.DEFAULT_DEFER_AFTER,
        **options: Any,
    ) -> None:
        options.setdefault("intents", intents())
        options.setdefault("allowed_mentions", NO_MENTIONS)
        options.setdefault("max_ratelimit_timeout", MAX_RATELIMIT_WAIT)
        super().__init__(**options)
        self.engine = engine
        self.guild_ids = tuple(guild_ids)
        self.defer_after = defer_after
        self.summary_locks: weakref.WeakValueDictionary[int, asyncio.Lock] = weakref.WeakValueDictionary()
        self.tree = CommandTree(self)
        commands.register(self.tree)

    async def setup_hook(self) -> None:
        """Compile the questions' grading patterns (in a thread, so the loop keeps time), listen for the
        persistent buttons and sync the slash commands."""
        await asyncio.to_thread(self.engine.prepare)
        self.add_dynamic_items(*PERSISTENT_ITEMS)
        await self.sync_commands()

    async def sync_commands(self) -> None:
        """Sync to the configured guilds (instant, for development), or globally."""
        if not self.guild_ids:
            synced = await self.tree.sync()
            log.info("synced %d slash commands globally", len(synced))
            return
        for guild_id in self.guild_ids:
            guild = discord.Object(id=guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d slash commands to guild %s", len(synced), guild_id)

    async def on_ready(self) -> None:
        """Log who the bot is once connected."""
        log.info("connected to Discord as %s (id %s)", self.user, self.user.id if self.user else "?")

    async def on_message(self, message: discord.Message) -> None:
        """DMs answer the pending question (the bot does not read server channels)."""
        await handlers.on_dm(self.engine, message)

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """Answer-modal submissions (commands and buttons are dispatched by discord.py itself)."""
        if interaction.type is discord.InteractionType.modal_submit:
            modals = (handlers.on_submission, follow_up_handlers.on_submission, appeal_handlers.on_submission)
            for read in modals:  # each reads its own modal's submission and says whether it was one
                if await read(interaction):
                    break

    async def on_core_button(self, interaction: discord.Interaction, action: Action) -> None:
        """A core button was pressed (called by ``views.CoreButton``)."""
        if action.verb is Verb.DISAGREE:
            await appeal_handlers.open_appeal(interaction, action)
            return
        await handlers.press(interaction, action)

    async def on_answer_button(self, interaction: discord.Interaction, open_question_id: int) -> None:
        """An Answer button was pressed (called by ``views.AnswerButton``)."""
        await handlers.open_answer(interaction, open_question_id)


class ShardedInterviewClient(InterviewClient, discord.AutoShardedClient):
    """The client on several gateway shards (``AutoShardedClient``): this process runs ``shard_ids`` of
    ``shard_count``, so shards can be spread over processes that share one PostgreSQL database."""


def build_client(
    engine: Engine,
    *,
    guild_ids: Iterable[int] = (),
    shard_count: int | None = None,
    shard_ids: Sequence[int] = (),
    **options: Any,
) -> InterviewClient:
    """A ready-to-start client for an engine: sharded when a shard count or shard ids are given."""
    if shard_count is None and not shard_ids:
        return InterviewClient(engine, guild_ids=guild_ids, **options)
    if shard_ids and shard_count is None:
        raise ValueError("shard ids need the total shard count (DISCORD_SHARD_COUNT)")
    if any(not 0 <= shard < (shard_count or 0) for shard in shard_ids):
        raise ValueError(f"shard ids {list(shard_ids)} must lie in 0..{(shard_count or 0) - 1}")
    ids = list(shard_ids) or None  # None: every shard of the count in this process
    return ShardedInterviewClient(
        engine, guild_ids=guild_ids, shard_count=shard_count, shard_ids=ids, **options
    )
