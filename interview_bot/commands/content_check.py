"""``interview-bot content check``: grade every labelled example of the packs against its label.

Prints per-question agreement, each disagreement with its file and line, and a confusion matrix.
Exits 1 when the packs do not load, when agreement is below ``content.check.THRESHOLD`` (0.95), or
on any severe error (an example labelled correct graded wrong, or labelled wrong graded correct).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError

from content import CheckReport, check_packs
from content.check import Outcome, confusion_lines
from interview_bot.config import Settings

EXCERPT = 90


def check(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Pack files or directories; default: the shipped packs and CONTENT_DIRS."),
    ] = None,
    threshold: Annotated[float, typer.Option(help="Least overall agreement that passes.")] = 0.95,
) -> None:
    """Grade each pack's labelled examples; print agreement and every disagreement."""
    report, lint = check_packs(paths or (), () if paths else _content_dirs())
    if lint.problems:
        for problem in lint.problems:
            typer.echo(str(problem))
        typer.echo("The packs do not load; see 'interview-bot content lint'.")
        raise typer.Exit(1)
    report.threshold = threshold
    for line in report_lines(report):
        typer.echo(line)  # plain echo: answers contain brackets that rich would read as markup
    raise typer.Exit(0 if report.passed else 1)


def report_lines(report: CheckReport) -> list[str]:
    """The whole report as text lines."""
    everything = report.all
    if not everything:
        return ["No labelled examples in these packs."]
    lines: list[str] = []
    for question, outcomes in report.outcomes.items():
        agreed = sum(o.agrees for o in outcomes)
        lines.append(f"{question:<32} {agreed}/{len(outcomes)}  {agreed / len(outcomes):.2f}")
        lines += [f"  {disagreement(o)}" for o in outcomes if not o.agrees]
    lines += ["", *confusion_lines(report.confusion), ""]
    agreed = sum(o.agrees for o in everything)
    verdict = "passed" if report.passed else "FAILED"
    lines.append(
        f"Agreement {report.agreement:.3f} ({agreed}/{len(everything)}), severe errors {len(report.severe)}; "
        f"threshold {report.threshold:.2f} with no severe error: {verdict}."
    )
    return lines


def disagreement(outcome: Outcome) -> str:
    """One disagreement: where, label and verdict, the answer's start and the grader's reason."""
    example = outcome.example
    answer = " ".join(example.answer.split())
    if len(answer) > EXCERPT:
        answer = answer[: EXCERPT - 1] + "…"
    mark = "SEVERE " if outcome.severe else ""
    return (
        f"{mark}{example.location}: labelled {example.label}, graded {outcome.verdict}: "
        f"“{answer}” ({outcome.reason})"
    )


def _content_dirs() -> list[Path]:
    """The configured content directories, or a clear exit when the environment is malformed."""
    try:
        return list(Settings().content_dirs)
    except ValidationError as error:
        typer.echo(f"configuration error: {error}", err=True)
        raise typer.Exit(2) from error
