"""``interview-bot interview``: a mock interview in the terminal, n questions then a scorecard.

No grades or model answers until the end, only the time each answer took; /skip skips a question,
/interview stop ends early with the scorecard so far.  Leaving (/quit, Ctrl-D, the end of piped input)
pauses the interview: the next ``interview-bot interview`` goes on from the same question.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from adapters.console.editor import pipe_reader, terminal_reader
from adapters.console.interview import InterviewSession
from adapters.console.session import EXIT_INTERRUPTED
from bot.flows.interview_replies import MAX_QUESTIONS
from interview_bot.commands.practice import PlainOption, local_user
from interview_bot.config import Settings
from interview_bot.startup import settings_or_exit
from interview_bot.wiring import running_bot


async def _interview(settings: Settings, topic: str | None, questions: int | None, plain: bool) -> int:
    console = Console(highlight=False, soft_wrap=plain)
    async with running_bot(settings) as running:
        reader = terminal_reader() if sys.stdin.isatty() else pipe_reader()
        user = local_user()
        session = InterviewSession(running.engine, console, reader, user_id=user, name=user, plain=plain)
        try:
            return await session.interview(topic, questions)
        except asyncio.CancelledError:  # Ctrl-C while an answer is taken: leave at once
            return EXIT_INTERRUPTED


def _run(settings: Settings, topic: str | None, questions: int | None, plain: bool) -> int:
    try:
        return asyncio.run(_interview(settings, topic, questions, plain))
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


def interview(
    topic: Annotated[
        str | None, typer.Option("--topic", "-t", help="Ask one topic only (see /topics); default: mixed.")
    ] = None,
    questions: Annotated[
        int | None,
        typer.Option(
            "--questions",
            "-n",
            min=1,
            max=MAX_QUESTIONS,
            help="How many questions (default 5).",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Use a throw-away database: nothing is saved to your stats.")
    ] = False,
    plain: PlainOption = None,
) -> None:
    """A mock interview: n questions in a row, no grades until the scorecard at the end.

    Each answer's time is shown; the scorecard lists each question's verdict, score, time and missed
    points, your strongest and weakest topics and what to review next (your daily drill picks those
    up).  /skip skips a question, /interview stop ends early.  From a pipe, each line is one answer.
    """
    settings = settings_or_exit()
    use_plain = not sys.stdin.isatty() if plain is None else plain
    if not dry_run:
        raise typer.Exit(_run(settings, topic, questions, use_plain))
    with tempfile.TemporaryDirectory(prefix="interview-bot-") as scratch:
        url = f"sqlite+aiosqlite:///{Path(scratch) / 'dry-run.db'}"
        code = _run(settings.model_copy(update={"database_url": url}), topic, questions, use_plain)
    raise typer.Exit(code)
