"""The ``interview-bot`` command line: one typer app, each sub-command in its own module."""

from __future__ import annotations

import typer

from interview_bot.commands import content, discord, practice, telegram
from interview_bot.commands.drills import app as drills_app
from interview_bot.commands.grade import grade as grade_command

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
app.command()(practice.practice)
app.command()(practice.stats)


def main() -> None:
    """Entry point of the console script."""
    app()
