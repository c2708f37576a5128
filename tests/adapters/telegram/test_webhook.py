"""Telegram webhook mode: the bot's own listener takes updates carrying the secret header, refuses others."""

from __future__ import annotations

import aiohttp

from adapters.telegram import Webhook, build_application, runner
from tests.support.fake_telegram_server import TOKEN, FakeTelegramServer
from tests.support.net import free_port

ALICE = FakeTelegramServer.user(111, "Alice")
DM = FakeTelegramServer.private_chat(ALICE)
SECRET = "s3cret_Token-42"


def start_update(update_id: int) -> dict:
    """A /start update as Telegram would post it."""
    message = {
        "message_id": 7,
        "date": 1,
        "chat": DM,
        "from": ALICE,
        "text": "/start",
        "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
    }
    return {"update_id": update_id, "message": message}


async def test_webhook_takes_updates_with_the_secret_and_refuses_the_rest(server, engine):
    server.add_chat(DM)
    port = free_port()
    hook = Webhook(f"https://bot.example.com/tg/{port}", SECRET, listen="127.0.0.1", port=port)
    application = build_application(engine, TOKEN, server.base_url)
    await runner.start(application, hook)
    try:
        url = f"http://127.0.0.1:{port}/tg/{port}"
        async with aiohttp.ClientSession() as http:
            without = await http.post(url, json=start_update(1))
            wrong = await http.post(
                url, json=start_update(2), headers={"X-Telegram-Bot-Api-Secret-Token": "nope"}
            )
            right = await http.post(
                url, json=start_update(3), headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}
            )
        (welcome,) = await server.wait_sent(111, 1)
    finally:
        await runner.stop(application)
    assert (without.status, wrong.status, right.status) == (403, 403, 200)
    assert "Hi Alice!" in welcome["text"]
    (registered,) = server.requests("setWebhook")
    assert registered["url"] == f"https://bot.example.com/tg/{port}"
    assert registered["secret_token"] == SECRET
    assert registered["allowed_updates"] == ["message", "callback_query"]
    assert not server.requests("getUpdates")
    assert len(server.requests("sendMessage")) == 1
