"""A practice session in the terminal: ask, read an answer, grade, and move on to the next question.

Each session has a chat of its own (``local-<user>/<session>``) inside the user's terminal place
(``local-<user>``, where scores, ``/daily`` and ``/stats`` live), and answers the question it shows
by replying to it, so two terminals on one database never answer each other's questions.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from dataclasses import dataclass

from rich.console import Console

from adapters.console.editor import INTERRUPTED, ReadLine
from adapters.console.files import FileSaver
from adapters.console.menu import Menu, menu_of, numbered
from adapters.console.render import show
from bot.engine import Engine
from bot.model.actions import Action, Verb
from bot.model.messages import Chat, Incoming, Reply, ReplyKind, Sender

QUIT_WORDS = frozenset({"/quit", "/exit", "/q"})
ON_QUESTION = frozenset({"hint", "skip", "answer", "reveal"})
"""Commands that act on the session's own question."""
PER_SESSION = ON_QUESTION | {"quiz"}
EXIT_INTERRUPTED = 130
VERDICT_WORDS = {"correct": "correct", "partial": "partly right", "wrong": "not quite"}


@dataclass(frozen=True)
class Shown:
    """The question a session shows: the chat it was asked in and the message id it was given."""

    chat: Chat
    message_id: str


class ConsoleSession:
    """Drives the engine from typed lines: ``/commands`` pass through, anything else is an answer."""

    def __init__(
        self,
        engine: Engine,
        console: Console,
        read_line: ReadLine,
        *,
        user_id: str,
        name: str,
        plain: bool,
        session_id: str | None = None,
        files: FileSaver | None = None,
    ) -> None:
        self.engine, self.console, self.read_line, self.plain = engine, console, read_line, plain
        self.files = files or FileSaver()
        self.sender = Sender("console", user_id, name)
        self.home = Chat("console", f"local-{user_id}", is_private=True, title="terminal")
        session = session_id or f"{os.getpid()}-{time.time_ns():x}"
        self.chat = Chat(
            "console", f"{self.home.chat_id}/{session}", True, place_id=self.home.chat_id, title="terminal"
        )
        self.shown: Shown | None = None
        self.menu: Menu | None = None
        self.verdicts: Counter[str] = Counter()

    @property
    def answered(self) -> int:
        """How many answers were graded in this session."""
        return sum(self.verdicts.values())

    async def send(self, incoming: Incoming) -> list[Reply]:
        """Hand one event to the engine, remember a question it posts, and print what comes back."""
        replies = await self.engine.handle(incoming)
        for reply in replies:
            if reply.kind is ReplyKind.QUESTION and reply.open_question_id is not None:
                await self._bind(incoming.chat, reply.open_question_id)
            if reply.kind is ReplyKind.GRADE and reply.verdict is not None:
                self.verdicts[reply.verdict.value] += 1
        show(self.console, [numbered(reply) for reply in replies], plain=self.plain)
        self.menu = menu_of(replies)
        self.files.save_all(self.console, replies)
        return replies

    async def _bind(self, chat: Chat, open_question_id: int) -> None:
        message_id = f"{self.chat.chat_id}#{open_question_id}"
        await self.engine.question_posted(open_question_id, message_id)
        self.shown = Shown(chat, message_id)

    async def start(self, topic: str | None, question: str | None = None) -> bool:
        """Show the first question: the one asked for, a drill waiting here, or a new one; False if none."""
        if topic is None and question is None:
            waiting = await self.engine.waiting_question(self.sender, self.home)
            if waiting:
                await self._bind(self.home, waiting[0].open_question_id or 0)
                show(self.console, waiting, plain=self.plain)
                return True
        args = (question,) if question else (topic,) if topic else ()
        first = await self.send(Incoming.for_command(self.sender, self.chat, "quiz", *args))
        return any(r.kind is ReplyKind.QUESTION for r in first)

    async def practice(self, topic: str | None, *, question: str | None = None) -> int:
        """Run the session until /quit, end of input or Ctrl-C; print a summary; return an exit code."""
        if not await self.start(topic, question):
            return 2
        code = 0
        while True:
            line = await self.read_line("answer> ")
            if line == INTERRUPTED:
                code = EXIT_INTERRUPTED
                break
            if line is None or line.strip().lower() in QUIT_WORDS:
                break
            picked = self.menu.pick(line) if self.menu else None  # a number typed under /topics
            if picked is not None:
                topic = picked.topic or None
            incoming = Incoming.for_action(self.sender, self.chat, picked) if picked else self._incoming(line)
            replies = await self.send(incoming)
            offers_next = any(b.action.verb is Verb.NEXT for r in replies for b in r.buttons)
            offers_next &= all(r.kind is not ReplyKind.FOLLOW_UP for r in replies)  # the next line answers it
            if offers_next and any(r.kind in {ReplyKind.GRADE, ReplyKind.ANSWER} for r in replies):
                await self.send(Incoming.for_action(self.sender, self.chat, Action.next(topic or "")))
        self.console.print(self.summary(), markup=False, highlight=False)
        return code

    def summary(self) -> str:
        """The closing line: what was practised, and where to see progress."""
        done = f"Practised {self.answered} answer(s) this session"
        parts = [f"{count} {VERDICT_WORDS.get(v, v)}" for v, count in sorted(self.verdicts.items())]
        detail = f" ({', '.join(parts)})" if parts else ""
        return f"{done}{detail}. Run `interview-bot stats` to see your progress."

    def _incoming(self, line: str) -> Incoming:
        """A typed line as an event: commands on the session's question go to it; an answer replies to it."""
        stripped = line.strip()
        shown = self.shown
        if stripped.startswith("/") and len(stripped) > 1:
            command, *args = stripped[1:].split()
            command = command.lower()
            if command in ON_QUESTION and shown is not None:
                return Incoming.for_command(
                    self.sender, shown.chat, command, *args, reply_to=shown.message_id
                )
            chat = self.chat if command in PER_SESSION else self.home
            return Incoming.for_command(self.sender, chat, command, *args)
        if shown is None:
            return Incoming.for_text(self.sender, self.chat, line)
        return Incoming.for_text(self.sender, shown.chat, line, reply_to=shown.message_id)
