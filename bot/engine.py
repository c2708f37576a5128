"""The engine: turns each ``Incoming`` event into a list of ``Reply`` objects."""

from __future__ import annotations

import logging
import random

from bot import replies
from bot.flows import practice, progress, subscribing
from bot.flows.context import Context, Core, Grader, Nudger
from bot.model.messages import Button, Incoming, Reply, ReplyKind
from bot.model.records import OpenQuestion
from bot.ports import Clock, QuestionBank, Store

log = logging.getLogger(__name__)


class Engine:
    """The platform-neutral bot: ``handle`` everything a person does."""

    def __init__(
        self,
        bank: QuestionBank,
        store: Store,
        clock: Clock,
        grader: Grader | None = None,
        nudger: Nudger | None = None,
        rng: random.Random | None = None,
    ) -> None:
        if grader is None or nudger is None:
            from bot import grading

            grader = grader or grading.grade
            nudger = nudger or grading.nudge
        self.core = Core(bank, store, clock, grader, nudger, rng or random.Random())

    async def handle(self, incoming: Incoming) -> list[Reply]:
        """Answer one event; unknown commands and bad input get a clear reply, never an exception."""
        ctx = await self._context(incoming)
        if incoming.command is not None:
            return await self._command(ctx, incoming.command, incoming.args)
        if incoming.action is not None:
            return await self._action(ctx, incoming.action)
        if incoming.text is not None:
            return await self._text(ctx, incoming.text)
        return []

    async def question_posted(self, open_question_id: int, message_id: str) -> None:
        """Remember which platform message a posted question is, so replies to it can be matched."""
        await self.core.store.set_question_message(open_question_id, message_id)

    async def chat_unreachable(self, platform: str, chat_id: str, reason: str) -> int:
        """The platform refused a chat for good (bot blocked, DMs closed): pause its daily questions."""
        paused = await self.core.store.pause_subscriptions(platform, chat_id, reason)
        log.info("paused %d subscription(s) of an unreachable %s chat: %s", paused, platform, reason)
        return paused

    async def question_summary(self, open_question_id: int) -> tuple[int, list[str]]:
        """How many members answered an open question, and the names of those who got it right."""
        attempts = await self.core.store.attempts_for_open_question(open_question_id)
        graded = [a for a in attempts if a.verdict != "skipped"]
        names = []
        for attempt in graded:
            user = await self.core.store.get_user(attempt.user_id)
            if attempt.verdict == "correct" and user is not None:
                names.append(user.display_name)
        return len(graded), names

    async def _context(self, incoming: Incoming) -> Context:
        store, chat, sender = self.core.store, incoming.chat, incoming.sender
        user = await store.ensure_user(sender.platform, sender.user_id, sender.display_name)
        place = await store.ensure_place(chat.platform, chat.place, chat.is_private, chat.title)
        return Context(incoming, user, place)

    async def _command(self, ctx: Context, command: str, args: tuple[str, ...]) -> list[Reply]:
        core = self.core
        first = " ".join(args) if args else None
        if command in {"start", "help"}:
            return [replies.welcome(ctx.user.display_name, core.bank.topics())]
        if command == "topics":
            return [replies.topic_list(core.bank.topics())]
        if command == "quiz":
            return await practice.ask(core, ctx, first)
        if command in {"hint", "skip", "answer", "reveal"}:
            opened = await self._pending(ctx)
            if opened is None:
                return [replies.info("No question is waiting for an answer.", "Get one with /quiz.")]
            return await self._on_question(ctx, "reveal" if command == "answer" else command, opened)
        if command == "stats":
            return await progress.stats(core, ctx)
        if command == "leaderboard":
            return await progress.leaderboard(core, ctx, first)
        if command == "daily":
            return await subscribing.daily(core, ctx)
        if command == "forget":
            return [self._forget_prompt(ctx)]
        return [replies.error(f"I don't know /{command[:32]}.", "Send /help to see what I can do.")]

    async def _action(self, ctx: Context, action: str) -> list[Reply]:
        verb, _, arg = action.partition(":")
        if verb == "next":
            return await practice.ask(self.core, ctx, arg or None)
        if verb == "forget":
            return await self._forget(ctx, arg)
        if verb in {"hint", "skip", "reveal"} and arg.isdigit():
            opened = await self.core.store.get_open_question(int(arg))
            if opened is None or opened.chat_id != ctx.chat.chat_id:
                return [replies.error("That question is not here any more.", "Get a new one with /quiz.")]
            if opened.closed_at is not None:
                return [replies.info("That question is closed.", "Get a new one with /quiz.")]
            return await self._on_question(ctx, verb, opened)
        log.info("ignoring unknown action %r", action[:64])
        return [replies.error("That button no longer works.", "Send /help to see what I can do.")]

    async def _on_question(self, ctx: Context, verb: str, opened: OpenQuestion) -> list[Reply]:
        if verb == "hint":
            return await practice.hint(self.core, ctx, opened)
        return await practice.give_up(self.core, ctx, opened, reveal=verb == "reveal")

    async def _text(self, ctx: Context, text: str) -> list[Reply]:
        store, chat = self.core.store, ctx.chat
        opened = None
        if ctx.incoming.reply_to is not None:
            opened = await store.find_open_question(chat.chat_id, message_id=ctx.incoming.reply_to)
        if opened is None and not ctx.is_group:
            opened = await store.find_open_question(chat.chat_id, for_user_id=ctx.user.id)
        if opened is None and ctx.incoming.reply_to is not None:
            closed = await store.find_open_question(
                chat.chat_id, message_id=ctx.incoming.reply_to, include_closed=True
            )
            if closed is not None:
                return [replies.info("That question is closed.", "Get a new one with /quiz.")]
        if opened is None:
            if ctx.is_group:
                return []  # chatter, or a reply to one of the bot's other messages: not an answer
            return [replies.info("No question is waiting for an answer.", "Get one with /quiz.")]
        return await practice.answer(self.core, ctx, opened, text)

    async def _pending(self, ctx: Context) -> OpenQuestion | None:
        store, chat = self.core.store, ctx.chat
        if ctx.incoming.reply_to is not None:
            found = await store.find_open_question(chat.chat_id, message_id=ctx.incoming.reply_to)
            if found is not None:
                return found
        owner = None if ctx.is_group else ctx.user.id
        return await store.find_open_question(chat.chat_id, for_user_id=owner)

    def _forget_prompt(self, ctx: Context) -> Reply:
        uid = ctx.user.id
        return Reply(
            ReplyKind.CONFIRM,
            "Delete all your data?",
            ("Your answers, scores, streaks and daily subscription will be deleted for good.",),
            buttons=(Button("🗑 Yes, delete", f"forget:yes:{uid}"), Button("Cancel", f"forget:no:{uid}")),
            private=True,
        )

    async def _forget(self, ctx: Context, arg: str) -> list[Reply]:
        choice, _, owner = arg.partition(":")
        if owner != str(ctx.user.id):
            return [
                replies.error("This button is for someone else.", "Send /forget to delete your own data.")
            ]
        if choice != "yes":
            return [replies.info("Nothing was deleted.", private=True)]
        await self.core.store.forget_user(ctx.user.id)
        return [replies.info("All your data is deleted.", "Come back any time with /quiz.", private=True)]
