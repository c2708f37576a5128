"""``interview-bot content lint`` and ``content list``: check question packs and show what is loaded."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.table import Table
from rich.text import Text

from bot.model.questions import Difficulty
from content import LintReport, PackError, PackProblem, check_bank, lint_report, load_bank
from interview_bot.commands import content_browse, content_import
from interview_bot.config import Settings

LIST_FIXED_WIDTH = 42
"""What ``content list`` needs besides the topic names and titles: the counts, borders and padding."""

app = typer.Typer(help="Check, list, import and export question packs.", no_args_is_help=True)
app.command("import")(content_import.import_deck)
app.command("export")(content_import.export_pack)


def _settings() -> Settings:
    """The settings, or a clear exit when the environment is malformed."""
    try:
        return Settings()
    except ValidationError as error:
        typer.echo(f"configuration error: {error}", err=True)
        raise typer.Exit(2) from error


@app.command()
def lint(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Pack files or directories; default: the shipped packs and CONTENT_DIRS."),
    ] = None,
) -> None:
    """Validate packs without starting a bot; print each problem as file:line: reason."""
    report = lint_report(paths) if paths else check_bank(_settings().content_dirs)
    for problem in report.problems:
        typer.echo(str(problem))  # plain echo: reasons contain brackets that rich would read as markup
    for warning in report.warnings:  # authoring traps, on stderr: the pack still loads
        typer.echo(f"{warning.location}: warning: {warning.reason}", err=True)
    typer.echo(_summary(report))
    raise typer.Exit(1 if report.problems else 0)


def _summary(report: LintReport) -> str:
    """One closing line: how much was checked and how many problems were found."""
    files = _plural(report.files, "file")
    if report.problems:
        return f"{_plural(len(report.problems), 'problem')} found ({files} checked)."
    return f"No problems: {files}, {_plural(report.questions, 'question')}."


def _plural(count: int, noun: str) -> str:
    """``1 file``, ``2 files``."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


@app.command(name="list")
def list_topics(
    questions: Annotated[
        bool, typer.Option("--questions", help="List every question's id and difficulty, by topic.")
    ] = False,
) -> None:
    """Show the loaded topics with their question counts and difficulty mix (or every question)."""
    try:
        bank = load_bank(_settings().content_dirs)
    except PackError as error:
        _print_problems(error.problems)
        raise typer.Exit(2) from error  # a broken pack exits 2 on every command; lint's findings exit 1
    if questions:
        for line in content_browse.question_lines(bank):
            typer.echo(line)
        return
    mix = Counter((question.topic, question.difficulty) for question in bank.questions())
    title = f"{_plural(len(bank), 'question')} in {_plural(len(bank.topics()), 'topic')}"
    table = Table(title=title, show_footer=True)
    # One line a topic, however many: the names people type stay whole, a narrow terminal cuts titles.
    console = Console()
    widest = max((len(topic.name) for topic in bank.topics()), default=5)
    table.add_column("Topic", footer="Total", no_wrap=True, min_width=max(widest, 5))
    room = max(8, console.width - max(widest, 5) - LIST_FIXED_WIDTH)
    table.add_column("Title", no_wrap=True, overflow="ellipsis", max_width=room)
    table.add_column("Questions", justify="right", footer=str(len(bank)))
    for level in Difficulty:
        total = sum(count for (_, difficulty), count in mix.items() if difficulty is level)
        table.add_column(level.value.capitalize(), justify="right", footer=str(total))
    for topic in bank.topics():
        levels = [str(mix[(topic.name, level)]) for level in Difficulty]
        table.add_row(Text(topic.name), Text(topic.title), str(topic.question_count), *levels)
    console.print(table)


def _print_problems(problems: list[PackProblem]) -> None:
    """Explain on stderr why the packs could not be loaded."""
    for problem in problems:
        typer.echo(str(problem), err=True)
    count = _plural(len(problems), "problem")
    typer.echo(f"The packs do not load ({count}); see 'interview-bot content lint'.", err=True)
