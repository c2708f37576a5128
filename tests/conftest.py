"""Shared fixtures: a small question bank, in-memory ports, a fixed clock and a fake chat user."""

from __future__ import annotations

import random

import pytest

from bot.engine import Engine
from bot.model.messages import Chat
from tests.support.fakes import FixedClock, ListBank, MemoryStore
from tests.support.world import QUESTIONS, Person, keyword_grader


@pytest.fixture
def clock() -> FixedClock:
    """A clock fixed at Monday 2026-03-02 09:00 UTC."""
    return FixedClock()


@pytest.fixture
def store() -> MemoryStore:
    """An empty in-memory store."""
    return MemoryStore()


@pytest.fixture
def engine(store: MemoryStore, clock: FixedClock) -> Engine:
    """An engine over the small bank with the keyword grader."""
    return Engine(
        ListBank(QUESTIONS, {"security": "Security", "databases": "Databases"}),
        store,
        clock,
        grader=keyword_grader,
        nudger=lambda q, g: "Look again at: " + ", ".join(g.missed) if g.missed else "",
        rng=random.Random(7),
    )


@pytest.fixture
def dm_user(engine: Engine) -> Person:
    """Alice in her DM with the bot."""
    return Person(engine, "1", "Alice", Chat("test", "dm-1", is_private=True))
