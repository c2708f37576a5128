"""The Telegram ``Transport`` for scheduled drills, against the fake Bot API server."""

from __future__ import annotations

import pytest
from telegram.ext import AIORateLimiter

from adapters.telegram import TelegramTransport, build_application, sending
from bot.model.actions import Action
from bot.model.messages import Button, Reply, ReplyKind
from bot.ports import PermanentFailure, TemporaryFailure
from tests.support.fake_telegram_server import TOKEN, FakeTelegramServer

ALICE = FakeTelegramServer.user(111, "Alice")
DM = FakeTelegramServer.private_chat(ALICE)
QUESTION = Reply(
    ReplyKind.QUESTION,
    "security · easy",
    ("What is a <JWT> & why sign it?",),
    buttons=(Button("💡 Hint", Action.hint(7)), Button("x" * 70, Action.next("y" * 60))),
    open_question_id=7,
)


@pytest.fixture
def server(server: FakeTelegramServer) -> FakeTelegramServer:
    """The fake Bot API (this folder's ``server``), with Alice's DM known."""
    server.add_chat(DM)
    return server


@pytest.fixture
async def bot_for(server, engine):
    """Make an initialized bot (with the application's rate limiter) for the fake server."""
    applications = []

    async def make(rate_limiter: AIORateLimiter | None = None):
        application = build_application(engine, TOKEN, server.base_url, rate_limiter=rate_limiter)
        await application.initialize()
        applications.append(application)
        return application.bot

    yield make
    for application in applications:
        await application.shutdown()


async def test_send_returns_one_message_id_per_reply(server, bot_for):
    transport = TelegramTransport(await bot_for())
    ids = await transport.send("111", [QUESTION, Reply(ReplyKind.INFO, "Good morning")])
    sent = server.requests("sendMessage", chat_id=111)
    assert ids == [str(s["result"]["message_id"]) for s in sent]
    assert "What is a &lt;JWT&gt; &amp; why sign it?" in sent[0]["text"]
    assert [b["callback_data"] for b in sent[0]["reply_markup"]["inline_keyboard"][0]] == ["hint:7"]


async def test_a_429_is_retried_after_retry_after(server, bot_for):
    transport = TelegramTransport(await bot_for())
    server.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    ids = await transport.send("111", [QUESTION])
    assert [c.error for c in server.calls if c.method == "sendMessage"] == [429, None]
    assert ids == [str(server.requests("sendMessage")[0]["result"]["message_id"])]


async def test_a_429_beyond_the_retries_is_a_temporary_failure_with_retry_after(server, bot_for):
    transport = TelegramTransport(await bot_for(AIORateLimiter(max_retries=0)))
    server.fail_next("sendMessage", 429, "Too Many Requests: retry after 30", retry_after=30)
    with pytest.raises(TemporaryFailure) as failure:
        await transport.send("111", [QUESTION])
    assert failure.value.retry_after == 30.0


async def test_a_blocked_bot_is_a_permanent_failure(server, bot_for):
    transport = TelegramTransport(await bot_for())
    server.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user")
    with pytest.raises(PermanentFailure) as failure:
        await transport.send("111", [QUESTION])
    assert "blocked" in failure.value.reason


async def test_an_unknown_chat_is_a_permanent_failure(server, bot_for):
    transport = TelegramTransport(await bot_for())
    with pytest.raises(PermanentFailure, match=r"(?i)chat not found"):
        await transport.send("424242", [QUESTION])


async def test_a_network_failure_that_outlasts_the_retries_is_temporary(server, bot_for, monkeypatch):
    monkeypatch.setattr(sending, "FIRST_BACKOFF_SECONDS", 0.01)
    transport = TelegramTransport(await bot_for())
    for _ in range(sending.NETWORK_ATTEMPTS):
        server.fail_next("sendMessage", 502, "Bad Gateway")
    with pytest.raises(TemporaryFailure, match="NetworkError"):
        await transport.send("111", [QUESTION])
    assert [c.error for c in server.calls if c.method == "sendMessage"] == [502] * sending.NETWORK_ATTEMPTS
