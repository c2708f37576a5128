"""``interview-bot content list --questions`` and ``content show ID``: find a question to practise.

Both print plain text that fits a 60-column terminal; ``practice --question ID`` then asks that one.
"""

from __future__ import annotations

import textwrap
from typing import Annotated

import typer

from bot.ports import QuestionBank
from bot.replies import prose
from interview_bot.startup import bank_or_exit, settings_or_exit

WIDTH = 72


def question_lines(bank: QuestionBank) -> list[str]:
    """One line per question, grouped by topic: id, difficulty, and the prompt's start."""
    lines: list[str] = []
    for topic in bank.topics():
        lines.append(f"{topic.name} – {topic.title}")
        for question in bank.questions(topic.name):
            lines.append(f"  {question.id}  ({question.difficulty.value})")
    lines.append("Practise one with: interview-bot practice --question ID")
    return lines


def show(
    question_id: Annotated[str, typer.Argument(help="The question id, e.g. jwt.")],
    answer: Annotated[
        bool, typer.Option("--answer", help="Show the key points and model answer too.")
    ] = False,
) -> None:
    """Show one question (topic, difficulty, prompt); with --answer, its key points and model answer."""
    bank = bank_or_exit(settings_or_exit())
    question = bank.get(question_id)
    if question is None:
        typer.echo(
            f"Error: there is no question '{question_id}'; "
            "`interview-bot content list --questions` lists them.",
            err=True,
        )
        raise typer.Exit(2)
    typer.echo(f"{question.id} · {question.topic} · {question.difficulty.value}")
    typer.echo(textwrap.fill(prose(question.prompt), WIDTH))
    if answer:
        typer.echo(f"Key points ({len(question.key_points)}):")
        for point in question.key_points:
            typer.echo(textwrap.fill(point.text, WIDTH, initial_indent="  - ", subsequent_indent="    "))
        typer.echo("Model answer:")
        model = prose(question.model_answer)
        typer.echo(textwrap.fill(model, WIDTH, initial_indent="  ", subsequent_indent="  "))
    typer.echo(f"Hints: {len(question.hints)}. Practise it: interview-bot practice --question {question.id}")
