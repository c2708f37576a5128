"""``/stats`` by topic and ``/quiz``'s choice follow the bank the engine runs with, on every store.

A restart with a new content version (a question moved to another topic, one dropped, one added) syncs
the catalog on the first ``/stats`` or ``/quiz``: answers count under the question's new topic, a dropped
question's under "retired", and the new question is asked before any already met.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.model.messages import Chat
from tests.support.fakes import FixedClock, ListBank
from tests.support.world import QUESTIONS, Person, engine_on, full_answer

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(each_store: Any) -> Any:
    """An empty store of each implementation (the fake, SQLite, PostgreSQL)."""
    return each_store


def _topic_lines(reply: Any) -> tuple[str, ...]:
    return next(s.lines for s in reply.sections if s.heading == "By topic")


async def _answer(person: Person, question_id: str, text: str) -> None:
    [asked] = await person.command("quiz", question_id)
    assert asked.open_question_id is not None
    await person.say(text)


async def test_stats_and_quiz_follow_a_new_content_version(store: Any) -> None:
    clock = FixedClock(T0)
    chat = Chat("test", "dm-1", is_private=True)
    ann = Person(engine_on(store, clock), "1", "Ann", chat)
    await _answer(ann, "jwt", full_answer("jwt"))
    await _answer(ann, "cors", "It is about origin.")
    await _answer(ann, "db-indexing", full_answer("db-indexing"))
    [stats] = await ann.command("stats")
    assert _topic_lines(stats) == (
        "databases: 1 answered, average 100%",
        "security: 2 answered, average 75%",
    )

    moved = replace(next(q for q in QUESTIONS if q.id == "jwt"), topic="tokens")
    added = replace(next(q for q in QUESTIONS if q.id == "cors"), id="csrf")
    kept = [q for q in QUESTIONS if q.id not in {"jwt", "cors"}]
    restarted = engine_on(store, clock, bank=ListBank([*kept, moved, added]))
    ann = Person(restarted, "1", "Ann", chat)
    [stats] = await ann.command("stats")
    assert _topic_lines(stats) == (
        "databases: 1 answered, average 100%",
        "retired: 1 answered, average 50%",
        "tokens: 1 answered, average 100%",
    )
    # Never met, so asked first: authn-vs-authz and the new csrf, one after the other.
    user = await store.ensure_user("test", "1", "Ann")
    asked = []
    for _ in range(2):
        await ann.command("quiz")
        opened = await store.find_open_question(chat.chat_id, for_user_id=user.id)
        asked.append(opened.question_id)
        await ann.say(full_answer(opened.question_id.replace("csrf", "cors")))
    assert set(asked) == {"csrf", "authn-vs-authz"}
