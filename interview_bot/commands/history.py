"""``interview-bot history``: every answer given in the terminal, as a table or as JSON Lines.

``--json`` prints one JSON object per attempt (``question``, ``at``, ``mode``, ``verdict``, ``score``,
``matched``, ``missed``, ``follow_up``, ``appealed``), oldest first.  Both read the history a page at a
time, so any length of history prints in bounded memory.
"""

from __future__ import annotations

import asyncio
import json
from datetime import datetime
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import typer
from rich.console import Console
from rich.table import Table

from bot.flows.export import PAGE, attempt_lines
from interview_bot.commands.practice import local_user
from interview_bot.startup import settings_or_exit
from interview_bot.wiring import running_bot

VERDICT_MARKS = {"correct": "✅", "partial": "🟡", "wrong": "❌", "skipped": "⏭"}


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _table(first: bool) -> Table:
    """One page's table (the header on the first page only)."""
    table = Table(show_header=first, header_style="bold", box=None, pad_edge=False)
    table.add_column("When", no_wrap=True, min_width=16)
    table.add_column("Question", ratio=2, overflow="fold", min_width=14)
    table.add_column("Grade", no_wrap=True, justify="right", min_width=6)
    table.add_column("Mode", no_wrap=True)
    table.add_column("Missed", ratio=3, overflow="fold")
    return table


def _row(line: dict[str, Any], zone: ZoneInfo) -> tuple[str, ...]:
    """One attempt's cells; a follow-up and an appeal are noted after what was missed."""
    at = datetime.fromisoformat(line["at"]).astimezone(zone)
    notes = [", ".join(line["missed"]) or "–"]
    if line["follow_up"]["asked"]:
        recovered = line["follow_up"]["recovered"]
        notes.append(f"(follow-up: {len(recovered)} recovered)")
    if line["appealed"]:
        notes.append("(appealed)")
    mark = VERDICT_MARKS.get(line["verdict"], line["verdict"])
    return (
        f"{at:%Y-%m-%d %H:%M}",
        line["question"],
        f"{mark} {round(line['score'] * 100)}%",
        line["mode"],
        " ".join(notes),
    )


async def _history(as_json: bool, console: Console) -> int:
    async with running_bot(settings_or_exit(), charts=False) as running:
        store = running.engine.store
        name = local_user()
        user = await store.ensure_user("console", name, name)
        zone = _zone(user.timezone)
        table, shown = _table(first=True), 0
        async for line in attempt_lines(store, user.id):
            shown += 1
            if as_json:
                typer.echo(json.dumps(line, ensure_ascii=False))
                continue
            table.add_row(*_row(line, zone))
            if table.row_count == PAGE:
                console.print(table)
                table = _table(first=False)
        if not as_json:
            if shown == 0:
                console.print("No answers yet – start with `interview-bot practice`.", markup=False)
            elif table.row_count:
                console.print(table)
    return 0


def history(
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON object per answer (JSON Lines), for scripts.")
    ] = False,
) -> None:
    """List every answer you gave in the terminal: when, which question, the grade and what was missed."""
    console = Console(highlight=False)
    raise typer.Exit(asyncio.run(_history(as_json, console)))
