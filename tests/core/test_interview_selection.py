"""Which questions a mock interview asks: mixed topics, new and weak first, recent ones left out."""

from __future__ import annotations

import random

from bot.flows.interview_selection import choose_interview
from tests.support.world import QUESTIONS, _q

BANK = [
    *QUESTIONS,
    _q("normalization", "databases", [("redundancy", "redundancy")]),
    _q("caching", "system-design", [("latency", "latency")]),
]


def test_the_first_round_takes_one_question_of_every_topic() -> None:
    for seed in range(20):
        chosen = choose_interview(BANK, {}, [], 3, random.Random(seed))
        assert sorted(q.topic for q in chosen) == ["databases", "security", "system-design"]


def test_never_seen_then_weak_then_well_answered() -> None:
    security = [q for q in BANK if q.topic == "security"]
    scores = {"authn-vs-authz": 0.9, "jwt": 0.3}
    for seed in range(20):
        chosen = choose_interview(security, scores, [], 3, random.Random(seed))
        assert [q.id for q in chosen] == ["cors", "jwt", "authn-vs-authz"]


def test_recent_questions_are_left_out_while_enough_others_remain() -> None:
    recent = ["jwt", "cors"]
    for seed in range(20):
        chosen = choose_interview(BANK, {}, recent, 4, random.Random(seed))
        assert not {q.id for q in chosen} & set(recent)
    everything = choose_interview(BANK, {}, recent, 6, random.Random(1))
    assert {q.id for q in everything} == {q.id for q in BANK}
    assert len(everything) == len({q.id for q in everything})


def test_never_more_than_asked_or_than_there_are() -> None:
    assert len(choose_interview(BANK, {}, [], 2, random.Random(0))) == 2
    assert len(choose_interview(BANK, {}, [], 10, random.Random(0))) == len(BANK)
    assert choose_interview([], {}, [], 3, random.Random(0)) == []
