"""An engine over the many-topics test pack alone (30 topics, 450 questions), for the topic-scaling tests.

The shipped packs are left out, so these tests never depend on the real bank's topics or counts.
"""

from __future__ import annotations

import random

from bot.engine import Engine
from bot.grading import grade, nudge
from content import ContentBank
from content.loader import load_packs
from tests.support.fakes import FixedClock, MemoryStore
from tests.support.paths import TEST_PACKS

MANY_TOPICS = TEST_PACKS / "many_topics"


def many_topics_bank() -> ContentBank:
    """The questions and topics of the many-topics test pack, without the shipped packs."""
    result = load_packs(sorted(MANY_TOPICS.glob("*.yaml")))
    assert not result.problems, result.problems
    return ContentBank(result.topics, result.questions)


def many_topics_engine(store: MemoryStore | None = None) -> Engine:
    """The engine the topic-scaling tests drive: the real grader over many topics, an in-memory store."""
    return Engine(
        many_topics_bank(),
        store or MemoryStore(),
        FixedClock(),
        grader=grade,
        nudger=nudge,
        rng=random.Random(3),
    )
