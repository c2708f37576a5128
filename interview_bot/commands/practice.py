"""``interview-bot practice`` and ``interview-bot stats``: the terminal adapter on the local database."""

from __future__ import annotations

import asyncio
import getpass
import sys
from typing import Annotated

import typer
from rich.console import Console

from adapters.console import ConsoleSession
from adapters.console.session import stdin_reader
from bot.model.messages import Incoming
from interview_bot.config import Settings
from interview_bot.wiring import running_bot


def _session_args() -> tuple[str, str]:
    user = getpass.getuser() or "you"
    return user, user


async def _practice(topic: str | None, plain: bool) -> int:
    console = Console(highlight=False, soft_wrap=plain)
    async with running_bot(Settings()) as running:
        user_id, name = _session_args()
        reader = await stdin_reader(interactive=not plain)
        session = ConsoleSession(running.engine, console, reader, user_id=user_id, name=name, plain=plain)
        return await session.practice(topic)


async def _stats(plain: bool) -> int:
    console = Console(highlight=False, soft_wrap=plain)
    async with running_bot(Settings()) as running:
        user_id, name = _session_args()

        async def no_input(prompt: str) -> str | None:
            return None

        session = ConsoleSession(running.engine, console, no_input, user_id=user_id, name=name, plain=plain)
        await session.send(Incoming.for_command(session.sender, session.chat, "stats"))
        return 0


def practice(
    topic: Annotated[
        str | None, typer.Option("--topic", "-t", help="Practise one topic (see /topics).")
    ] = None,
    plain: Annotated[
        bool | None,
        typer.Option("--plain/--rich", help="Plain text output (default when stdin is not a terminal)."),
    ] = None,
) -> None:
    """Practise in the terminal: answer questions in your own words and get graded feedback."""
    use_plain = not sys.stdin.isatty() if plain is None else plain
    raise typer.Exit(asyncio.run(_practice(topic, use_plain)))


def stats(
    plain: Annotated[bool | None, typer.Option("--plain/--rich", help="Plain text output.")] = None,
) -> None:
    """Show what you practised in the terminal, per topic, with your streak."""
    use_plain = not sys.stdout.isatty() if plain is None else plain
    raise typer.Exit(asyncio.run(_stats(use_plain)))
