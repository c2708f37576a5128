"""``interview-bot practice`` and ``interview-bot stats``: the terminal adapter on the local database.

``practice --dry-run`` runs on a throw-away database, so examples and trials leave your stats alone.
Ctrl-C ends a session at once with its summary and exit code 130; /quit and Ctrl-D with exit code 0.
"""

from __future__ import annotations

import asyncio
import getpass
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from adapters.console import ConsoleSession
from adapters.console.editor import pipe_reader, terminal_reader
from adapters.console.files import FileSaver
from adapters.console.session import EXIT_INTERRUPTED
from bot.model.messages import Incoming
from bot.model.questions import Difficulty
from interview_bot.config import Settings
from interview_bot.startup import settings_or_exit
from interview_bot.wiring import running_bot

PlainOption = Annotated[
    bool | None,
    typer.Option(
        "--plain/--rich",
        help="Plain text or rich panels (default: plain when not a terminal).",
        show_default=False,
    ),
]


def local_user() -> str:
    """The local user name the terminal's progress is kept under."""
    return getpass.getuser() or "you"


async def _practice(settings: Settings, start: str | None, question: str | None, plain: bool) -> int:
    console = Console(highlight=False, soft_wrap=plain)
    async with running_bot(settings) as running:
        if question is not None and running.engine.bank.get(question) is None:
            typer.echo(
                f"Error: there is no question '{question}'; "
                "`interview-bot content list --questions` lists them.",
                err=True,
            )
            return 2
        reader = terminal_reader() if sys.stdin.isatty() else pipe_reader()
        user = local_user()
        session = ConsoleSession(running.engine, console, reader, user_id=user, name=user, plain=plain)
        try:
            return await session.practice(start, question=question)
        except asyncio.CancelledError:  # Ctrl-C while grading: leave at once, with the summary
            console.print("\n" + session.summary(), markup=False, highlight=False)
            return EXIT_INTERRUPTED


async def _stats(plain: bool, chart: Path | None = None) -> int:
    console = Console(highlight=False, soft_wrap=plain)
    async with running_bot(settings_or_exit(), charts=chart is not None) as running:
        user = local_user()

        async def no_input(prompt: str) -> str | None:
            return None

        files = FileSaver(photo_path=chart)
        session = ConsoleSession(
            running.engine, console, no_input, user_id=user, name=user, plain=plain, files=files
        )
        await session.send(Incoming.for_command(session.sender, session.home, "stats"))
        if chart is not None and chart not in files.saved:
            typer.echo(f"No chart written to {chart}: there are no answers to draw yet.", err=True)
            return 1
        return 0


def practice(
    topic: Annotated[
        str | None, typer.Option("--topic", "-t", help="Practise one topic (see /topics).")
    ] = None,
    question: Annotated[
        str | None,
        typer.Option("--question", "-q", help="Start with this question (ids: content list --questions)."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Use a throw-away database: nothing is saved to your stats.")
    ] = False,
    plain: PlainOption = None,
    difficulty: Annotated[
        Difficulty | None, typer.Option("--difficulty", "-d", help="Only questions of this difficulty.")
    ] = None,
) -> None:
    """Practise in the terminal: answer questions in your own words and get graded feedback.

    Enter sends an answer, Esc then Enter (or Alt-Enter) starts a new line, a paste stays one
    answer; /hint, /skip, /answer, /quit; Ctrl-D or Ctrl-C leaves with a summary.  From a pipe,
    each line is an answer, and a line ending in a backslash continues on the next.
    """
    settings = settings_or_exit()
    use_plain = not sys.stdin.isatty() if plain is None else plain
    if difficulty is not None:  # what /quiz reads: "security hard", or "hard" for any topic
        topic = f"{topic or ''} {difficulty.value}".strip()
    if not dry_run:
        raise typer.Exit(_run_practice(settings, topic, question, use_plain))
    with tempfile.TemporaryDirectory(prefix="interview-bot-") as scratch:
        url = f"sqlite+aiosqlite:///{Path(scratch) / 'dry-run.db'}"
        code = _run_practice(settings.model_copy(update={"database_url": url}), topic, question, use_plain)
    raise typer.Exit(code)


def _run_practice(settings: Settings, topic: str | None, question: str | None, plain: bool) -> int:
    """Run one session; Ctrl-C outside the session's own handling still exits 130 without a traceback."""
    try:
        return asyncio.run(_practice(settings, topic, question, plain))
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


def stats(
    plain: PlainOption = None,
    chart: Annotated[
        Path | None,
        typer.Option(
            "--chart", help="Also draw your progress as a PNG image into this file.", dir_okay=False
        ),
    ] = None,
) -> None:
    """Show what you practised in the terminal, per topic, with your streak (and --chart, a picture)."""
    use_plain = not sys.stdout.isatty() if plain is None else plain
    raise typer.Exit(asyncio.run(_stats(use_plain, chart)))
