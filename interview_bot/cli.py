"""The ``interview-bot`` command line: one typer app, each sub-command in its own module."""

from __future__ import annotations

import typer
from click import Context
from typer.core import TyperOption

from interview_bot.commands import (
    content,
    content_appeals,
    content_browse,
    content_check,
    discord,
    practice,
    telegram,
)
from interview_bot.commands.drills import app as drills_app
from interview_bot.commands.grade import grade as grade_command
from interview_bot.commands.history import history as history_command
from interview_bot.commands.interview import interview as interview_command

_typed = TyperOption.display_type_rich


def _flag_type(option: TyperOption, ctx: Context) -> str | None:
    """No ``<bool>`` after a flag in ``--help``: a flag takes no value (typer prints one since 0.2x)."""
    if option.is_flag and option.metavar is None:
        return None
    return _typed(option, ctx)


TyperOption.display_type_rich = _flag_type  # type: ignore[method-assign]

app = typer.Typer(
    name="interview-bot",
    help="Practise backend interview questions in the terminal, on Telegram or on Discord.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)

# Sub-command registration: one line per command module.
# (registrations)
app.add_typer(drills_app, name="drills")
app.command("grade")(grade_command)
app.command("discord")(discord.discord_bot)
app.command()(telegram.telegram)
app.add_typer(content.app, name="content")
content.app.command("check")(content_check.check)
content.app.command("show")(content_browse.show)
content.app.command("appeals")(content_appeals.appeals)
app.command()(practice.practice)
app.command()(practice.stats)
app.command("history")(history_command)
app.command("interview")(interview_command)


def main() -> None:
    """Entry point of the console script."""
    app()
