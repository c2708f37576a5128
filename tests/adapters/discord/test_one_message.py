"""One message per answer on Discord: a grade and its follow-up go out as one message (an embed each, both
replies' buttons in one view) unless together they would break Discord's limits for one message, when
they go out as two, as before.  Sent through the transport to the fake Discord, which refuses what Discord
refuses (more than 10 embeds or 6,000 characters of embeds, more than 5 rows of 5 buttons, a repeated
custom id)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from adapters.discord import DiscordTransport, sending
from adapters.discord.render import EMBED_TOTAL_LIMIT
from bot.engine import Engine
from bot.model.actions import Action
from bot.model.messages import Button, Reply, ReplyKind
from bot.ports import TemporaryFailure
from tests.support.discord import client_for
from tests.support.fake_discord_server import FakeDiscord, invalid_form, running_client

MESSAGES = r"/channels/\d+/messages"


def grade(body: str = "Good start.", buttons: tuple[Button, ...] = ()) -> Reply:
    """A grade as the core sends one in a DM."""
    buttons = buttons or (Button("➡ Next question", Action.next("databases")),)
    return Reply(ReplyKind.GRADE, "🟡 Partly right – 50%", (body,), buttons=buttons, answers="7")


def follow_up(body: str = "What else does an index cost?") -> Reply:
    """The follow-up the core sends after that grade."""
    leave = (Button("⏭ Leave it", Action.leave(3)),)
    return Reply(ReplyKind.FOLLOW_UP, "🔁 Follow-up", (body,), buttons=leave, answers="7", follow_up_id=3)


@pytest.fixture
async def transport(server: FakeDiscord, engine: Engine):
    """A transport over a connected client."""
    async with running_client(client_for(server, engine), server) as client:
        yield DiscordTransport(client)


def posted_bodies(server: FakeDiscord) -> list[dict]:
    """The bodies of the messages the bot posted to channels, in order."""
    return [call.body for call in server.calls_to("POST", MESSAGES)]


async def test_a_grade_and_its_follow_up_are_one_message_with_both_embeds_and_buttons(server, transport):
    ids = await transport.send(server.drills["id"], [grade(), follow_up()])
    [body] = posted_bodies(server)
    assert [e["title"] for e in body["embeds"]] == ["🟡 Partly right – 50%", "🔁 Follow-up"]
    rows = [[b["custom_id"] for b in row["components"]] for row in body["components"]]
    assert rows == [["ib:next:databases"], ["ib:leave:3"]]
    assert ids == [ids[0], ids[0]], "both replies went out as that one message"


async def test_a_pair_too_long_for_one_message_goes_out_as_two(server, transport):
    long_grade, long_follow_up = grade("g" * 3500), follow_up("f" * 3500)
    outs = sending.messages([long_grade, long_follow_up], in_dm=True)
    assert sum(len(out.embed) for group in outs for out in group) > EMBED_TOTAL_LIMIT
    assert [[out.reply for out in group] for group in outs] == [[long_grade], [long_follow_up]]

    ids = await transport.send(server.drills["id"], [long_grade, long_follow_up])
    bodies = posted_bodies(server)
    titles = [[e["title"] for e in b["embeds"]] for b in bodies]
    assert titles == [["🟡 Partly right – 50%"], ["🔁 Follow-up"]]
    assert len(set(ids)) == 2


async def test_the_fake_refuses_the_long_pair_as_one_message(server, transport, monkeypatch):
    """The size check is what keeps the long pair deliverable: without it Discord (the fake) refuses it."""
    monkeypatch.setattr(sending.render, "fit_one_message", lambda embeds: True)
    with pytest.raises(TemporaryFailure, match="400"):
        await transport.send(server.drills["id"], [grade("g" * 3500), follow_up("f" * 3500)])


async def test_buttons_that_would_need_more_than_five_rows_split_the_pair(server, transport):
    many = tuple(Button(f"Topic {n}", Action.next(f"topic-{n}")) for n in range(21))
    ids = await transport.send(server.drills["id"], [grade(buttons=many), follow_up()])
    bodies = posted_bodies(server)
    assert [len(b["components"]) for b in bodies] == [5, 1]
    assert len(set(ids)) == 2


async def test_a_button_both_replies_carry_appears_once(server, transport):
    leave = Button("⏭ Leave it", Action.leave(3))
    await transport.send(server.drills["id"], [grade(buttons=(leave,)), follow_up()])
    [body] = posted_bodies(server)
    assert [[b["custom_id"] for b in row["components"]] for row in body["components"]] == [["ib:leave:3"]]


def test_replies_that_may_not_share_a_message_stay_apart():
    private_follow_up = replace(follow_up(), private=True)
    groups = sending.messages([grade(), private_follow_up], in_dm=False)
    assert [len(group) for group in groups] == [1, 1]


def test_the_fake_knows_discords_limits_for_one_message():
    embed = {"title": "t", "description": "d" * 10}
    button = {"type": 2, "custom_id": "x"}
    assert invalid_form({"embeds": [embed] * 10}) is None
    assert invalid_form({"embeds": [embed] * 11})
    assert invalid_form({"embeds": [{"description": "d" * 3001}] * 2})
    assert invalid_form({"components": [{"type": 1, "components": [button, button]}]})
    assert invalid_form({"components": [{"type": 1, "components": []}] * 6})
