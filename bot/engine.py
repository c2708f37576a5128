"""The engine: turns each ``Incoming`` event into a list of ``Reply`` objects.

A command goes to its handler by name, a button press by its action's ``Verb``; free text answers
the open question it replies to (or, in a DM, the user's pending one).
"""

from __future__ import annotations

import logging
import random
from collections.abc import Awaitable, Callable
from functools import partial

from bot import grading, replies
from bot.flows import (
    appeals,
    follow_ups,
    forgetting,
    interview,
    open_questions,
    practice,
    progress,
    subscribing,
)
from bot.flows.answer_limit import AnswerLimit
from bot.flows.charts import stats as stats_with_chart
from bot.flows.context import Grader, Nudger, Services, Turn
from bot.flows.export import export as export_data
from bot.history import ChartRenderer
from bot.model.actions import Action, Verb
from bot.model.messages import Chat, Incoming, Reply, Sender
from bot.model.questions import Topic
from bot.model.records import Mode, OpenQuestion
from bot.ports import Clock, QuestionBank, Store

log = logging.getLogger(__name__)

CommandHandler = Callable[[Turn], Awaitable[list[Reply]]]
ActionHandler = Callable[[Turn, Action], Awaitable[list[Reply]]]
UNHELD_COMMANDS = frozenset({"stats", "export"})
"""Commands not handled in one held transaction, as they draw a chart or build a file meanwhile and an
event's unit must not keep the database waiting on that (``Store.unit``); ``/stats`` holds one around its
reads itself."""


