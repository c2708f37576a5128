"""Appeals on Discord, end to end against the fake Discord: the Disagree button under a private grade opens
a modal asking why, the notice in the channel carries Accept for admins, and the leaderboard follows."""

from __future__ import annotations

import json
from typing import Any

from bot.model.appeals import AppealStatus
from bot.model.grades import Verdict
from tests.support.discord import answer_privately, answers_for, custom_ids, embed_of, post_quiz
from tests.support.fake_discord_server import EPHEMERAL, MANAGE_GUILD, FakeDiscord
from tests.support.fakes import MemoryStore


def message_titled(server: FakeDiscord, title: str) -> dict[str, Any]:
    """The newest message the bot sent whose first embed has this title."""
    found = [m for m in server.messages.values() if m["embeds"] and m["embeds"][0].get("title") == title]
    assert found, f"no message titled {title!r}"
    return found[-1]


def text_of(body: dict[str, Any]) -> str:
    """Everything a message or callback body shows, as one string."""
    return json.dumps(body, ensure_ascii=False)


async def disagree_with_a_partial_grade(server: FakeDiscord, user: dict[str, Any]) -> tuple[dict, dict]:
    """Post a question, answer it partly, press Disagree under the grade; return the grade and the modal."""
    question = await post_quiz(server, user, topic="jwt")
    _, partial = answers_for(embed_of(question))
    await answer_privately(server, user, question, partial)
    grade = message_titled(server, "🟡 Partly right – 50%")
    disagree = next(c for c in custom_ids(grade) if c.startswith("ib:disagree:"))
    opened = await server.response(await server.click(user, grade, disagree))
    assert opened["type"] == 9  # the modal is the press's response
    return grade, opened["data"]


async def test_disagree_opens_a_modal_and_an_admin_accepts_the_appeal_in_the_channel(
    server: FakeDiscord, bot, store: MemoryStore
) -> None:
    alice, bob, carol = server.user("Alice"), server.user("Bob"), server.user("Carol")
    grade, modal = await disagree_with_a_partial_grade(server, alice)
    assert grade["flags"] & EPHEMERAL
    # The grade's message carries its follow-up too (and the follow-up's buttons after the grade's).
    oq = next(c for c in custom_ids(grade) if c.startswith("ib:disagree:")).rpartition(":")[2]
    assert modal["custom_id"] == f"ib-appeal:{oq}"
    reason_input = modal["components"][0]["components"][0]
    assert (reason_input["custom_id"], reason_input["required"], reason_input["style"]) == (
        "reason",
        False,
        2,
    )

    submitted = await server.submit_modal(alice, grade, modal, {"reason": "Stateless follows from signed"})
    thanks = await server.response(submitted)
    assert thanks["data"]["flags"] & EPHEMERAL
    assert embed_of(thanks)["title"] == "Thanks — recorded for the pack's authors."
    await server.wait_until(lambda: server.followups(submitted))
    notice = message_titled(server, "👎 Alice disagrees with a grade")
    assert not notice["flags"] & EPHEMERAL  # the channel's admins see it
    assert "Reason: Stateless follows from signed" in text_of(notice)
    [appeal] = await store.list_appeals()
    assert (appeal.verdict, appeal.claimed, appeal.reason) == (
        Verdict.PARTIAL, Verdict.CORRECT, "Stateless follows from signed"
    )  # fmt: skip

    accept = next(c for c in custom_ids(notice) if c.startswith("ib:accept:"))
    refused = await server.response(await server.click(bob, notice, accept))
    assert embed_of(refused)["title"] == "Only an admin of this group can accept an appeal."
    assert refused["data"]["flags"] & EPHEMERAL
    assert (await store.list_appeals())[0].status is AppealStatus.OPEN

    accepted = await server.response(await server.click(carol, notice, accept, permissions=MANAGE_GUILD))
    assert embed_of(accepted)["title"] == f"✅ Appeal #{appeal.id} accepted"
    assert "5 → 10 points" in text_of(accepted)
    board = await server.response(await server.slash(bob, "leaderboard", period="all"))
    assert "Alice" in text_of(board) and "10 pts" in text_of(board)
    assert [(a.verdict, a.score) for a in store.attempts] == [(Verdict.CORRECT, 1.0)]


async def test_an_empty_reason_is_still_recorded_and_disagree_adds_one(
    server: FakeDiscord, bot, store: MemoryStore
) -> None:
    alice = server.user("Alice")
    grade, modal = await disagree_with_a_partial_grade(server, alice)
    thanks = await server.response(await server.submit_modal(alice, grade, modal, {"reason": ""}))
    assert "/disagree why:" in text_of(thanks)
    [appeal] = await store.list_appeals()
    assert appeal.reason == ""

    again = await server.response(await server.slash(alice, "disagree", why="partial: it named one of two"))
    assert "Reason updated: it named one of two" in text_of(again)
    [appeal] = await store.list_appeals()
    assert (appeal.reason, appeal.claimed) == ("it named one of two", Verdict.PARTIAL)

    refused = await server.response(await server.slash(alice, "accept", appeal=str(appeal.id)))
    assert embed_of(refused)["title"] == "Only an admin of this group can accept an appeal."
