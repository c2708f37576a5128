"""A DM session and a group session on the production stack (real grader, packs, SQLite), as transcripts.

Run with ``pytest tests/adapters/telegram/test_transcript.py -s`` to read what users and the bot said.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from bot import grading
from bot.engine import Engine
from content import load_bank
from storage import open_database
from tests.support.fake_telegram_server import Call, FakeTelegramServer, parse_html, running_bot
from tests.support.fakes import FixedClock
from tests.support.paths import TEST_PACKS

PACKS = TEST_PACKS / "valid"
ALICE = FakeTelegramServer.user(111, "Alice")
DM = FakeTelegramServer.private_chat(ALICE)
GROUP_ID = -100200
GROUP = FakeTelegramServer.group_chat(GROUP_ID, "SRE book club")
BOB = FakeTelegramServer.user(222, "Bob")
CAROL = FakeTelegramServer.user(333, "Carol")
MALLORY = FakeTelegramServer.user(444, "<Mallory & co>")


@pytest.fixture
async def engine(tmp_path: Path, clock: FixedClock):
    """The production engine: packs from disk, the real grader, a SQLite store."""
    database = await open_database(f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}", clock=clock)
    bank, rng = load_bank([PACKS]), random.Random(5)
    yield Engine(bank, database.store, clock, grader=grading.grade, nudger=grading.nudge, rng=rng)
    await database.close()


def transcript(server: FakeTelegramServer, chat_id: int) -> str:
    """What happened in one chat: members' messages and presses, the bot's messages, edits and pop-ups."""
    lines: list[str] = []
    for event in server.timeline:
        if isinstance(event, Call):
            lines += _bot_call(server, event, chat_id)
        elif "message" in event and event["message"]["chat"]["id"] == chat_id:
            message = event["message"]
            quoted = message.get("reply_to_message", {}).get("message_id")
            to = f" (reply to #{quoted})" if quoted else ""
            lines.append(f"#{message['message_id']} {message['from']['first_name']}{to}: {message['text']}")
        elif "callback_query" in event and event["callback_query"]["message"]["chat"]["id"] == chat_id:
            query = event["callback_query"]
            label = _label(query["message"], query["data"])
            lines.append(
                f"   {query['from']['first_name']} presses [{label}] under #{query['message']['message_id']}"
            )
    return "\n".join(lines)


def _bot_call(server: FakeTelegramServer, call: Call, chat_id: int) -> list[str]:
    params = call.params
    if call.method == "answerCallbackQuery" and params.get("text"):
        return [f"   bot pop-up (only the presser sees it): {params['text']}"]
    if call.method not in {"sendMessage", "editMessageText"} or params.get("chat_id") != str(chat_id):
        return []
    quoted = (params.get("reply_parameters") or {}).get("message_id")
    head = f"#{call.result['message_id']} bot" + (f" (reply to #{quoted})" if quoted else "")
    if call.method == "editMessageText":
        head = f"   bot edits #{params['message_id']}"
    body = parse_html(params["text"]).split("\n")
    buttons = [
        f"[{b['text']}]" for row in (params.get("reply_markup") or {}).get("inline_keyboard", []) for b in row
    ]
    if buttons:
        body.append(" ".join(buttons))
    return [f"{head}: {body[0]}", *[f"      | {line}" for line in body[1:]]]


def _label(message: dict, data: str) -> str:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return next((b["text"] for row in rows for b in row if b["callback_data"] == data), data)


async def say(
    server: FakeTelegramServer, chat: dict, user: dict, text: str, reply_to: int | None = None
) -> dict:
    """Send a message and wait for the bot's next message in that chat."""
    before = len(server.requests("sendMessage", chat_id=chat["id"]))
    server.push_text(chat, user, text, reply_to=reply_to)
    return (await server.wait_sent(chat["id"], before + 1))[before]


async def press(server: FakeTelegramServer, chat: dict, user: dict, message: dict, label: str) -> None:
    """Press a button of a bot message and wait until the press is answered."""
    before = len(server.requests("answerCallbackQuery"))
    data = next(
        b["callback_data"]
        for row in message["reply_markup"]["inline_keyboard"]
        for b in row
        if label in b["text"]
    )
    server.push_callback(chat, user, message["result"]["message_id"], data)
    await server.wait_for(lambda: len(server.requests("answerCallbackQuery")) > before)


async def test_a_dm_session(server, engine):
    async with running_bot(server, engine):
        await say(server, DM, ALICE, "/start")
        question = await say(server, DM, ALICE, "/quiz fx-idempotency-keys")
        await press(server, DM, ALICE, question, "Hint")
        await server.wait_sent(111, 3)
        answer = (
            "Retries are safe after a timeout: the server keeps the key and returns the stored response "
            "instead of making a duplicate charge."
        )
        graded = await say(server, DM, ALICE, answer)
        await say(server, DM, ALICE, "/stats")
        await say(server, DM, ALICE, "/daily 25:00")
        await say(server, DM, ALICE, "/daily 08:30 Europe/Berlin")
        prompt = await say(server, DM, ALICE, "/forget")
        await press(server, DM, ALICE, prompt, "Yes")
        await server.wait_for(lambda: server.requests("editMessageText"))
    text = transcript(server, 111)
    print("\n--- DM ---\n" + text)
    assert "Why do payment APIs accept an idempotency key?" in text
    assert "[💡 Hint] [⏭ Skip] [📖 Show answer]" in text
    assert "Key points you hit" in parse_html(graded["text"]) and "Model answer" in parse_html(graded["text"])
    assert "not a valid time of day" in text and "📅 Subscribed!" in text
    assert "bot edits" in text and "All your data is deleted." in text


async def test_a_group_session(server, engine):
    async with running_bot(server, engine):
        question = await say(server, GROUP, BOB, "/quiz@interview_test_bot fx-observability")
        asked = question["result"]["message_id"]
        await say(server, GROUP, CAROL, "Logs, metrics and traces.", reply_to=asked)
        await say(server, GROUP, BOB, "Mostly logs, I think.", reply_to=asked)
        await say(server, GROUP, MALLORY, "metrics? & <b>traces</b>", reply_to=asked)
        server.push_text(GROUP, CAROL, "nice one")
        await press(server, GROUP, CAROL, question, "Skip")
        board = await say(server, GROUP, BOB, "/leaderboard")
    text = transcript(server, GROUP_ID)
    print("\n--- group ---\n" + text)
    assert "Reply to this message with your answer" in text
    assert "Carol · ✅ Correct" in text
    assert "&lt;Mallory &amp; co&gt;" in board["text"]
    assert "bot pop-up (only the presser sees it): Only the member who asked, or an admin" in text
    assert "1. Carol" in parse_html(board["text"])
