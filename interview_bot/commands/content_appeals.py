"""``interview-bot content appeals``: the grade appeals members made, for the packs' authors.

A table by default; ``--json`` prints one JSON object per appeal; ``--export-examples FILE`` writes them as
labelled ``examples`` candidates in the pack format (``answer``, ``label``: the accepted verdict or the
claimed one, ``note``: the appeal and its reason), grouped per question id, to review and paste into the
question's ``examples`` so that an accepted appeal becomes a regression test for ``content check``.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml
from rich.console import Console
from rich.table import Table
from rich.text import Text

from bot.clock import SystemClock
from bot.model.appeals import Appeal, AppealStatus
from interview_bot.startup import settings_or_exit

EXAMPLES_HEADER = (
    "# Grade appeals as labelled example candidates (interview-bot content appeals --export-examples).\n"
    "# Review each one; paste the good ones into their question's `examples` in its pack, where\n"
    "# `interview-bot content check` grades them on every run.\n"
)


def appeal_line(appeal: Appeal) -> dict[str, Any]:
    """One appeal as a JSON object."""
    return {
        "id": appeal.id,
        "question": appeal.question_id,
        "answer": appeal.answer_text,
        "verdict": appeal.verdict.value,
        "score": appeal.score,
        "matched": list(appeal.matched),
        "missed": list(appeal.missed),
        "claimed": appeal.claimed.value,
        "reason": appeal.reason,
        "status": appeal.status.value,
        "at": appeal.created_at.isoformat(),
        "accepted_verdict": appeal.accepted_verdict.value if appeal.accepted_verdict else None,
        "accepted_score": appeal.accepted_score,
    }


def example_note(appeal: Appeal) -> str:
    """The note of an example candidate: which appeal, how it stands, the grade it had and the reason."""
    graded = f"graded {appeal.verdict.value} {round(appeal.score * 100)}%"
    note = f"appeal #{appeal.id}, {appeal.status.value}, {graded}"
    return f"{note}: {appeal.reason}" if appeal.reason else note


def example_candidates(appeals: list[Appeal]) -> dict[str, Any]:
    """The appeals in the pack format: ``questions``, each an ``id`` and its ``examples``."""
    grouped: dict[str, list[dict[str, str]]] = {}
    for appeal in appeals:
        if appeal.answer_text.strip():
            label, note = appeal.label.value, example_note(appeal)
            example = {"answer": appeal.answer_text, "label": label, "note": note}
            grouped.setdefault(appeal.question_id, []).append(example)
    return {"questions": [{"id": qid, "examples": examples} for qid, examples in sorted(grouped.items())]}


async def _appeals(database_url: str) -> list[Appeal]:
    from storage import open_database

    async with await open_database(database_url, clock=SystemClock()) as database:
        return await database.store.list_appeals()


def _table(appeals: list[Appeal]) -> Table:
    table = Table(title=f"{len(appeals)} appeal{'' if len(appeals) == 1 else 's'}")
    for column in ("#", "Question", "Answer", "Grade", "Claims", "Reason", "Status", "When (UTC)"):
        table.add_column(column, overflow="fold")
    for a in appeals:
        grade = f"{a.verdict.value} {round(a.score * 100)}%"
        status = a.status.value
        if a.status is AppealStatus.ACCEPTED and a.accepted_verdict is not None:
            status = f"accepted as {a.accepted_verdict.value}"
        when = a.created_at.strftime("%Y-%m-%d %H:%M")
        reason = a.reason or "–"
        cells = (str(a.id), a.question_id, a.answer_text, grade, a.claimed.value, reason, status, when)
        table.add_row(*(Text(cell) for cell in cells))  # Text: answers are never read as rich markup
    return table


def appeals(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per appeal, a line each.")] = False,
    export_examples: Annotated[
        Path | None,
        typer.Option(
            "--export-examples",
            help="Write the appeals as labelled `examples` candidates (pack YAML), grouped per question.",
            dir_okay=False,
        ),
    ] = None,
    accepted: Annotated[bool, typer.Option("--accepted", help="Only the appeals an admin accepted.")] = False,
) -> None:
    """List the grade appeals (question, answer, grade, reason, status, when) for the packs' authors."""
    found = asyncio.run(_appeals(settings_or_exit().database_url))
    if accepted:
        found = [a for a in found if a.status is AppealStatus.ACCEPTED]
    if export_examples is not None:
        candidates = yaml.safe_dump(example_candidates(found), allow_unicode=True, sort_keys=False)
        text = EXAMPLES_HEADER + candidates
        try:
            export_examples.write_text(text, encoding="utf-8")
        except OSError as error:
            typer.echo(f"Error: cannot write {export_examples}: {error.strerror}", err=True)
            raise typer.Exit(2) from None
        typer.echo(f"Wrote {len(found)} example candidate(s) to {export_examples}.", err=True)
        return
    if as_json:
        for appeal in found:
            typer.echo(json.dumps(appeal_line(appeal), ensure_ascii=False))
        return
    if not found:
        typer.echo("No appeals yet: members appeal a grade with its Disagree button or /disagree [why].")
        return
    Console().print(_table(found))
