"""The slash commands: each converts its options, calls the engine and renders the replies."""

from __future__ import annotations

from typing import Literal

import discord
from discord import app_commands

from adapters.discord import convert, sending, subscribe
from adapters.discord.appeal_handlers import COMMANDS as APPEAL_COMMANDS
from adapters.discord.interview_command import interview

MAX_CHOICES = 25


async def topic_choices(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    """Autocomplete for ``topic``: the content store's topics matching what was typed."""
    typed = current.strip().lower()
    topics = sending.engine_of(interaction).topics()
    matching = [t for t in topics if typed in t.name.lower() or typed in t.title.lower()]
    return [
        app_commands.Choice(name=f"{t.title} ({t.question_count})"[:100], value=t.name[:100])
        for t in matching[:MAX_CHOICES]
    ]


@app_commands.command(name="quiz", description="Get an interview question (any topic, or one you pick)")
@app_commands.describe(topic="The topic to practise", difficulty="Only questions of this difficulty")
@app_commands.autocomplete(topic=topic_choices)
async def quiz(
    interaction: discord.Interaction,
    topic: app_commands.Range[str, 1, 100] | None = None,
    difficulty: Literal["easy", "medium", "hard"] | None = None,
) -> None:
    """Post a question with its Answer, Hint, Skip and Show answer buttons."""
    await sending.run(interaction, convert.command(interaction, "quiz", topic, difficulty))


@app_commands.command(name="leaderboard", description="This server's ranks and streaks")
@app_commands.describe(period="This week, or all time (both when left out)")
async def leaderboard(interaction: discord.Interaction, period: Literal["week", "all"] | None = None) -> None:
    """Show the server's leaderboard."""
    await sending.run(interaction, convert.command(interaction, "leaderboard", period))


@app_commands.command(name="stats", description="Your own progress (only you see it)")
async def stats(interaction: discord.Interaction) -> None:
    """Show the user's progress, privately."""
    await sending.run(interaction, convert.command(interaction, "stats"), private_if_slow=True)


@app_commands.command(name="export", description="Your answers as a JSON file (in a DM with the bot)")
async def export(interaction: discord.Interaction) -> None:
    """Send the user's data as a file in a DM; in a server, say to ask in a DM."""
    await sending.run(interaction, convert.command(interaction, "export"), private_if_slow=True)


@app_commands.command(name="topics", description="What you can practise")
async def topics(interaction: discord.Interaction) -> None:
    """List the topics."""
    await sending.run(interaction, convert.command(interaction, "topics"))


@app_commands.command(name="help", description="What this bot does and how to use it")
async def help_command(interaction: discord.Interaction) -> None:
    """Show the welcome and the commands."""
    await sending.run(interaction, convert.command(interaction, "help"), private_if_slow=True)


@app_commands.command(name="forget", description="Delete all your data (asks to confirm)")
async def forget(interaction: discord.Interaction) -> None:
    """Ask for confirmation before deleting the user's data."""
    await sending.run(interaction, convert.command(interaction, "forget"), private_if_slow=True)


@app_commands.command(name="daily", description="One question a day, by DM (or in a channel, for admins)")
@app_commands.describe(
    time="Local time as HH:MM (24h), or off / skip; leave out to see your subscription",
    zone="Your time zone, e.g. Europe/Berlin",
    channel="Post the daily question in this channel instead (needs Manage Server)",
)
@app_commands.autocomplete(zone=subscribe.zone_choices)
async def daily(
    interaction: discord.Interaction,
    time: app_commands.Range[str, 1, 20] | None = None,
    zone: app_commands.Range[str, 1, 64] | None = None,
    channel: discord.TextChannel | None = None,
) -> None:
    """Subscribe the user's DMs, or a channel, to the daily question."""
    await subscribe.daily(interaction, time, zone, channel)


COMMANDS = (
    quiz,
    leaderboard,
    stats,
    export,
    topics,
    help_command,
    forget,
    daily,
    interview,
    *APPEAL_COMMANDS,
)


def register(tree: app_commands.CommandTree) -> None:
    """Add every command to the tree."""
    for command in COMMANDS:
        tree.add_command(command)
