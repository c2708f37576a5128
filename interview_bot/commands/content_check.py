"""``interview-bot content check``: grade every labelled example of the packs against its label, and
every question's model answer against its own key points.

Prints per-question agreement, each disagreement with its file and line, a confusion matrix, and each
model answer that does not grade correct with the key points it missed.  Exits 1 when the packs do
not load, when agreement is below ``content.check.THRESHOLD`` (0.95), on any severe error (an example
labelled correct graded wrong, or labelled wrong graded correct), or when a model answer is not
graded correct.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError

from content import CheckReport, check_packs
from content.check import ModelAnswerMiss, Outcome, confusion_lines
from interview_bot.config import Settings

EXCERPT = 90


def check(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Pack files or directories; default: the shipped packs and CONTENT_DIRS."),
    ] = None,
    threshold: Annotated[float, typer.Option(help="Least overall agreement that passes.")] = 0.95,
) -> None:
    """Grade each pack's labelled examples and model answers; print agreement and every miss."""
    report, lint = check_packs(paths or (), () if paths else _content_dirs())
    if lint.problems:
        for problem in lint.problems:
            typer.echo(str(problem))
        typer.echo("The packs do not load; see 'interview-bot content lint'.")
        raise typer.Exit(1)
    report.threshold = threshold
    for line in report_lines(report):
        typer.echo(line)  # plain echo: answers contain brackets that rich would read as markup
    raise typer.Exit(0 if report.passed_all else 1)


def report_lines(report: CheckReport) -> list[str]:
    """The whole report as text lines."""
    everything = report.all
    misses = report.model_answer_misses
    lines: list[str] = []
    for question, outcomes in report.outcomes.items():
        agreed = sum(o.agrees for o in outcomes)
        lines.append(f"{question:<32} {agreed}/{len(outcomes)}  {agreed / len(outcomes):.2f}")
        lines += [f"  {disagreement(o)}" for o in outcomes if not o.agrees]
    if misses:
        lines += [""] if lines else []
        lines.append(f"Model answers not graded correct against their own key points ({len(misses)}):")
        lines += [line for miss in misses for line in model_answer_lines(miss)]
    lines += [""] if lines else []
    lines += (
        [*confusion_lines(report.confusion), ""] if everything else ["No labelled examples in these packs."]
    )
    agreed = sum(o.agrees for o in everything)
    verdict = "passed" if report.passed_all else "FAILED"
    lines.append(
        f"Agreement {report.agreement:.3f} ({agreed}/{len(everything)}), severe errors {len(report.severe)}, "
        f"model answers not correct {len(misses)}/{report.model_answers}; threshold {report.threshold:.2f} "
        f"with no severe error and every model answer correct: {verdict}."
    )
    return lines


def model_answer_lines(miss: ModelAnswerMiss) -> list[str]:
    """One model answer that is not graded correct: its verdict, score and reason, then each missed point."""
    graded = miss.grade
    verdict = f"graded {graded.verdict.value}, score {graded.score:.2f}"
    head = f"  MODEL ANSWER {miss.question}: {verdict} ({graded.reason})"
    lines = [head, *(f"    missed {p.id} “{_excerpt(p.text)}”: {p.reason}" for p in miss.missed)]
    if miss.correct_on_one_line:
        lines.append(
            "    its line breaks end sentences; as a folded block (model_answer: >) it grades correct"
        )
    return lines


def disagreement(outcome: Outcome) -> str:
    """One disagreement: where, label and verdict, the answer's start and the grader's reason."""
    example = outcome.example
    answer = _excerpt(example.answer)
    mark = "SEVERE " if outcome.severe else ""
    return (
        f"{mark}{example.location}: labelled {example.label}, graded {outcome.verdict}: "
        f"“{answer}” ({outcome.reason})"
    )


def _excerpt(text: str) -> str:
    """``text`` on one line, cut to ``EXCERPT`` characters."""
    line = " ".join(text.split())
    return line if len(line) <= EXCERPT else line[: EXCERPT - 1] + "…"


def _content_dirs() -> list[Path]:
    """The configured content directories, or a clear exit when the environment is malformed."""
    try:
        return list(Settings().content_dirs)
    except ValidationError as error:
        typer.echo(f"configuration error: {error}", err=True)
        raise typer.Exit(2) from error
