"""``interview-bot grade``: grade answers from the command line, one at a time or as JSON Lines.

``interview-bot grade --jsonl FILE`` (``-`` = stdin) reads ``{"question": id, "answer": text}`` per
line and writes one JSON line per input, in order: ``question``, ``score``, ``verdict``, ``matched``,
``missed``.  A line with an unknown question id or that is not such an object gets an ``error``
field instead; the others go on, and the exit code is then 1.
``interview-bot grade QUESTION_ID "answer text"`` shows the same for one answer, readably.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from bot.grading import grade as grade_answer
from bot.grading import nudge
from bot.model.grades import Grade
from bot.ports import QuestionBank
from content import PackError, load_bank
from interview_bot.config import Settings

VERDICT_STYLES = {"correct": "bold green", "partial": "bold yellow", "wrong": "bold red"}


def grade(
    question_id: Annotated[str | None, typer.Argument(help="The question id, e.g. authn-vs-authz.")] = None,
    answer: Annotated[str | None, typer.Argument(help="The answer text (quote it).")] = None,
    jsonl: Annotated[
        str | None, typer.Option("--jsonl", help="Grade a JSON Lines file ('-' reads standard input).")
    ] = None,
) -> None:
    """Grade one answer, or every line of a JSON Lines file, against the loaded question packs."""
    if jsonl is None and (question_id is None or answer is None):
        typer.echo("Give QUESTION_ID and ANSWER, or --jsonl FILE (see --help).", err=True)
        raise typer.Exit(2)
    bank = _load()
    if jsonl is not None:
        raise typer.Exit(_grade_jsonl(bank, jsonl))
    raise typer.Exit(_grade_one(bank, question_id or "", answer or ""))


def _load() -> QuestionBank:
    """The question bank from the shipped packs and CONTENT_DIRS, or a clear exit."""
    try:
        return load_bank(Settings().content_dirs)
    except ValidationError as error:
        typer.echo(f"configuration error: {error}", err=True)
        raise typer.Exit(2) from error
    except PackError as error:
        for problem in error.problems:
            typer.echo(str(problem), err=True)
        typer.echo("The packs do not load; see 'interview-bot content lint'.", err=True)
        raise typer.Exit(2) from error


def result_row(bank: QuestionBank, line: str) -> dict[str, Any]:
    """The output object for one input line (with an ``error`` field when it cannot be graded)."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as error:
        return {"question": None, "error": f"not valid JSON: {error.msg} (column {error.colno})"}
    if not isinstance(row, dict):
        return {"question": None, "error": 'expected an object like {"question": "...", "answer": "..."}'}
    question_id, answer = row.get("question"), row.get("answer")
    if not isinstance(question_id, str):
        return {"question": question_id, "error": "'question' must be a question id (a string)"}
    if not isinstance(answer, str):
        return {"question": question_id, "error": "'answer' must be a string"}
    question = bank.get(question_id)
    if question is None:
        return {"question": question_id, "error": f"unknown question id '{question_id}'"}
    return _grade_fields(question_id, grade_answer(question, answer))


def _grade_fields(question_id: str, result: Grade) -> dict[str, Any]:
    """The JSON fields of a grade."""
    return {
        "question": question_id,
        "score": round(result.score, 3),
        "verdict": result.verdict.value,
        "matched": list(result.matched),
        "missed": list(result.missed),
    }


def grade_lines(bank: QuestionBank, lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    """One output object per non-blank input line, in order."""
    for line in lines:
        if line.strip():
            yield result_row(bank, line)


def _grade_jsonl(bank: QuestionBank, source: str) -> int:
    """Grade a JSON Lines file or stdin to stdout; 1 if any line had an error, 2 if unreadable."""
    if source == "-":
        return _write_rows(bank, sys.stdin)
    path = Path(source)
    if not path.is_file():
        typer.echo(f"cannot read {source}: no such file", err=True)
        return 2
    with path.open(encoding="utf-8", errors="replace") as stream:
        return _write_rows(bank, stream)


def _write_rows(bank: QuestionBank, stream: TextIO) -> int:
    """Write one JSON line per input line; 1 if any line had an error, else 0."""
    failed = False
    for row in grade_lines(bank, stream):
        failed = failed or "error" in row
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    return 1 if failed else 0


def _grade_one(bank: QuestionBank, question_id: str, answer: str) -> int:
    """Grade one answer and print it readably; 1 for an unknown question id."""
    console = Console(highlight=False)
    question = bank.get(question_id)
    if question is None:
        known = ", ".join(q.id for q in bank.questions())
        console.print(f"[red]Unknown question id[/red] '{escape(question_id)}'. Known ids: {escape(known)}")
        return 1
    result = grade_answer(question, answer)
    style = VERDICT_STYLES[result.verdict.value]
    console.print(f"[bold]{escape(question.prompt)}[/bold]")
    verdict = f"[{style}]{result.verdict.value.upper()}[/{style}]"
    console.print(f"{verdict}  score {result.score:.2f}  {escape(result.reason)}")
    table = Table(show_header=True, header_style="bold")
    table.add_column("")
    table.add_column("Key point")
    table.add_column("Why")
    for point in result.points:
        mark = "[green]✔[/green]" if point.hit else "[red]✘[/red]"
        table.add_row(mark, escape(point.text), escape(point.reason))
    console.print(table)
    hint = nudge(question, result)
    if hint:
        console.print(f"[italic]{escape(hint)}[/italic]")
    console.print(
        json.dumps(_grade_fields(question_id, result), ensure_ascii=False), markup=False, soft_wrap=True
    )
    return 0
