"""A dispatcher over a real database for the child processes of the drills tests."""

from __future__ import annotations

from bot.drills.dispatcher import Dispatcher, DispatchSettings
from bot.drills.limits import SharedRate
from bot.ports import Transport
from storage import Database
from tests.support.fakes import FixedClock, ListBank
from tests.support.world import QUESTIONS


def dispatcher_for(
    database: Database,
    clock: FixedClock,
    transport: Transport,
    settings: DispatchSettings,
    shared_rate: SharedRate | None = None,
) -> Dispatcher:
    """A dispatcher on the test platform over the small bank, sending through ``transport``."""
    return Dispatcher(
        platform="test",
        drills=database.drills,
        store=database.store,
        bank=ListBank(QUESTIONS),
        clock=clock,
        transport=transport,
        settings=settings,
        shared_rate=shared_rate,
    )
