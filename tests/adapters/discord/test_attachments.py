"""Discord sends files end to end: the ``/stats`` chart as an attachment (in a server, only the member
sees it), ``/export`` as a JSON attachment in a DM, and a refused upload that keeps the embed."""

from __future__ import annotations

import json

import pytest

from adapters.charts import ProgressCharts
from bot.engine import Engine
from tests.adapters.charts.test_progress_chart import png_size
from tests.support.discord import client_for, embed_of
from tests.support.fake_discord_server import EPHEMERAL, running_client
from tests.support.history import seed_history
from tests.support.world import keyword_grader, small_bank


@pytest.fixture
async def charted(server, store, clock):
    """The bot on an engine that draws charts, connected to the fake Discord."""
    charts = ProgressCharts()
    engine = Engine(small_bank(), store, clock, grader=keyword_grader, nudger=lambda q, g: "", charts=charts)
    async with running_client(client_for(server, engine), server) as client:
        yield client
    charts.close()


async def test_stats_in_a_server_sends_the_chart_as_a_private_attachment(server, charted, store, clock):
    alice = server.user("Alice")
    await seed_history(store, "discord", alice["id"], "Alice", clock.now())
    asked = await server.slash(alice, "stats")
    response = await server.response(asked)
    assert "Alice's progress" in embed_of(response["data"])["title"]
    await server.wait_until(lambda: server.followups(asked))
    upload = next(c for c in server.calls if c.files)
    [file] = upload.files
    assert file["filename"] == "progress.png" and png_size(file["data"]) == (1000, 750)
    [followup] = server.followups(asked)
    assert followup["flags"] & EPHEMERAL
    assert followup["attachments"][0]["filename"] == "progress.png"
    assert followup["attachments"][0]["content_type"] == "image/png"


async def test_stats_for_a_new_user_has_no_attachment(server, charted):
    alice = server.user("Alice")
    asked = await server.slash(alice, "stats")
    response = await server.response(asked)
    assert embed_of(response["data"])["title"] == "No answers yet."
    assert not any(c.files for c in server.calls)


async def test_export_in_a_dm_message_is_a_json_attachment(server, charted, store, clock):
    alice = server.user("Alice")
    dm = server.dm_channel(alice)
    count = await seed_history(store, "discord", alice["id"], "Alice", clock.now())
    await server.send_dm(alice, "/export")
    posts = await server.wait_until(lambda: server.calls_to("POST", f"/channels/{dm['id']}/messages")[1:])
    [file] = posts[0].files
    assert file["filename"].endswith(".json")
    assert len(json.loads(file["data"])["attempts"]) == count
    assert (
        embed_of(server.calls_to("POST", f"/channels/{dm['id']}/messages")[0].body)["title"] == "📦 Your data"
    )


async def test_export_in_a_server_says_to_use_a_dm(server, charted, store, clock):
    alice = server.user("Alice")
    await seed_history(store, "discord", alice["id"], "Alice", clock.now())
    asked = await server.slash(alice, "export")
    response = await server.response(asked)
    assert embed_of(response["data"])["title"] == "Your export goes to a direct message."
    assert response["data"]["flags"] & EPHEMERAL
    assert not any(c.files for c in server.calls)


async def test_a_refused_upload_keeps_the_embed_and_says_so(server, charted, store, clock):
    alice = server.user("Alice")
    await seed_history(store, "discord", alice["id"], "Alice", clock.now())
    server.fail(
        "POST", rf"/webhooks/{server.application_id}/.+", 413, {"message": "Request entity too large"}
    )
    asked = await server.slash(alice, "stats")
    response = await server.response(asked)
    assert "Alice's progress" in embed_of(response["data"])["title"]
    [note] = await server.wait_until(lambda: server.followups(asked)[1:])
    assert "The chart could not be sent" in note["content"]
