"""The dispatcher: claims planned deliveries, sends each question through the platform's ``Transport``
within its rate limits, and records what happened.  With a ``SharedRate`` every dispatcher process on
the database books its sends from one bucket per platform, so together they keep the platform's rate.

Passing failures (429 with retry-after, timeouts, 5xx) are retried with exponential backoff until the
subscriber's local day ends; a chat the platform refuses for good has its subscriptions paused.
Results are written as they come in (a write in progress collects the next ones), so at a hard kill
only a message whose send had begun but whose result was not yet written is unknown: its claim runs out
and it is sent again, so the error is a duplicate, never a lost question.  ``stop`` lets the messages in
flight finish, records them and hands the rest of the batch back.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta

from bot.drills.choice import NEW_PER_DAY
from bot.drills.deliveries import Delivery, DeliveryStatus, Outcome
from bot.drills.due_times import DueTimes
from bot.drills.limits import RateLimiter, SharedRate
from bot.drills.outcomes import RetryPolicy, Tally, failed, released, retry, sent
from bot.drills.ports import DrillStore
from bot.drills.prepare import ReadyDrill, prepare
from bot.drills.recorder import Recorder
from bot.ports import Clock, PermanentFailure, QuestionBank, Store, TemporaryFailure, Transport

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DispatchSettings:
    """How the dispatcher works: batch size, claim lease, sends in flight, waits, retries, new cap."""

    batch_size: int = 200
    lease: timedelta = timedelta(minutes=2)
    max_in_flight: int = 8
    longest_wait: float = 5.0
    send_timeout: float = 60.0
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    new_per_day: int = NEW_PER_DAY
    claim_for: float | None = None
    """Stop claiming new batches after this many seconds of a run (None: until nothing is left)."""


class Dispatcher:
    """Sends the pending drills of one platform."""

    def __init__(
        self,
        *,
        platform: str,
        drills: DrillStore,
        store: Store,
        bank: QuestionBank,
        clock: Clock,
        transport: Transport,
        limiter: RateLimiter | None = None,
        settings: DispatchSettings | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        due_times: DueTimes | None = None,
        shared_rate: SharedRate | None = None,
    ) -> None:
        self.platform, self.drills, self.store, self.bank, self.clock = platform, drills, store, bank, clock
        self.transport, self.limiter, self.shared_rate = transport, limiter, shared_rate
        self.settings = settings or DispatchSettings()
        self._sleep = sleep
        self._due_times = due_times or DueTimes()
        self._stopping = False
        self._worker = uuid.uuid4().hex[:12]
        self._claims = 0

    def stop(self) -> None:
        """Finish the sends in flight, hand the rest of the claimed batch back, claim no more."""
        self._stopping = True

    async def run_once(self) -> Tally:
        """Send everything that may be sent now; return the tally of outcomes."""
        tally = Tally()
        now = self.clock.now()
        tally.expired += await self.drills.expire(self.platform, now)
        tally.reclaimed += await self.drills.reclaim_stale(self.platform, now)
        claim_for = self.settings.claim_for
        until = None if claim_for is None else time.monotonic() + claim_for
        while not self._stopping and (until is None or time.monotonic() < until):
            self._claims += 1
            token = f"{self._worker}:{self._claims}"
            batch = await self.drills.claim(
                self.platform, self.clock.now(), self.settings.batch_size, self.settings.lease, token
            )
            if not batch:
                break
            await self._deliver(batch, tally)
        return tally

    async def _deliver(self, batch: list[Delivery], tally: Tally) -> None:
        claimed_at = time.monotonic()
        recorder = Recorder(self.drills, self.clock, tally)
        ready, dropped = await prepare(
            batch, self.drills, self.bank, self.clock.now(), self._due_times, self.settings.new_per_day
        )
        for outcome in dropped:
            recorder.add(outcome)
        queue = list(reversed(ready))
        deadline = claimed_at + self.settings.lease.total_seconds() * 0.75

        async def worker() -> None:
            while queue:
                drill = queue.pop()
                if self._stopping or time.monotonic() > deadline:
                    recorder.add(released(drill))
                    continue
                outcome = await self._send(drill)
                recorder.add(outcome)
                if outcome.reason and outcome.status != DeliveryStatus.SENT and outcome.attempted:
                    log.info(
                        "drill %s to %s: %s",
                        drill.delivery.id,
                        drill.delivery.subscription.chat_id,
                        outcome.reason,
                    )

        workers = min(self.settings.max_in_flight, len(ready))
        try:
            await asyncio.gather(*(worker() for _ in range(workers)))
        finally:
            for drill in reversed(queue):
                recorder.add(released(drill))
            queue.clear()
            await recorder.drain()

    async def _send(self, drill: ReadyDrill) -> Outcome:
        delivery = drill.delivery
        chat_id = delivery.subscription.chat_id
        now = self.clock.now()
        if now >= delivery.expires_at:
            return failed(drill, "the local day ended before it could be sent", expired=True)
        if self.limiter is not None:
            chat_wait, paused = self.limiter.chat_delay(chat_id), self.limiter.paused_for()
            if chat_wait > 0 or paused > self.settings.longest_wait:
                return released(drill, not_before=now + timedelta(seconds=max(chat_wait, paused)))
            wait = self.limiter.reserve(chat_id, is_group=drill.is_group)
        else:
            wait = 0.0
        if self.shared_rate is not None:
            wait = max(wait, await self.shared_rate.reserve(self.platform))
        if wait > 0:
            await self._sleep(wait)
        try:
            async with asyncio.timeout(self.settings.send_timeout):
                ids = await self.transport.send(chat_id, [drill.reply])
        except TemporaryFailure as exc:
            if exc.retry_after and self.limiter is not None:
                self.limiter.pause(exc.retry_after)
            if exc.retry_after and self.shared_rate is not None:
                await self.shared_rate.pause(self.platform, exc.retry_after)
            return retry(drill, exc.reason, self.clock.now(), self.settings.retry, exc.retry_after)
        except PermanentFailure as exc:
            paused = await self.store.pause_subscriptions(self.platform, chat_id, exc.reason[:200])
            log.info(
                "paused %d subscription(s) of unreachable %s chat: %s", paused, self.platform, exc.reason
            )
            return failed(drill, exc.reason)
        except TimeoutError:
            return retry(drill, "timed out", self.clock.now(), self.settings.retry)
        except Exception as exc:  # a transport bug must not stop the other drills
            log.exception("unexpected error sending drill %s", delivery.id)
            return retry(
                drill, f"unexpected error: {type(exc).__name__}", self.clock.now(), self.settings.retry
            )
        return sent(drill, ids[0] if ids else None)
