"""`/quiz <topic> [easy|medium|hard]` and the `/topics` keyboard, through the engine and in-memory ports."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from bot.engine import Engine
from bot.model.messages import Chat, Incoming, ReplyKind
from bot.model.questions import Difficulty
from tests.support.fakes import FixedClock, ListBank, MemoryStore
from tests.support.world import QUESTIONS, Person, keyword_grader

LEVELS = [Difficulty.EASY, Difficulty.HARD, Difficulty.MEDIUM, Difficulty.EASY]
MIXED = [replace(q, difficulty=level) for q, level in zip(QUESTIONS, LEVELS, strict=True)]
DESIGN = replace(QUESTIONS[0], id="rate-limiting", topic="system-design", difficulty=Difficulty.MEDIUM)


@pytest.fixture
def alice() -> Person:
    """Alice in her DM, over a bank whose security questions are easy, hard and medium."""
    titles = {"security": "Security", "databases": "Databases", "system-design": "System design"}
    engine = Engine(
        ListBank([*MIXED, DESIGN], titles),
        MemoryStore(),
        FixedClock(),
        grader=keyword_grader,
        nudger=lambda q, g: "",
        rng=random.Random(1),
    )
    return Person(engine, "1", "Alice", Chat("test", "dm-1", is_private=True))


@pytest.mark.parametrize(
    ("args", "title"),
    [
        (("security", "hard"), "security · hard"),
        (("HARD", "security"), "security · hard"),
        (("sec", "medium"), "security · medium"),
        (("medium",), "· medium"),
        (("system", "design"), "system-design · medium"),
        (("system", "design", "medium"), "system-design · medium"),
        (("jwt",), "security · hard"),
    ],
)
async def test_quiz_picks_the_topic_and_difficulty_asked(
    alice: Person, args: tuple[str, ...], title: str
) -> None:
    [question] = await alice.command("quiz", *args)
    assert question.kind is ReplyKind.QUESTION and title in question.title


async def test_quiz_easy_draws_only_easy_questions_from_every_topic(alice: Person) -> None:
    seen = set()
    for _ in range(8):
        [question] = await alice.command("quiz", "easy")
        assert question.title.endswith("· easy")
        seen.add(question.title.split(" · ")[0])
    assert seen == {"security", "databases"}


async def test_a_difficulty_there_is_none_of_says_what_there_is(alice: Person) -> None:
    [reply] = await alice.command("quiz", "databases", "hard")
    assert reply.kind is ReplyKind.ERROR
    assert reply.title == "There are no hard questions in databases yet."
    assert reply.body == ("There are easy ones: try /quiz databases easy.",)


async def test_an_unknown_difficulty_or_topic_is_refused_clearly(alice: Person) -> None:
    [level] = await alice.command("quiz", "security", "expert")
    assert level.title == "There is no difficulty “expert”."
    assert level.body == ("Use easy, medium, hard: for example /quiz security hard.",)
    [topic] = await alice.command("quiz", "cooking", "hard")
    assert topic.title == "There is no topic “cooking”." and "security" in topic.body[0]


async def test_topics_carries_a_button_per_topic_that_asks_one_of_it(alice: Person) -> None:
    [topics] = await alice.command("topics")
    assert [(b.label, b.action.encode()) for b in topics.buttons] == [
        ("🎲 Any topic", "next:"),
        ("security", "next:security"),
        ("databases", "next:databases"),
        ("system-design", "next:system-design"),
    ]
    press = Incoming.for_action(alice.sender, alice.chat, topics.buttons[2].action)  # databases
    [question] = await alice.engine.handle(press)
    assert question.title.startswith("databases ·")
