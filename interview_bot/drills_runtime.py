"""Runs the daily drills inside a running bot: an APScheduler tick every minute plans and dispatches.

The scheduler only says *when*; what is planned and sent lives in the database, so a restart, a
missed tick or a second bot process changes nothing.  The first tick runs as soon as the platform
client is ready, which also sends the drills that fell due while the bot was down (same local day).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.drills.dispatcher import Dispatcher, DispatchSettings
from bot.drills.limits import PlatformLimits, RateLimiter, SharedRate, platform_limits
from bot.drills.outcomes import Tally
from bot.drills.planner import Planner
from bot.drills.ports import DrillStore, SendBudget
from bot.engine import Engine
from bot.ports import Transport

log = logging.getLogger(__name__)

TICK_SECONDS = 60.0
READY_POLL_SECONDS = 0.5
STOP_WAIT_SECONDS = 30.0


class DrillsRuntime:
    """One platform's planner and dispatcher, ticked by an ``AsyncIOScheduler`` on the running loop.

    ``drills`` is the drill store beside the engine's store (``Database.drills``): ``async with`` the
    runtime to run the drills for the block.
    """

    def __init__(
        self,
        engine: Engine,
        drills: DrillStore,
        transport: Transport,
        platform: str,
        *,
        limits: PlatformLimits | None = None,
        shared: SendBudget | None = None,
        paid_broadcast: bool = False,
        settings: DispatchSettings | None = None,
        ready: Callable[[], bool] = lambda: True,
        tick_seconds: float = TICK_SECONDS,
    ) -> None:
        self.clock = engine.clock
        self.planner = Planner(drills, platform)
        # With ``shared`` (PostgreSQL) every process's sends come out of one bucket per platform.
        limits = limits or platform_limits(platform, paid_broadcast=paid_broadcast)
        rate = limits.overall_per_second
        shared_rate = SharedRate(shared, rate) if shared is not None and rate else None
        self.dispatcher = Dispatcher(
            platform=platform,
            drills=drills,
            store=engine.store,
            bank=engine.bank,
            clock=engine.clock,
            transport=transport,
            limiter=RateLimiter(SharedRate.local_limits(limits) if shared_rate else limits),
            shared_rate=shared_rate,
            # A long fan-out hands over to the next tick, so planning never waits behind it.
            settings=settings or DispatchSettings(claim_for=tick_seconds * 0.8),
        )
        self.ready = ready
        self.tick_seconds = tick_seconds
        self.ticks = 0
        self._scheduler: AsyncIOScheduler | None = None
        self._running: asyncio.Task[Any] | None = None
        self._watcher: asyncio.Task[None] | None = None

    async def tick(self) -> Tally | None:
        """Plan what is due and send it; a failure is logged and the next tick tries again."""
        if not self.ready():
            log.debug("drills: the platform client is not ready yet; skipping this tick")
            return None
        self._running = asyncio.current_task()
        try:
            report = await self.planner.plan(self.clock.now())
            tally = await self.dispatcher.run_once()
        except Exception:
            log.exception("drills: the tick failed; the next one tries again")
            return None
        finally:
            self._running = None
            self.ticks += 1
        if report.planned or tally.sent or tally.failed or tally.retried:
            log.info(
                "drills: planned %d, sent %d, retrying %d, failed %d, expired %d",
                report.planned, tally.sent, tally.retried, tally.failed, tally.expired,
            )  # fmt: skip
        return tally

    async def _first_tick(self) -> None:
        """Tick as soon as the client is ready (catching up on drills missed while down).

        A bot that stops before it is ready (a refused token) cancels this wait: that is no error, so
        it ends quietly instead of reaching the scheduler, which would log it with a traceback.
        """
        try:
            for _ in range(int(self.tick_seconds / READY_POLL_SECONDS)):
                if self.ready():
                    await self.tick()
                    return
                await asyncio.sleep(READY_POLL_SECONDS)
        except asyncio.CancelledError:
            log.debug("drills: stopped before the platform client was ready")

    def start(self) -> None:
        """Start ticking; call from inside the running event loop."""
        asyncio.get_running_loop()  # fail here, not later, when no loop is running
        scheduler = AsyncIOScheduler(timezone=UTC)
        scheduler.add_job(
            self.tick,
            IntervalTrigger(seconds=self.tick_seconds, timezone=UTC),
            id="drills-tick",
            coalesce=True,
            max_instances=1,
            misfire_grace_time=max(1, int(self.tick_seconds)),
            next_run_time=datetime.now(UTC) + timedelta(seconds=self.tick_seconds),
        )
        scheduler.add_job(self._first_tick, id="drills-first-tick", max_instances=1)
        scheduler.start()
        self._scheduler = scheduler

    async def stop(self) -> None:
        """Stop ticking: the dispatcher finishes its sends in flight and hands the rest back (idempotent)."""
        self.dispatcher.stop()
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=False)
            self._scheduler = None
        running = self._running
        if running is not None and not running.done() and running is not asyncio.current_task():
            done, _ = await asyncio.wait({running}, timeout=STOP_WAIT_SECONDS)
            if not done:
                running.cancel()

    async def stop_then(self, then: Callable[[], Awaitable[Any]]) -> None:
        """Stop the drills, then run ``then`` (close the platform client only after the last send)."""
        await self.stop()
        await then()

    def stop_on(self, signal: asyncio.Event) -> asyncio.Event:
        """An event set once the drills have stopped after ``signal`` was set: wait on it to shut down."""
        stopped = asyncio.Event()

        async def stop_after_signal() -> None:
            await signal.wait()
            await self.stop()
            stopped.set()

        self._watcher = asyncio.get_running_loop().create_task(stop_after_signal())
        return stopped

    async def __aenter__(self) -> DrillsRuntime:
        self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()
        if self._watcher is not None and not self._watcher.done():
            self._watcher.cancel()
