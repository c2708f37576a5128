"""The Discord adapter: slash commands, persistent buttons, an Answer modal and DMs, over discord.py."""

from adapters.discord.client import InterviewClient, build_client
from adapters.discord.transport import DiscordTransport

__all__ = ["DiscordTransport", "InterviewClient", "build_client"]
