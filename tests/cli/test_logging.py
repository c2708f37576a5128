"""What the bots log: no secret at any level (DEBUG included), no answers, names or update bodies, no noise.

``interview-bot telegram`` runs as a child process in webhook mode at ``LOG_LEVEL=DEBUG`` against the
fake Bot API; an update carrying a name and an answer is posted to its listener with the secret header.
"""

from __future__ import annotations

import asyncio
import io
import logging
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from interview_bot.startup import setup_logging
from tests.support.fake_telegram_server import TOKEN, FakeTelegramServer
from tests.support.net import free_port
from tests.support.paths import TEST_PACKS

SECRET = "webhook-Secret_value-0042"
NAME = "Zebulon"
ANSWER = "my-very-private-answer-text"
USER = FakeTelegramServer.user(4242, NAME)
DM = FakeTelegramServer.private_chat(USER)


def update(update_id: int, text: str) -> dict:
    """A text message from the user, as Telegram posts it to a webhook."""
    message = {"message_id": update_id, "date": 1, "chat": DM, "from": USER, "text": text}
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return {"update_id": update_id, "message": message}


async def test_at_debug_no_secret_answer_or_name_is_logged(telegram_server, tmp_path: Path) -> None:
    port = free_port()
    telegram_server.add_chat(DM)
    env = {
        **os.environ,
        "TELEGRAM_TOKEN": TOKEN,
        "TELEGRAM_WEBHOOK_SECRET": SECRET,
        "TELEGRAM_API_BASE_URL": telegram_server.base_url,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
        "CONTENT_DIRS": f'["{TEST_PACKS / "valid"}"]',
        "LOG_LEVEL": "DEBUG",
    }
    hook = f"https://bot.example.com/tg/{port}"
    args = ["-m", "interview_bot", "telegram", "--webhook", hook, "--port", str(port)]
    process = await asyncio.create_subprocess_exec(
        sys.executable, *args, cwd=tmp_path, env=env, stderr=asyncio.subprocess.PIPE
    )
    try:
        await _post_when_listening(port, [update(1, "/quiz"), update(2, ANSWER)])
        await telegram_server.wait_sent(4242, 2, timeout=30)
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), 30)
    log = stderr.decode()
    assert process.returncode == 0, log
    assert "receiving updates by webhook" in log
    for leak in (TOKEN, TOKEN.split(":")[1], SECRET, NAME, ANSWER):
        assert leak.lower() not in log.lower(), f"{leak!r} was logged"
    assert "alembic" not in log and "apscheduler" not in log, "libraries' INFO lines are off"
    assert "Traceback" not in log


async def _post_when_listening(port: int, updates: list[dict]) -> None:
    """Post updates to the bot's webhook listener (with the secret), once it listens."""
    url = f"http://127.0.0.1:{port}/tg/{port}"
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    async with aiohttp.ClientSession() as http:
        for _ in range(300):
            try:
                async with http.post(url, json=updates[0], headers=headers) as response:
                    if response.status == 200:
                        break
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.1)
        for later in updates[1:]:
            await asyncio.sleep(0.5)
            async with http.post(url, json=later, headers=headers) as response:
                assert response.status == 200


@pytest.fixture
def root_stream() -> Iterator[io.StringIO]:
    """The root logger writing to a string only, restored afterwards."""
    root = logging.getLogger()
    saved, level = root.handlers[:], root.level
    stream = io.StringIO()
    root.handlers = [logging.StreamHandler(stream)]
    yield stream
    root.handlers, root.level = saved, level
    for name in ("bot", "adapters", "storage", "content", "interview_bot", "telegram", "httpx"):
        logging.getLogger(name).setLevel(logging.NOTSET)


def test_secrets_are_masked_at_debug_and_library_debug_is_off(root_stream: io.StringIO) -> None:
    setup_logging("DEBUG", TOKEN, SECRET)
    logging.getLogger("adapters.telegram.runner").debug("calling %s with secret_token=%s", TOKEN, SECRET)
    try:
        raise RuntimeError(f"failed for {TOKEN.upper()}")
    except RuntimeError:
        logging.getLogger("bot.engine").exception("it failed")
    logging.getLogger("telegram.ext.ExtBot").debug("setWebhook parameters %s", {"secret_token": SECRET})
    logging.getLogger("httpx").info("POST %s", TOKEN)
    text = root_stream.getvalue()
    assert "calling <token> with secret_token=<token>" in text
    assert "failed for <token>" in text and "Traceback" in text
    assert TOKEN not in text and SECRET not in text and TOKEN.upper() not in text
    assert "setWebhook" not in text and "POST" not in text, "the libraries log from WARNING only"