class Engine:
    """The platform-neutral bot: ``handle`` everything a person does."""

    def __init__(
        self,
        bank: QuestionBank,
        store: Store,
        clock: Clock,
        *,
        grader: Grader,
        nudger: Nudger,
        rng: random.Random | None = None,
        answer_limit: AnswerLimit | None = None,
        charts: ChartRenderer | None = None,
    ) -> None:
        self._services = services = Services(
            bank, store, clock, grader, nudger, rng or random.Random(), answer_limit or AnswerLimit()
        )
        services.charts = charts
        self._commands: dict[str, CommandHandler] = {
            "start": self._welcome,
            "help": self._welcome,
            "topics": self._topics,
            "quiz": self._quiz,
            "hint": partial(self._on_pending, Verb.HINT),
            "skip": partial(self._on_pending, Verb.SKIP),
            "answer": partial(self._on_pending, Verb.REVEAL),
            "reveal": partial(self._on_pending, Verb.REVEAL),
            "stats": partial(stats_with_chart, services),
            "export": partial(export_data, services),
            "leaderboard": self._leaderboard,
            "daily": partial(subscribing.daily, services),
            "forget": self._forget_prompt,
            "disagree": partial(appeals.command, services),
            "accept": partial(appeals.accept_command, services),
            "interview": partial(interview.command, services),
        }
        self._actions: dict[Verb, ActionHandler] = {
            Verb.NEXT: self._next,
            Verb.HINT: self._on_pressed,
            Verb.SKIP: self._on_pressed,
            Verb.REVEAL: self._on_pressed,
            Verb.FORGET: partial(forgetting.confirm, services),
            Verb.DISAGREE: partial(appeals.pressed, services),
            Verb.ACCEPT: partial(appeals.accept_pressed, services),
            Verb.LEAVE: partial(follow_ups.leave_pressed, services),
            Verb.STALE: self._stale,
        }

    @property
    def bank(self) -> QuestionBank:
        """The question bank the engine asks from."""
        return self._services.bank

    @property
    def store(self) -> Store:
        """The store the engine keeps users, questions and scores in."""
        return self._services.store

    @property
    def clock(self) -> Clock:
        """The clock the engine reads the time from."""
        return self._services.clock

    async def handle(self, incoming: Incoming) -> list[Reply]:
        """Answer one event; unknown commands and bad input get a clear reply, never an exception.
        Its reads and writes are one transaction (``Store.unit``): all of them land, or none."""
        if incoming.command in UNHELD_COMMANDS:
            return await self._handle(incoming)
        async with self._services.store.unit():
            return await self._handle(incoming)

    async def _handle(self, incoming: Incoming) -> list[Reply]:
        turn = await self._turn(incoming)
        if incoming.command is not None:
            handler = self._commands.get(incoming.command, self._unknown_command)
            return await handler(turn)
        if incoming.action is not None:
            return await self._actions[incoming.action.verb](turn, incoming.action)
        if incoming.text is not None:
            reason = await appeals.reason_reply(self._services, turn, incoming.text)
            if reason is not None:
                return reason
            followed = await follow_ups.on_text(self._services, turn, incoming.text)
            if followed is not None:
                return followed
            return await open_questions.answer(self._services, turn, incoming.text)
        return []

    def prepare(self) -> None:
        """Compile every question's grading patterns now, so no answer waits for its question's."""
        for question in self._services.bank.questions():
            grading.compiled(question)

    def topics(self) -> list[Topic]:
        """The topics one can practise (for a platform's autocomplete)."""
        return self._services.bank.topics()

    async def first_delivery(self, platform: str, update_id: int) -> bool:
        """Whether this is the first time any process sees the platform's update ``update_id`` (a webhook
        can be handed one update twice); the caller handles it only then."""
        return await self._services.store.claim_update(platform, update_id)

    async def question_posted(self, open_question_id: int, message_id: str) -> None:
        """Remember which platform message a posted question is, so replies to it can be matched."""
        await self._services.store.set_question_message(open_question_id, message_id)

    async def chat_unreachable(self, platform: str, chat_id: str, reason: str) -> int:
        """The platform refused a chat for good (bot blocked, DMs closed): pause its daily questions."""
        paused = await self._services.store.pause_subscriptions(platform, chat_id, reason)
        log.info("paused %d subscription(s) of an unreachable %s chat: %s", paused, platform, reason)
        return paused

    async def appeal_posted(self, appeal_id: int, message_id: str) -> None:
        """Remember which platform message asked for an appeal's reason, so a reply to it gives the reason."""
        await appeals.posted(self._services, appeal_id, message_id)

    async def follow_up_posted(self, follow_up_id: int, message_id: str) -> None:
        """Remember which platform message a posted follow-up is, so a reply to it answers it."""
        await follow_ups.posted(self._services, follow_up_id, message_id)

    async def waiting_question(self, sender: Sender, chat: Chat) -> list[Reply]:
        """The question waiting for this user's answer in a private chat (a drill), posted again; or []."""
        return await open_questions.waiting(self._services, sender, chat)

    async def question_summary(self, open_question_id: int) -> tuple[int, list[str]]:
        """How many members answered an open question, and the names of those who got it right."""
        return await open_questions.summary(self._services, open_question_id)

    async def _turn(self, incoming: Incoming) -> Turn:
        store, chat, sender = self._services.store, incoming.chat, incoming.sender
        user = await store.ensure_user(sender.platform, sender.user_id, sender.display_name)
        place = await store.ensure_place(chat.platform, chat.place, chat.is_private, chat.title)
        return Turn(incoming, user, place)

    # Commands

    async def _welcome(self, turn: Turn) -> list[Reply]:
        return [replies.welcome(turn.user.display_name, self.topics(), turn.chat.platform)]

    async def _topics(self, turn: Turn) -> list[Reply]:
        return [replies.topic_list(self.topics())]

    async def _quiz(self, turn: Turn) -> list[Reply]:
        await follow_ups.drop(self._services, turn)
        busy = await interview.refuse_during(self._services, turn)
        return busy or await practice.ask(self._services, turn, turn.argument)

    async def _leaderboard(self, turn: Turn) -> list[Reply]:
        return await progress.leaderboard(self._services, turn, turn.argument)

    async def _forget_prompt(self, turn: Turn) -> list[Reply]:
        return [forgetting.prompt(turn)]

    async def _unknown_command(self, turn: Turn) -> list[Reply]:
        command = turn.incoming.command or ""
        return [replies.error(f"I don't know /{command[:32]}.", "Send /help to see what I can do.")]

    async def _on_pending(self, verb: Verb, turn: Turn) -> list[Reply]:
        """``/hint``, ``/skip``, ``/reveal``: act on the question the command replies to, or is pending."""
        followed = await follow_ups.on_command(self._services, turn, verb)
        if followed is not None:
            return followed
        opened = await open_questions.pending(self._services, turn)
        if opened is None:
            return [replies.nothing_pending()]
        return await self._on_question(turn, verb, opened)

    # Button presses

    async def _next(self, turn: Turn, action: Action) -> list[Reply]:
        await follow_ups.drop(self._services, turn)
        busy = await interview.refuse_during(self._services, turn)
        return busy or await practice.ask(self._services, turn, action.topic or None)

    async def _on_pressed(self, turn: Turn, action: Action) -> list[Reply]:
        """Hint, Skip or Show answer under a question: act on that question if it is still open here."""
        opened = await self._services.store.get_open_question(action.question_id or 0)
        if opened is None or opened.chat_id != turn.chat.chat_id:
            return [replies.error("That question is not here any more.", "Get a new one with /quiz.")]
        if opened.closed_at is not None:
            return [replies.question_closed()]
        return await self._on_question(turn, action.verb, opened)

    async def _stale(self, turn: Turn, action: Action) -> list[Reply]:
        log.info("ignoring unknown action %r", action.raw[:64])
        return [replies.error("That button no longer works.", "Send /help to see what I can do.")]

    async def _on_question(self, turn: Turn, verb: Verb, opened: OpenQuestion) -> list[Reply]:
        if opened.mode is Mode.INTERVIEW:
            return await interview.on_question(self._services, turn, verb, opened)
        if verb is Verb.HINT:
            return await practice.hint(self._services, turn, opened)
        return await practice.give_up(self._services, turn, opened, reveal=verb is Verb.REVEAL)
