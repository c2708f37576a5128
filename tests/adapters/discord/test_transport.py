"""The Discord transport for scheduled drills: sends, rate limits and refusals, against a fake Discord."""

from __future__ import annotations

import pytest

from adapters.discord import DiscordTransport
from bot.engine import Engine
from bot.model.actions import Action
from bot.model.messages import Button, Reply, ReplyKind
from bot.ports import PermanentFailure, TemporaryFailure
from tests.support.discord import client_for
from tests.support.fake_discord_server import FakeDiscord, running_client

QUESTION = Reply(
    ReplyKind.QUESTION,
    "security · easy",
    ("What is a JWT?",),
    buttons=(Button("💡 Hint", Action.hint(5)), Button("⏭ Skip", Action.skip(5))),
    open_question_id=5,
)
MESSAGES = r"/channels/\d+/messages"


@pytest.fixture
async def transport(server: FakeDiscord, engine: Engine):
    """A transport over a connected client."""
    async with running_client(client_for(server, engine), server) as client:
        yield DiscordTransport(client)


async def test_send_posts_each_reply_and_returns_message_ids(server, transport):
    info = Reply(ReplyKind.INFO, "Your daily question")
    ids = await transport.send(server.drills["id"], [info, QUESTION])
    posted = server.channel_messages(server.drills["id"])
    assert ids == [m["id"] for m in posted]
    assert [m["embeds"][0]["title"] for m in posted] == ["Your daily question", "security · easy"]
    buttons = [b["custom_id"] for row in posted[1]["components"] for b in row["components"]]
    assert buttons == ["ib-answer:5", "ib:hint:5", "ib:skip:5"]
    assert all(m["allowed_mentions"] == {"parse": []} for m in posted)


async def test_a_short_429_is_retried_by_discord_py(server, transport):
    server.rate_limit("POST", MESSAGES, retry_after=0.01)
    (message_id,) = await transport.send(server.general["id"], [QUESTION])
    assert len(server.calls_to("POST", MESSAGES)) == 2
    assert message_id in server.messages


async def test_a_long_429_is_a_temporary_failure_with_its_retry_after(server, transport):
    server.rate_limit("POST", MESSAGES, retry_after=120)
    with pytest.raises(TemporaryFailure) as failure:
        await transport.send(server.general["id"], [QUESTION])
    assert failure.value.retry_after == 120
    assert len(server.calls_to("POST", MESSAGES)) == 1


async def test_closed_dms_are_a_permanent_failure(server, transport):
    alice = server.user("Alice")
    server.closed_dms.add(alice["id"])
    dm = server.dm_channel(alice)
    with pytest.raises(PermanentFailure, match="403"):
        await transport.send(dm["id"], [QUESTION])


async def test_a_missing_channel_is_permanent_and_a_server_hiccup_temporary(server, transport):
    server.fail("POST", MESSAGES, 404, {"message": "Unknown Channel", "code": 10003})
    with pytest.raises(PermanentFailure, match="10003"):
        await transport.send(server.general["id"], [QUESTION])
    server.fail("POST", MESSAGES, 400, {"message": "Invalid Form Body", "code": 50035})
    with pytest.raises(TemporaryFailure, match="400"):
        await transport.send(server.general["id"], [QUESTION])
    with pytest.raises(PermanentFailure):
        await transport.send("not-a-channel", [QUESTION])
