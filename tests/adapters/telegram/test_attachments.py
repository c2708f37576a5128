"""Telegram sends files end to end: ``/stats`` with its chart as a photo, ``/export`` as a document."""

from __future__ import annotations

import json

import pytest

from adapters.charts import ProgressCharts
from bot.engine import Engine
from tests.adapters.charts.test_progress_chart import png_size
from tests.support.fake_telegram_server import FakeTelegramServer, running_bot
from tests.support.history import seed_history
from tests.support.world import keyword_grader, small_bank

ALICE = FakeTelegramServer.user(111, "Alice")
DM = FakeTelegramServer.private_chat(ALICE)
GROUP_ID = -100777
GROUP = FakeTelegramServer.group_chat(GROUP_ID, "Study group")


@pytest.fixture
async def charted(store, clock):
    """An engine that draws charts, over the shared store and clock."""
    charts = ProgressCharts()
    yield Engine(small_bank(), store, clock, grader=keyword_grader, nudger=lambda q, g: "", charts=charts)
    charts.close()


async def test_stats_sends_the_text_then_the_chart_as_a_photo(server, charted, store, clock):
    await seed_history(store, "telegram", "111", "Alice", clock.now())
    async with running_bot(server, charted):
        server.push_text(DM, ALICE, "/stats")
        [photo] = await server.wait_for(lambda: server.uploads("sendPhoto", 111))
    [text] = server.sent_texts(111)
    assert "Alice's progress" in text
    assert photo["filename"] == "progress.png"
    assert png_size(photo["data"]) == (1000, 750)
    stats_at = next(i for i, c in enumerate(server.timeline) if getattr(c, "method", "") == "sendMessage")
    photo_at = next(i for i, c in enumerate(server.timeline) if getattr(c, "method", "") == "sendPhoto")
    assert stats_at < photo_at, "the text goes first"


async def test_a_new_user_gets_the_clear_line_and_no_photo(server, charted):
    async with running_bot(server, charted):
        server.push_text(DM, ALICE, "/stats")
        [text] = [p["text"] for p in await server.wait_sent(111, 1)]
    assert "No answers yet." in text
    assert server.requests("sendPhoto", ok=False) == []


async def test_a_refused_photo_keeps_the_text_and_says_so(server, charted, store, clock):
    await seed_history(store, "telegram", "111", "Alice", clock.now())
    server.fail_next("sendPhoto", 400, "Bad Request: PHOTO_INVALID_DIMENSIONS")
    async with running_bot(server, charted):
        server.push_text(DM, ALICE, "/stats")
        sent = await server.wait_sent(111, 2)
    assert "Alice's progress" in sent[0]["text"]
    assert "The chart could not be sent" in sent[1]["text"]
    assert server.uploads("sendPhoto", 111) == []


async def test_export_in_a_dm_is_a_json_document_of_her_attempts(server, charted, store, clock):
    count = await seed_history(store, "telegram", "111", "Alice", clock.now())
    await seed_history(store, "telegram", "222", "Bob", clock.now(), days=3)
    async with running_bot(server, charted):
        server.push_text(DM, ALICE, "/export")
        [document] = await server.wait_for(lambda: server.uploads("sendDocument", 111))
    assert document["filename"].startswith("interview-bot-export-") and document["filename"].endswith(".json")
    exported = json.loads(document["data"])
    assert exported["user"] == "Alice" and len(exported["attempts"]) == count
    assert f"{count} answer(s)" in server.sent_texts(111)[0]


async def test_export_in_a_group_answers_there_and_uploads_nothing(server, charted, store, clock):
    await seed_history(store, "telegram", "111", "Alice", clock.now())
    async with running_bot(server, charted):
        server.push_text(GROUP, ALICE, "/export")
        [reply] = await server.wait_sent(GROUP_ID, 1)
    assert "Your export goes to a direct message." in reply["text"]
    assert server.requests("sendDocument", ok=False) == []
