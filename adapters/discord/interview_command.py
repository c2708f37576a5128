"""The ``/interview`` slash command: a mock interview in the user's DM with the bot.

It is offered in DMs only (``allowed_contexts``); should it arrive from a server anyway, the core
answers that interviews are one to one.  ``topic`` autocompletes like ``/quiz`` and also offers
``stop``, which ends the running interview with its scorecard.
"""

from __future__ import annotations

import discord
from discord import app_commands

from adapters.discord import convert, sending

MAX_CHOICES = 25
STOP = app_commands.Choice(name="stop – end the running interview with its scorecard", value="stop")


async def interview_topics(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    """Autocomplete for ``topic``: the topics matching what was typed (as ``/quiz`` offers them), and
    ``stop``."""
    typed = current.strip().lower()
    topics = sending.engine_of(interaction).topics()
    choices = [
        app_commands.Choice(name=f"{t.title} ({t.question_count})"[:100], value=t.name[:100])
        for t in topics
        if typed in t.name.lower() or typed in t.title.lower()
    ]
    if not typed or "stop".startswith(typed):
        return [*choices[: MAX_CHOICES - 1], STOP]
    return choices[:MAX_CHOICES]


@app_commands.command(name="interview", description="A mock interview: questions in a row, scored at the end")
@app_commands.describe(
    topic="Ask one topic only (default: mixed), or stop to end a running interview",
    questions="How many questions (1-10, default 5)",
)
@app_commands.autocomplete(topic=interview_topics)
@app_commands.allowed_contexts(guilds=False, dms=True, private_channels=False)
async def interview(
    interaction: discord.Interaction,
    topic: app_commands.Range[str, 1, 100] | None = None,
    questions: app_commands.Range[int, 1, 10] | None = None,
) -> None:
    """Start (or show) the user's mock interview, or stop it."""
    count = str(questions) if questions is not None else None
    await sending.run(interaction, convert.command(interaction, "interview", topic, count))
