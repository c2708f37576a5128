"""Drill test helpers: the engine with a drill store, clock, planner and dispatcher; a fake transport."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from bot.drills.dispatcher import Dispatcher, DispatchSettings
from bot.drills.outcomes import RetryPolicy, Tally
from bot.drills.planner import Planner
from bot.model.messages import Chat, Reply
from bot.ports import DeliveryError
from tests.support.fakes import FixedClock
from tests.support.world import Person, engine_on, small_bank

NO_JITTER = DispatchSettings(retry=RetryPolicy(jitter=0.0))


@dataclass
class Send:
    """One message the fake transport was asked to send."""

    at: datetime
    chat_id: str
    reply: Reply
    message_id: str


@dataclass
class FakeTransport:
    """A Transport that records sends and fails on demand (per chat, or for any chat)."""

    clock: FixedClock
    sent: list[Send] = field(default_factory=list)
    tried: int = 0
    failures: dict[str, list[DeliveryError | BaseException]] = field(default_factory=dict)
    on_send: Callable[[str], Any] | None = None

    def fail_next(self, chat_id: str, *errors: DeliveryError | BaseException) -> None:
        """Fail the next sends to a chat (``"*"``: to any chat) with these errors, in order."""
        self.failures.setdefault(chat_id, []).extend(errors)

    async def send(self, chat_id: str, replies: Sequence[Reply]) -> list[str]:
        """Record the replies, or raise the next queued failure."""
        self.tried += 1
        for key in (chat_id, "*"):
            queued = self.failures.get(key)
            if queued:
                raise queued.pop(0)
        if self.on_send is not None:
            await self.on_send(chat_id)
        ids = []
        for reply in replies:
            message_id = str(5000 + len(self.sent))
            self.sent.append(Send(self.clock.now(), chat_id, reply, message_id))
            ids.append(message_id)
        return ids

    def to(self, chat_id: str) -> list[Send]:
        """What was sent to one chat."""
        return [s for s in self.sent if s.chat_id == chat_id]


def at(text: str) -> datetime:
    """An aware UTC datetime from ``YYYY-MM-DD HH:MM``."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=UTC)


class DrillWorld:
    """The engine with a drill store, a movable clock, a fake transport, a planner and a dispatcher."""

    def __init__(
        self,
        store: Any,
        start: datetime,
        *,
        drills: Any = None,
        settings: DispatchSettings = NO_JITTER,
        bank: Any = None,
    ) -> None:
        self.store = store
        self.drills = drills if drills is not None else store
        self.clock = FixedClock(start)
        self.bank = small_bank() if bank is None else bank
        self.engine = engine_on(store, self.clock, bank=self.bank)
        self.transport = FakeTransport(self.clock)
        self.settings = settings
        self.restart()

    def restart(self) -> None:
        """A new process: fresh planner and dispatcher (nothing kept in memory)."""
        self.planner = Planner(self.drills, "test")
        self.dispatcher = self.new_dispatcher()

    def new_dispatcher(self, **overrides: Any) -> Dispatcher:
        """A dispatcher over this world's ports."""
        options: dict[str, Any] = {
            "platform": "test",
            "drills": self.drills,
            "store": self.store,
            "bank": self.bank,
            "clock": self.clock,
            "transport": self.transport,
            "settings": self.settings,
        }
        return Dispatcher(**(options | overrides))

    def user(self, user_id: str, name: str) -> Person:
        """A user in their DM with the bot (chat id ``dm-<id>``)."""
        return Person(self.engine, user_id, name, Chat("test", f"dm-{user_id}", is_private=True))

    def member(self, user_id: str, name: str) -> Person:
        """A member of the study group (chat ``group-1``)."""
        return Person(
            self.engine, user_id, name, Chat("test", "group-1", is_private=False, title="Study group")
        )

    async def tick(self) -> Tally:
        """One scheduler tick at the clock's time: plan, then dispatch."""
        await self.planner.plan(self.clock.now())
        return await self.dispatcher.run_once()

    async def run_until(self, end: datetime, step: timedelta = timedelta(minutes=1)) -> None:
        """Tick every ``step`` from now until ``end`` (inclusive)."""
        while self.clock.now() <= end:
            await self.tick()
            self.clock.current += step
        self.clock.current = end

    async def deliveries(self, person: Person | None = None, chat_id: str | None = None) -> list[Any]:
        """The stored deliveries of a DM user's or a chat's subscription."""
        if person is not None:
            user = await self.store.ensure_user("test", person.sender.user_id, person.sender.display_name)
            sub = await self.store.get_subscription("test", person.chat.chat_id, user.id)
        else:
            sub = await self.store.get_subscription("test", chat_id, None)
        return [] if sub is None else await self.drills.deliveries_for(sub.id)


def sent_days(sends: list[Send], zone: str) -> list[date]:
    """The local dates of the sends in a zone."""
    from zoneinfo import ZoneInfo

    return [s.at.astimezone(ZoneInfo(zone)).date() for s in sends]
