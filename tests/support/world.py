"""The core's test world: a small question bank, a transparent keyword grader, and chat participants."""

from __future__ import annotations

import random
from typing import Any

from bot.engine import Engine
from bot.model.actions import Action
from bot.model.grades import Grade, PointResult, Verdict
from bot.model.messages import Chat, Incoming, Sender
from bot.model.questions import Difficulty, KeyPoint, Question
from tests.support.fakes import FixedClock, ListBank


def _q(qid: str, topic: str, points: list[tuple[str, str]]) -> Question:
    return Question(
        id=qid,
        topic=topic,
        difficulty=Difficulty.EASY,
        prompt=f"Explain {qid}?",
        model_answer=f"The model answer of {qid}.",
        key_points=tuple(KeyPoint(pid, f"mentions {word}", concepts=((word,),)) for pid, word in points),
        hints=(f"Think about {points[0][1]}.", "Second hint."),
    )


QUESTIONS = [
    _q("authn-vs-authz", "security", [("identity", "identity"), ("permissions", "permissions")]),
    _q("jwt", "security", [("signed", "signed"), ("stateless", "stateless")]),
    _q("cors", "security", [("origin", "origin"), ("headers", "headers")]),
    _q("db-indexing", "databases", [("lookup", "lookup"), ("writes", "writes")]),
]

TOPIC_TITLES = {"security": "Security", "databases": "Databases"}


def small_bank() -> ListBank:
    """The small test bank, with its topic titles."""
    return ListBank(QUESTIONS, TOPIC_TITLES)


def key_words(question_id: str) -> list[str]:
    """The words the keyword grader looks for in an answer to a question, one per key point."""
    question = next(q for q in QUESTIONS if q.id == question_id)
    return [point.concepts[0][0] for point in question.key_points]


def full_answer(question_id: str) -> str:
    """An answer naming every key point of a question (the keyword grader's words)."""
    return "It is about " + " and ".join(key_words(question_id)) + "."


def keyword_grader(question: Question, answer: str) -> Grade:
    """A transparent stand-in grader for flow tests: a key point is hit when its word appears."""
    text = answer.lower()
    points = tuple(
        PointResult(p.id, p.text, p.concepts[0][0] in text, "word present") for p in question.key_points
    )
    score = sum(p.hit for p in points) / len(points)
    verdict = Verdict.CORRECT if score == 1 else Verdict.PARTIAL if score else Verdict.WRONG
    return Grade(score, verdict, points)


class Person:
    """A chat participant that builds Incoming events for the engine."""

    def __init__(self, engine: Engine, user_id: str, name: str, chat: Chat) -> None:
        self.engine, self.sender, self.chat = engine, Sender(chat.platform, user_id, name), chat
        self._message_ids = iter(range(1000, 100000))

    async def command(self, name: str, *args: str, **extra: object):
        """Send /name args."""
        return await self.engine.handle(Incoming.for_command(self.sender, self.chat, name, *args, **extra))

    async def say(self, text: str, **extra: object):
        """Send free text."""
        extra.setdefault("message_id", str(next(self._message_ids)))
        return await self.engine.handle(Incoming.for_text(self.sender, self.chat, text, **extra))

    async def press(self, action: Action, **extra: object):
        """Press a button."""
        return await self.engine.handle(Incoming.for_action(self.sender, self.chat, action, **extra))


def group_member(engine: Engine, user_id: str, name: str, *, admin: bool = False) -> Person:
    """A member of the test group chat."""
    return Person(engine, user_id, name, Chat("test", "group-1", is_private=False, title="Study group"))


def engine_on(store: Any, clock: FixedClock, *, bank: Any = None) -> Engine:
    """An engine over the small bank (or ``bank``) and the given store, with the keyword grader."""
    return Engine(
        small_bank() if bank is None else bank,
        store,
        clock,
        grader=keyword_grader,
        nudger=lambda q, g: "",
        rng=random.Random(3),
    )
