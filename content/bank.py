"""The loaded questions held in memory: the content side of the core's ``QuestionBank`` port."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

from bot.model.questions import Question, Topic


class ContentBank:
    """Questions and topics from validated packs, grouped by topic in declaration order.

    Topic names given by people are matched leniently: case and spaces do not matter
    (``System Design`` finds ``system-design``) and a unique prefix is enough (``sec``).
    """

    def __init__(self, topics: Mapping[str, str], questions: Sequence[Question]) -> None:
        self._titles = dict(topics)
        rank = {name: index for index, name in enumerate(self._titles)}
        # sorted() is stable, so questions keep their file order within a topic
        ordered = sorted(questions, key=lambda question: rank.get(question.topic, len(rank)))
        self._questions = tuple(ordered)
        self._by_id = {question.id: question for question in ordered}
        self._counts = Counter(question.topic for question in ordered)

    def topics(self) -> list[Topic]:
        """Every topic that has questions, with its count, in declaration order.

        A topic declared without questions (yet) is left out, so no one is offered an empty topic.
        """
        counted = [Topic(name, title, self._counts[name]) for name, title in self._titles.items()]
        return [topic for topic in counted if topic.question_count]

    def topic_names(self) -> list[str]:
        """The names of ``topics()``, in the same order."""
        return [topic.name for topic in self.topics()]

    def resolve_topic(self, text: str) -> str | None:
        """The topic meant by ``text``: its name or title (any case), else a unique name prefix, else None."""
        wanted = _normalise(text)
        names = self.topic_names()
        if not wanted:
            return None
        if wanted in names:
            return wanted
        by_title = [name for name in names if _normalise(self._titles[name]) == wanted]
        if len(by_title) == 1:
            return by_title[0]
        starting = [name for name in names if name.startswith(wanted)]
        return starting[0] if len(starting) == 1 else None

    def get(self, question_id: str) -> Question | None:
        """The question with this id (any case, surrounding spaces ignored), or None."""
        return self._by_id.get(question_id.strip().lower())

    def questions(self, topic: str | None = None) -> list[Question]:
        """All questions, or those of one topic (resolved as ``resolve_topic`` does; unknown gives [])."""
        if topic is None:
            return list(self._questions)
        name = self.resolve_topic(topic)
        return [question for question in self._questions if question.topic == name] if name else []

    def __len__(self) -> int:
        return len(self._questions)


def _normalise(text: str) -> str:
    """Lowercase, with runs of spaces, underscores and dashes turned into one dash."""
    return re.sub(r"[\s_\-]+", "-", text.strip().lower()).strip("-")
