"""A practice session in the terminal: ask, read an answer, grade, and move on to the next question."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable

from rich.console import Console

from adapters.console.render import show
from bot.engine import Engine
from bot.model.actions import Action, Verb
from bot.model.messages import Chat, Incoming, Reply, ReplyKind, Sender

ReadLine = Callable[[str], Awaitable[str | None]]


class ConsoleSession:
    """Drives the engine from typed lines: ``/commands`` pass through, anything else is an answer."""

    def __init__(
        self, engine: Engine, console: Console, read_line: ReadLine, *, user_id: str, name: str, plain: bool
    ) -> None:
        self.engine, self.console, self.read_line, self.plain = engine, console, read_line, plain
        self.sender = Sender("console", user_id, name)
        self.chat = Chat("console", f"local-{user_id}", is_private=True, title="terminal")
        self.answered = 0

    async def send(self, incoming: Incoming) -> list[Reply]:
        """Hand one event to the engine and print what comes back."""
        replies = await self.engine.handle(incoming)
        show(self.console, replies, plain=self.plain)
        return replies

    async def practice(self, topic: str | None) -> int:
        """Run the session until /quit or end of input; return an exit code."""
        args = (topic,) if topic else ()
        first = await self.send(Incoming.for_command(self.sender, self.chat, "quiz", *args))
        if not any(r.kind is ReplyKind.QUESTION for r in first):
            return 2
        while True:
            line = await self.read_line("answer> ")
            if line is None or line.strip().lower() in {"/quit", "/exit", "/q"}:
                break
            line = line.rstrip("\n")
            replies = await self.send(self._incoming(line))
            offers_next = any(b.action.verb is Verb.NEXT for r in replies for b in r.buttons)
            if any(r.kind is ReplyKind.GRADE for r in replies):
                self.answered += 1
            if offers_next and any(r.kind in {ReplyKind.GRADE, ReplyKind.ANSWER} for r in replies):
                await self.send(Incoming.for_action(self.sender, self.chat, Action.next(topic or "")))
        self.console.out(f"Practised {self.answered} answer(s) this session. /stats shows your progress.")
        return 0

    def _incoming(self, line: str) -> Incoming:
        stripped = line.strip()
        if stripped.startswith("/") and len(stripped) > 1:
            command, *args = stripped[1:].split()
            return Incoming.for_command(self.sender, self.chat, command, *args)
        return Incoming.for_text(self.sender, self.chat, line)


async def stdin_reader(interactive: bool) -> ReadLine:
    """A line reader over standard input that never blocks the event loop."""

    async def read(prompt: str) -> str | None:
        if interactive:
            try:
                return await asyncio.to_thread(input, prompt)
            except EOFError:
                return None
        line = await asyncio.to_thread(sys.stdin.readline)
        return line or None

    return read
