"""What ``/quiz`` asks for: a topic or a question id, a difficulty, both, or neither.

``/quiz security``, ``/quiz security hard``, ``/quiz hard security``, ``/quiz easy`` (any topic at
that difficulty) and ``/quiz jwt`` (one question). A difficulty that is not easy, medium or hard,
and a topic with no question of the difficulty asked, get a reply that says what there is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot import replies
from bot.model.messages import Reply
from bot.model.questions import Difficulty, Question
from bot.ports import QuestionBank

LEVELS = {level.value: level for level in Difficulty}
LEVEL_NAMES = ", ".join(LEVELS)


@dataclass(frozen=True)
class QuizRequest:
    """A read ``/quiz`` argument: what to ask from, or the reply refusing it."""

    topic: str | None = None
    difficulty: Difficulty | None = None
    question: Question | None = None
    refusal: Reply | None = None

    def candidates(self, bank: QuestionBank) -> list[Question]:
        """The questions this request may be answered with."""
        chosen = bank.questions(self.topic)
        return [q for q in chosen if self.difficulty is None or q.difficulty is self.difficulty]


def read_request(
    bank: QuestionBank, argument: str | None, resolve: Callable[[str], str | None]
) -> QuizRequest:
    """Read a ``/quiz`` argument; ``resolve`` turns what was typed into a topic name (or None)."""
    text = (argument or "").strip()
    if not text:
        return QuizRequest()
    words = text.split()
    topic = resolve(text) or (resolve("-".join(words)) if len(words) > 1 else None)
    if topic is not None:
        return QuizRequest(topic=topic)
    asked = bank.get(text)
    if asked is not None:
        return QuizRequest(question=asked)
    level, rest = _level_of(words)
    if level is not None:
        if not rest:
            return _checked(bank, QuizRequest(difficulty=level))
        named = " ".join(rest)
        topic = resolve(named) or resolve("-".join(rest))
        if topic is None:
            return QuizRequest(refusal=replies.unknown_topic(named, bank.topics()))
        return _checked(bank, QuizRequest(topic=topic, difficulty=level))
    if len(words) > 1:
        topic = resolve(" ".join(words[:-1])) or resolve("-".join(words[:-1]))
        if topic is not None:
            return QuizRequest(refusal=_unknown_level(words[-1], topic))
    return QuizRequest(refusal=replies.unknown_topic(text, bank.topics()))


def _level_of(words: list[str]) -> tuple[Difficulty | None, list[str]]:
    """The difficulty named by the last (or first) word, and the other words."""
    if words[-1].lower() in LEVELS:
        return LEVELS[words[-1].lower()], words[:-1]
    if words[0].lower() in LEVELS:
        return LEVELS[words[0].lower()], words[1:]
    return None, words


def _unknown_level(typed: str, topic: str) -> Reply:
    """The reply to a difficulty that is not one."""
    return replies.error(
        f"There is no difficulty “{typed[:20]}”.", f"Use {LEVEL_NAMES}: for example /quiz {topic} hard."
    )


def _checked(bank: QuestionBank, request: QuizRequest) -> QuizRequest:
    """The request, or a refusal saying which difficulties there are when none of the asked one is."""
    if request.candidates(bank):
        return request
    level = request.difficulty.value if request.difficulty else ""
    present = [
        lv.value for lv in Difficulty if any(q.difficulty is lv for q in bank.questions(request.topic))
    ]
    where = f" in {request.topic}" if request.topic else ""
    if not present:
        return QuizRequest(refusal=replies.error(f"There are no questions{where} yet."))
    prefix = f"/quiz {request.topic} " if request.topic else "/quiz "
    listed = " and ".join(present) if len(present) <= 2 else f"{present[0]}, {present[1]} and {present[2]}"
    return QuizRequest(
        refusal=replies.error(
            f"There are no {level} questions{where} yet.",
            f"There are {listed} ones: try {prefix}{present[0]}.",
        )
    )
