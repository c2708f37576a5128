"""Fixtures of the Discord adapter tests: the fake Discord as ``server``, and the bot connected to it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from adapters.discord import InterviewClient
from bot.engine import Engine
from tests.support.discord import client_for
from tests.support.fake_discord_server import FakeDiscord, running_client


@pytest.fixture
def server(discord_server: FakeDiscord) -> FakeDiscord:
    """The fake Discord that discord.py talks to (the shared ``discord_server``)."""
    return discord_server


@pytest.fixture
async def bot(server: FakeDiscord, engine: Engine) -> AsyncIterator[InterviewClient]:
    """The bot, connected and ready, with its commands synced to the test server."""
    async with running_client(client_for(server, engine), server) as client:
        yield client
