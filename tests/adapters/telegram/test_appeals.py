"""Appeals on Telegram, end to end against the fake Bot API: the Disagree button under a grade, the reason
as a reply to the bot's prompt, and in a group an admin's Accept button correcting the leaderboard."""

from __future__ import annotations

from typing import Any

from bot.model.appeals import AppealStatus
from bot.model.grades import Verdict
from tests.support.fake_telegram_server import FakeTelegramServer, running_bot
from tests.support.fakes import MemoryStore

ALICE = FakeTelegramServer.user(111, "Alice")
DM = FakeTelegramServer.private_chat(ALICE)
GROUP_ID = -100777
GROUP = FakeTelegramServer.group_chat(GROUP_ID, "Study group")
BOB = FakeTelegramServer.user(222, "Bob")
CAROL = FakeTelegramServer.user(333, "Carol")


async def sent_with(server: FakeTelegramServer, chat_id: int, needle: str, after: int = 0) -> dict[str, Any]:
    """The first message sent to the chat (from the ``after``-th on) whose text holds ``needle``."""

    def found() -> dict[str, Any] | None:
        sent = server.requests("sendMessage", chat_id=chat_id)[after:]
        return next((m for m in sent if needle in m["text"]), None)

    return await server.wait_for(found)


def button(message: dict[str, Any], label: str) -> str:
    """The callback data of the message's button whose label holds ``label``."""
    rows = message["reply_markup"]["inline_keyboard"]
    return next(b["callback_data"] for row in rows for b in row if label in b["text"])


async def alert_after(server: FakeTelegramServer, count: int) -> dict[str, Any]:
    """The ``count``-th answer to a button press (1-based)."""
    return (await server.wait_for(lambda: server.requests("answerCallbackQuery")[count - 1 : count]))[0]


async def test_disagree_in_a_dm_asks_why_and_a_reply_to_the_prompt_is_the_reason(
    server: FakeTelegramServer, engine, store: MemoryStore
) -> None:
    async with running_bot(server, engine):
        server.push_text(DM, ALICE, "/quiz jwt")
        await sent_with(server, 111, "Explain jwt?")
        server.push_text(DM, ALICE, "It is signed.")
        grade = await sent_with(server, 111, "Partly right")
        assert button(grade, "Disagree").startswith("disagree:")

        server.push_callback(DM, ALICE, grade["result"]["message_id"], button(grade, "Disagree"))
        prompt = await sent_with(server, 111, "Thanks — recorded for the pack")
        assert "Reply to this message with why, or send /disagree &lt;why&gt;." in prompt["text"]
        appeal = await server.wait_for(
            lambda: next((a for a in store.appeals.values() if a.message_id), None)
        )
        assert appeal.message_id == str(prompt["result"]["message_id"])

        count = len(server.requests("sendMessage", chat_id=111))
        server.push_text(
            DM, ALICE, "Signed <b>implies</b> stateless", reply_to=prompt["result"]["message_id"]
        )
        updated = await sent_with(server, 111, "Reason updated", after=count)
    assert "Signed &lt;b&gt;implies&lt;/b&gt; stateless" in updated["text"]
    [appeal] = await store.list_appeals()
    assert (appeal.answer_text, appeal.verdict, appeal.claimed) == (
        "It is signed.",
        Verdict.PARTIAL,
        Verdict.CORRECT,
    )
    assert appeal.reason == "Signed <b>implies</b> stateless"
    assert len(store.attempts) == 1  # the reason was not taken for an answer


async def test_in_a_group_an_admin_accepts_an_appeal_and_the_leaderboard_follows(
    server: FakeTelegramServer, engine, store: MemoryStore
) -> None:
    async with running_bot(server, engine):
        server.push_text(GROUP, BOB, "/quiz jwt")
        question = await sent_with(server, GROUP_ID, "Explain jwt?")
        server.push_text(GROUP, BOB, "It is signed.", reply_to=question["result"]["message_id"])
        grade = await sent_with(server, GROUP_ID, "Partly right – 50%")

        server.push_callback(GROUP, BOB, grade["result"]["message_id"], button(grade, "Disagree"))
        notice = await sent_with(server, GROUP_ID, "Bob disagrees with a grade")
        thanks = await alert_after(server, 1)
        assert thanks["text"].startswith("Thanks — recorded for the pack's authors.")
        assert "An admin can accept it with the button or /accept 1." in notice["text"]

        count = len(server.requests("sendMessage", chat_id=GROUP_ID))
        server.push_text(
            GROUP, BOB, "/disagree signed tokens need no session", reply_to=notice["result"]["message_id"]
        )
        await sent_with(server, GROUP_ID, "Reason: signed tokens need no session", after=count)

        server.push_callback(GROUP, CAROL, notice["result"]["message_id"], button(notice, "Accept"))
        refused = await alert_after(server, 2)
        assert refused["text"].startswith("Only an admin of this group can accept an appeal.")
        assert (await store.list_appeals())[0].status is AppealStatus.OPEN

        server.admins.add((GROUP_ID, 333))
        server.push_callback(GROUP, CAROL, notice["result"]["message_id"], button(notice, "Accept"))
        accepted = await sent_with(server, GROUP_ID, "Appeal #1 accepted")
        server.push_text(GROUP, BOB, "/leaderboard")
        board = await sent_with(server, GROUP_ID, "Leaderboard")
    assert "Bob's answer to jwt now counts as correct (100%): 5 → 10 points." in accepted["text"].replace(
        "&#x27;", "'"
    )
    assert "1. Bob (you) – 10 pts, 1/1 correct" in board["text"]
    assert [(a.verdict, a.score) for a in store.attempts] == [(Verdict.CORRECT, 1.0)]
