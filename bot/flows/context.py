"""What every handler gets: the engine's ``Services`` and the ``Turn`` being answered."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.flows.answer_limit import AnswerLimit
from bot.history import ChartRenderer
from bot.model.grades import Grade
from bot.model.messages import Chat, Incoming
from bot.model.questions import Question
from bot.model.records import PlaceRecord, UserRecord
from bot.ports import Clock, QuestionBank, Store

Grader = Callable[[Question, str], Grade]
Nudger = Callable[[Question, Grade], str]


@dataclass
class Services:
    """The engine's collaborators, shared by every handler."""

    bank: QuestionBank
    store: Store
    clock: Clock
    grader: Grader
    nudger: Nudger
    rng: random.Random = field(default_factory=random.Random)
    answer_limit: AnswerLimit = field(default_factory=AnswerLimit)
    charts: ChartRenderer | None = None
    catalog_synced: bool = False
    """Whether the store's question catalog was synced with ``bank`` (``bot.flows.catalog``)."""


@dataclass(frozen=True)
class Turn:
    """One incoming event with its resolved user and place."""

    incoming: Incoming
    user: UserRecord
    place: PlaceRecord

    @property
    def chat(self) -> Chat:
        """The chat the event came from."""
        return self.incoming.chat

    @property
    def is_group(self) -> bool:
        """Whether the event came from a group chat or server channel."""
        return not self.incoming.chat.is_private

    @property
    def argument(self) -> str | None:
        """A command's arguments as one string (``/quiz system design``), or None without any."""
        args = self.incoming.args
        return " ".join(args) if args else None
