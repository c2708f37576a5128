"""``interview-bot drills``: the daily drills' state (``status``) and a local run (``tick --console``).

The Telegram and Discord bots run their drills themselves; ``tick --console`` plans and sends the
terminal's own subscriptions (``/daily`` typed in ``interview-bot practice``) once, printing each
question, which is the way to try drills without a platform.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Annotated
from zoneinfo import ZoneInfo

import typer
from rich.console import Console

from adapters.console.render import show
from bot.drills.deliveries import DeliveryStatus
from bot.drills.schedule import next_delivery
from bot.model.messages import Reply
from interview_bot.commands.practice import local_user
from interview_bot.drills_runtime import DrillsRuntime
from interview_bot.startup import settings_or_exit
from interview_bot.wiring import RunningBot, running_bot

app = typer.Typer(help="Daily drills: what is planned and sent, and a local run.", no_args_is_help=True)


class ConsoleTransport:
    """Prints each drill to the terminal instead of sending it anywhere."""

    def __init__(self, console: Console, *, plain: bool) -> None:
        self.console, self.plain, self.sent = console, plain, 0

    async def send(self, chat_id: str, replies: Sequence[Reply]) -> list[str]:
        """Print the replies under the chat they were for."""
        self.console.out(f"→ daily question for {chat_id}", highlight=False)
        show(self.console, list(replies), plain=self.plain)
        self.sent += 1
        return [f"console-{self.sent}"]


class _At:
    """A clock stopped at one instant (``tick --at``)."""

    def __init__(self, instant: datetime) -> None:
        self.instant = instant

    def now(self) -> datetime:
        """The chosen instant."""
        return self.instant


def _parse_instant(text: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not an ISO time such as 2026-06-02T08:30") from None
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).astimezone(UTC)


SHOWN_STATUSES = (
    DeliveryStatus.SENT,
    DeliveryStatus.PENDING,
    DeliveryStatus.SENDING,
    DeliveryStatus.FAILED,
    DeliveryStatus.EXPIRED,
    DeliveryStatus.CANCELLED,
)


async def _status() -> int:
    async with running_bot(settings_or_exit()) as running:
        now = running.engine.clock.now()
        counts = await running.database.drills.counts_today(now)
    typer.echo(f"subscriptions: {counts.active_subscriptions} active, {counts.paused_subscriptions} paused")
    parts = [f"planned {counts.planned}"] + [f"{status} {counts.count(status)}" for status in SHOWN_STATUSES]
    typer.echo("today (each subscriber's local day): " + ", ".join(parts))
    return 0


async def _what_is_next(running: RunningBot, now: datetime) -> str:
    """Why nothing was sent: when this terminal user's next drill is due, or how to subscribe."""
    user = local_user()
    store = running.engine.store
    found = await store.ensure_user("console", user, user)
    sub = await store.get_subscription("console", f"local-{user}", found.id)
    at = f"nothing due at {now:%Y-%m-%d %H:%M} UTC"
    if sub is None or not sub.active:
        return f"{at}; no terminal subscription (type /daily 08:30 Europe/Berlin in interview-bot practice)."
    after = max(now, sub.created_at) if sub.created_at else now
    due = next_delivery(sub.local_time, sub.timezone, after, sub.skip_date)
    local = due.astimezone(ZoneInfo(sub.timezone))
    return (
        f"{at}; next: your daily question at {local:%a %d %b %H:%M} {sub.timezone} "
        f"({due:%Y-%m-%d %H:%M} UTC)."
    )


async def _tick(plain: bool, at: datetime | None) -> int:
    console = Console(highlight=False, soft_wrap=plain)
    async with running_bot(settings_or_exit(), clock=_At(at) if at is not None else None) as running:
        transport = ConsoleTransport(console, plain=plain)
        runtime = DrillsRuntime(running.engine, running.database.drills, transport, "console")
        tally = await runtime.tick()
        if tally is not None and not (tally.sent or tally.retried or tally.failed or tally.expired):
            typer.echo(await _what_is_next(running, running.engine.clock.now()))
    if tally is None:
        typer.echo("Error: the drills tick failed; see the log above.", err=True)
        return 1
    if transport.sent:
        typer.echo("`interview-bot practice` asks this question first.")
    typer.echo(
        f"sent {tally.sent}, retrying {tally.retried}, failed {tally.failed}, "
        f"expired {tally.expired}, cancelled {tally.cancelled}"
    )
    return 0


@app.command()
def status() -> None:
    """Show subscriptions (active, paused) and today's deliveries (planned, sent, failed...)."""
    raise typer.Exit(asyncio.run(_status()))


@app.command()
def tick(
    console: Annotated[
        bool, typer.Option("--console", help="Print the due drills of terminal subscriptions here.")
    ] = False,
    at: Annotated[
        str | None, typer.Option("--at", help="Pretend it is this time (ISO, UTC unless an offset is given).")
    ] = None,
    plain: Annotated[bool | None, typer.Option("--plain/--rich", help="Plain text output.")] = None,
) -> None:
    """Plan and send the due drills of terminal subscriptions once (the bots run their own drills)."""
    if not console:
        typer.echo(
            "Error: only --console can be ticked from here; `interview-bot telegram` and "
            "`interview-bot discord` run their drills themselves.",
            err=True,
        )
        raise typer.Exit(2)
    instant = _parse_instant(at) if at else None
    use_plain = not sys.stdout.isatty() if plain is None else plain
    raise typer.Exit(asyncio.run(_tick(use_plain, instant)))
