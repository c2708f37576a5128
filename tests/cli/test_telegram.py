"""``interview-bot telegram``: clear refusals without a token or secret; a real run against the fake API."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from interview_bot.cli import app
from tests.support.fake_telegram_server import TOKEN, FakeTelegramServer
from tests.support.net import free_port
from tests.support.paths import TEST_PACKS

ALICE = FakeTelegramServer.user(111, "Alice")
DM = FakeTelegramServer.private_chat(ALICE)


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No Telegram settings in the environment, and no .env file to read them from."""
    for name in ("TELEGRAM_TOKEN", "TELEGRAM_WEBHOOK_SECRET", "TELEGRAM_API_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


def test_without_a_token_it_says_so_and_exits_2(clean_env) -> None:
    result = CliRunner().invoke(app, ["telegram"])
    assert result.exit_code == 2
    assert "TELEGRAM_TOKEN is not set" in result.output and "@BotFather" in result.output


def test_webhook_mode_needs_a_secret_and_a_full_url(clean_env, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_TOKEN", TOKEN)
    no_secret = CliRunner().invoke(app, ["telegram", "--webhook", "https://bot.example.com/tg"])
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", "has spaces!")
    bad_secret = CliRunner().invoke(app, ["telegram", "--webhook", "https://bot.example.com/tg"])
    bad_url = CliRunner().invoke(app, ["telegram", "--webhook", "bot.example.com"])
    assert (no_secret.exit_code, bad_secret.exit_code, bad_url.exit_code) == (2, 2, 2)
    assert "TELEGRAM_WEBHOOK_SECRET" in no_secret.output
    assert "A-Z, a-z, 0-9, _ and -" in bad_secret.output
    assert "full URL" in bad_url.output
    assert TOKEN not in no_secret.output + bad_secret.output + bad_url.output


async def start_cli(server: FakeTelegramServer, tmp_path: Path, token: str) -> asyncio.subprocess.Process:
    """``interview-bot telegram`` in a child process, pointed at the fake server and a fresh database."""
    env = {
        **os.environ,
        "TELEGRAM_TOKEN": token,
        "TELEGRAM_API_BASE_URL": server.base_url,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
        "CONTENT_DIRS": f'["{TEST_PACKS / "valid"}"]',
        "LOG_LEVEL": "INFO",
    }
    code = "from interview_bot.cli import main; main()"
    return await asyncio.create_subprocess_exec(
        sys.executable, "-c", code, "telegram", cwd=tmp_path, env=env, stderr=asyncio.subprocess.PIPE
    )


async def test_the_command_runs_the_bot_by_long_polling_and_stops_on_sigterm(
    telegram_server, tmp_path: Path
) -> None:
    telegram_server.push_text(DM, ALICE, "/start")
    process = await start_cli(telegram_server, tmp_path, TOKEN)
    try:
        (welcome,) = await telegram_server.wait_sent(111, 1, timeout=30)
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), 30)
    log = stderr.decode()
    assert process.returncode == 0, log
    assert "Hi Alice!" in welcome["text"] and "fx-payments" in welcome["text"]
    assert "receiving updates by long polling as @interview_test_bot" in log
    assert TOKEN.lower() not in log.lower()


async def test_a_refused_token_is_reported_without_being_printed(telegram_server, tmp_path: Path) -> None:
    process = await start_cli(telegram_server, tmp_path, "999:wrong-Token")
    _, stderr = await asyncio.wait_for(process.communicate(), 30)
    log = stderr.decode()
    assert process.returncode == 1
    assert "Telegram refused the token in TELEGRAM_TOKEN" in log
    assert "wrong-token" not in log.lower()
    assert "Traceback" not in log and "CancelledError" not in log, "a failed start is one clean error"
    assert "alembic" not in log and "apscheduler" not in log, "no library INFO lines"


async def test_an_unreachable_api_is_reported_and_exits_1(tmp_path: Path) -> None:
    closed = FakeTelegramServer()  # never started, so nothing listens on its port
    closed.port = free_port()
    process = await start_cli(closed, tmp_path, TOKEN)
    _, stderr = await asyncio.wait_for(process.communicate(), 30)
    log = stderr.decode()
    assert process.returncode == 1
    assert f"Error: the Bot API at {closed.base_url} failed: NetworkError" in log
    assert TOKEN.lower() not in log.lower()
