"""``interview-bot discord``: a clear refusal without a token, and real runs against a fake Discord."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from adapters.discord.commands import COMMANDS
from interview_bot.cli import app
from tests.adapters.discord.test_channel import embed_of
from tests.support.fake_discord_server import FakeDiscord
from tests.support.paths import TEST_PACKS

TOKEN = "MTIzNDU2Nzg5.fake.discord-bot-token"


@pytest.fixture
async def server():
    """A fake Discord the child process is pointed at."""
    fake = FakeDiscord()
    await fake.start()
    yield fake
    await fake.stop()


def test_without_a_token_it_says_so_and_exits_2(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)  # no .env file to read a token from
    result = CliRunner().invoke(app, ["discord"])
    assert result.exit_code == 2
    assert "DISCORD_TOKEN is not set" in result.output and "developers/applications" in result.output


def test_guild_ids_that_are_not_a_list_are_explained(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    for value in ("not-a-number", "12,abc", "[12"):
        monkeypatch.setenv("DISCORD_GUILD_IDS", value)
        result = CliRunner().invoke(app, ["discord"])
        assert result.exit_code == 2
        assert "DISCORD_GUILD_IDS is a list of server ids" in result.output
        assert TOKEN not in result.output


async def start_cli(server: FakeDiscord, tmp_path: Path, token: str) -> asyncio.subprocess.Process:
    """``interview-bot discord`` in a child process whose discord.py REST base and gateway are the fake's."""
    env = {
        **os.environ,
        "DISCORD_TOKEN": token,
        "DISCORD_GUILD_IDS": f"[{server.guild_id}]",
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
        "CONTENT_DIRS": f'["{TEST_PACKS / "valid"}"]',
        "LOG_LEVEL": "INFO",
    }
    code = (
        "import discord, yarl\n"
        f"discord.http.Route.BASE = {server.rest_base!r}\n"
        f"discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL({str(server.gateway_url)!r})\n"
        "from interview_bot.cli import main\n"
        "main()\n"
    )
    return await asyncio.create_subprocess_exec(
        sys.executable, "-c", code, "discord", cwd=tmp_path, env=env, stderr=asyncio.subprocess.PIPE
    )


async def test_the_command_syncs_commands_serves_a_quiz_and_stops_on_sigterm(server, tmp_path: Path) -> None:
    process = await start_cli(server, tmp_path, TOKEN)
    try:
        await server.wait_ready(timeout=30)
        asked = await server.slash(server.user("Alice"), "quiz", topic="fx-payments")
        response = await server.response(asked, timeout=10)
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), 30)
    log = stderr.decode()
    assert process.returncode == 0, log
    assert embed_of(response)["title"].startswith("fx-payments · ")  # from the pack in CONTENT_DIRS
    assert {c["name"] for c in server.commands[server.guild_id]} >= {"quiz", "daily", "leaderboard"}
    assert f"synced {len(COMMANDS)} slash commands to guild" in log
    assert TOKEN not in log and "fake.discord-bot-token" not in log


async def test_a_refused_token_is_reported_without_being_printed(server, tmp_path: Path) -> None:
    server.fail("GET", "/users/@me", 401, {"message": "401: Unauthorized", "code": 0})
    process = await start_cli(server, tmp_path, TOKEN)
    _, stderr = await asyncio.wait_for(process.communicate(), 30)
    log = stderr.decode()
    assert process.returncode == 1, log
    assert "Discord refused the token in DISCORD_TOKEN" in log
    assert "fake.discord-bot-token" not in log
