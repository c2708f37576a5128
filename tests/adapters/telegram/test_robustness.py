"""Telegram under stress, end to end: hostile names, huge odd messages, 429, 403, network and API errors."""

from __future__ import annotations

import logging

from bot.engine import Engine
from bot.model.questions import Difficulty, KeyPoint, Question
from tests.support.fake_telegram_server import TOKEN, FakeTelegramServer, running_bot, utf16_len
from tests.support.fakes import FixedClock, ListBank, MemoryStore
from tests.support.world import key_words, keyword_grader

HOSTILE = FakeTelegramServer.user(666, "<b>Eve</b> & <script>alert(1)</script>", "</a><i>")
DM = FakeTelegramServer.private_chat(HOSTILE)
GROUP_ID = -100777
GROUP = FakeTelegramServer.group_chat(GROUP_ID, "</b>&amp;<pre>")
ODD = (
    "<b>&amp;</b> 👩‍👩‍👧‍👦 e\u0301 \u202eRTL\u202c \u200b\u00a0 𝕬 &lt; <a href='x'> "
    "\\ ` * _ [ ] ( ) ~ > # + - = | { } . ! \ufeff"
)


def odd_message(length: int = 4096) -> str:
    """A message of exactly ``length`` UTF-16 units of markup, emoji, combining marks and RTL text."""
    text = ""
    while utf16_len(text + ODD) <= length:
        text += ODD
    return text + "x" * (length - utf16_len(text))


async def test_hostile_names_and_titles_are_escaped_everywhere(server, engine, store: MemoryStore):
    async with running_bot(server, engine):
        server.push_text(DM, HOSTILE, "/start")
        welcome = (await server.wait_sent(666, 1))[0]
        question = server.push_text(GROUP, HOSTILE, "/quiz security")
        posted = (await server.wait_sent(GROUP_ID, 1))[0]
        opened = next(iter(store.open_questions.values()))
        words = " ".join(key_words(opened.question_id))
        server.push_text(GROUP, HOSTILE, f"<b>{words}</b> & </i>", reply_to=posted["result"]["message_id"])
        server.push_text(GROUP, HOSTILE, "/leaderboard")
        grade, board = (await server.wait_sent(GROUP_ID, 3))[1:]
    escaped = "&lt;b&gt;Eve&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt; &lt;/a&gt;&lt;i&gt;"
    assert f"Hi {escaped}!" in welcome["text"]
    assert f'<a href="tg://user?id=666">{escaped}</a>' in grade["text"]
    assert f"1. {escaped} (you) – 10 pts" in board["text"]
    assert "Leaderboard – &lt;/b&gt;&amp;amp;&lt;pre&gt;" in board["text"]
    assert posted["reply_parameters"]["message_id"] == question
    assert not [c for c in server.calls if c.error]


async def test_a_4096_character_message_of_odd_unicode_and_markup_is_handled(server, engine):
    huge = odd_message()
    assert utf16_len(huge) == 4096
    async with running_bot(server, engine):
        server.push_text(DM, HOSTILE, huge)
        server.push_text(DM, HOSTILE, "/quiz " + huge[:4090])
        server.push_text(DM, HOSTILE, "/quiz security")
        server.push_text(DM, HOSTILE, huge)
        no_question, bad_topic, _, graded = (await server.wait_sent(666, 4))[:4]  # then the follow-up
    assert "No question is waiting for an answer." in no_question["text"]
    assert "There is no topic “&lt;b&gt;&amp;amp;&lt;/b&gt;" in bad_topic["text"]
    assert "❌ Not quite – 0%" in graded["text"]
    assert not [c for c in server.calls if c.error]


async def test_a_reply_longer_than_telegram_allows_is_split_cleanly(
    server, store: MemoryStore, clock: FixedClock
):
    essay = " ".join(f"Sentence {i} about <caching> & “invalidation” 🧊." for i in range(400))
    long_question = Question(
        id="long-one",
        topic="essays",
        difficulty=Difficulty.HARD,
        prompt="Explain everything?",
        model_answer=essay,
        key_points=(KeyPoint("cache", "mentions cache", concepts=(("cache",),)),),
    )
    engine = Engine(ListBank([long_question]), store, clock, grader=keyword_grader, nudger=lambda q, g: "")
    async with running_bot(server, engine):
        server.push_text(DM, HOSTILE, "/quiz")
        question = (await server.wait_sent(666, 1))[0]
        reveal = next(
            b["callback_data"]
            for b in question["reply_markup"]["inline_keyboard"][0]
            if "answer" in b["text"]
        )
        server.push_callback(DM, HOSTILE, question["result"]["message_id"], reveal)
        await server.wait_for(lambda: server.requests("answerCallbackQuery"))
        # the model answer's last part carries the buttons: wait for it, however many parts come before
        await server.wait_for(
            lambda: any(part.get("reply_markup") for part in server.requests("sendMessage", chat_id=666)[1:])
        )
        sent = server.requests("sendMessage", chat_id=666)[1:]
    assert 2 <= len(sent) <= 4
    assert all(utf16_len(part["result"]["text"]) <= 4096 for part in sent)
    assert [bool(part.get("reply_markup")) for part in sent] == [False] * (len(sent) - 1) + [True]
    assert "Sentence 0 about &lt;caching&gt; &amp;" in sent[0]["text"]
    joined = " ".join(part["result"]["text"] for part in sent)
    assert all(f"Sentence {i} about" in joined for i in (1, 150, 250))
    assert not [c for c in server.calls if c.error]


async def test_a_429_is_waited_out_and_the_message_still_goes(server, engine):
    async with running_bot(server, engine):
        server.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
        server.push_text(DM, HOSTILE, "/topics")
        (topics,) = await server.wait_sent(666, 1)
    attempts = [c for c in server.calls if c.method == "sendMessage"]
    assert [c.error for c in attempts] == [429, None]
    assert attempts[0].params["text"] == attempts[1].params["text"] == topics["text"]


async def test_a_403_pauses_the_subscription_and_the_bot_carries_on(server, engine, store: MemoryStore):
    async with running_bot(server, engine):
        server.push_text(DM, HOSTILE, "/daily 07:15 Asia/Kolkata")
        await server.wait_sent(666, 1)
        server.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user", chat_id=666)
        server.push_text(DM, HOSTILE, "/stats")
        await server.wait_for(lambda: [c for c in server.calls if c.error == 403])
        server.push_text(GROUP, HOSTILE, "/topics")
        await server.wait_sent(GROUP_ID, 1)
    (subscription,) = store.subscriptions.values()
    assert not subscription.active
    assert subscription.paused_reason == "Forbidden: bot was blocked by the user"
    assert len([c for c in server.calls if c.method == "sendMessage" and c.params["chat_id"] == "666"]) == 2


async def test_network_errors_are_retried_with_backoff(server, engine):
    async with running_bot(server, engine):
        server.fail_next("sendMessage", 502, "Bad Gateway")
        server.fail_next("sendMessage", 502, "Bad Gateway")
        server.push_text(DM, HOSTILE, "/topics")
        await server.wait_sent(666, 1, timeout=10)
    assert [c.error for c in server.calls if c.method == "sendMessage"] == [502, 502, None]


async def test_a_handler_error_is_logged_with_the_update_id_and_never_stops_the_bot(server, engine, caplog):
    caplog.set_level(logging.ERROR, logger="adapters.telegram")
    async with running_bot(server, engine):
        server.fail_next("sendMessage", 400, f"Bad Request: something odd about {TOKEN}")
        server.push_text(DM, HOSTILE, "/topics")  # update 1
        await server.wait_for(lambda: [r for r in caplog.records if "failed" in r.getMessage()])
        server.push_text(DM, HOSTILE, "/topics")
        await server.wait_sent(666, 1)
    (record,) = [r for r in caplog.records if r.name == "adapters.telegram.app"]
    assert record.getMessage().startswith("update 1 failed")
    assert "BadRequest" in record.getMessage() and "<token>" in record.getMessage()
    assert TOKEN not in caplog.text
