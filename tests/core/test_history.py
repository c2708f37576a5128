"""``/stats`` with a chart and ``/export``, through the engine with the in-memory fakes and a fixed clock.

The chart renderer is a fake that records what it was asked to draw (drawing itself is tested in
tests/adapters/charts); the export is read back from the file the reply carries.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from typing import Any

from bot.engine import Engine
from bot.flows.export import attempt_lines
from bot.model.grades import Verdict
from bot.model.history import ProgressChart
from bot.model.messages import AttachmentKind, Chat, ReplyKind
from bot.model.records import Attempt, Mode
from tests.support.fakes import FixedClock, MemoryStore
from tests.support.world import Person, full_answer, keyword_grader, small_bank

FIELDS = {"question", "at", "mode", "verdict", "score", "matched", "missed", "follow_up", "appealed"}
FAKE_PNG = b"\x89PNG\r\n\x1a\nnot really"


class FakeCharts:
    """A chart renderer that records each chart and returns fixed bytes (or raises, if told to)."""

    def __init__(self, fail: bool = False) -> None:
        self.drawn: list[ProgressChart] = []
        self.fail = fail

    async def progress_png(self, chart: ProgressChart) -> bytes:
        """Record the chart; return fake PNG bytes."""
        self.drawn.append(chart)
        if self.fail:
            raise RuntimeError("no fonts today")
        return FAKE_PNG


def _engine(store: MemoryStore, clock: FixedClock, charts: Any = None) -> Engine:
    return Engine(
        small_bank(),
        store,
        clock,
        grader=keyword_grader,
        nudger=lambda q, g: "",
        rng=random.Random(5),
        charts=charts,
    )


def _dm(engine: Engine, user_id: str = "1", name: str = "Alice") -> Person:
    return Person(engine, user_id, name, Chat("test", f"dm-{user_id}", is_private=True))


async def _seed(store: MemoryStore, clock: FixedClock, user_id: str, answers: list[tuple[int, str, float]]):
    """Attempts ``days`` ago at a question with a score (1 correct, 0 wrong, else partial)."""
    user = await store.ensure_user("test", user_id, f"user {user_id}")
    place = await store.ensure_place("test", f"dm-{user_id}", True)
    for days_ago, question, score in answers:
        verdict = Verdict.CORRECT if score == 1 else Verdict.WRONG if score == 0 else Verdict.PARTIAL
        missed = () if score == 1 else ("a point",)
        attempt = Attempt(
            user.id,
            place.id,
            question,
            score,
            verdict,
            clock.now() - timedelta(days=days_ago),
            answer_text=f"answer to {question}",
            missed=missed,
            mode=Mode.PRACTICE,
        )
        await store.record_attempt(attempt)
    return user


async def test_a_new_user_gets_no_chart_and_a_clear_line(store, clock) -> None:
    charts = FakeCharts()
    [reply] = await _dm(_engine(store, clock, charts)).command("stats")
    assert reply.title == "No answers yet."
    assert reply.attachments == () and charts.drawn == []


async def test_stats_sends_the_chart_drawn_from_the_window_and_kept_state(store, clock) -> None:
    charts = FakeCharts()
    await _seed(
        store,
        clock,
        "1",
        [
            (200, "jwt", 1.0),
            (20, "jwt", 0.5),
            (13, "db-indexing", 0.0),
            (6, "jwt", 1.0),
            (0, "db-indexing", 1.0),
        ],
    )
    [reply] = await _dm(_engine(store, clock, charts)).command("stats")
    assert reply.kind is ReplyKind.STATS and "5 answers" in reply.body[0]
    [picture] = reply.attachments
    assert picture.kind is AttachmentKind.PHOTO and picture.media_type == "image/png"
    assert picture.data == FAKE_PNG and picture.filename.endswith(".png")
    [chart] = charts.drawn
    today = clock.now().date()  # Monday 2 March 2026
    assert chart.last_day == today and chart.first_day == today - timedelta(weeks=11)
    # the answer of 200 days ago is outside the 12 weeks; each other day has one graded answer
    assert chart.days == tuple((today - timedelta(days=d), 1) for d in (20, 13, 6, 0))
    scores = {s.topic: dict(s.weeks) for s in chart.scores}
    assert scores["security"] == {date(2026, 2, 9): 0.5, date(2026, 2, 23): 1.0}
    assert scores["databases"] == {date(2026, 2, 16): 0.0, date(2026, 3, 2): 1.0}
    recall = {r.topic: (r.remembered, r.met) for r in chart.recall}
    assert recall == {"databases": (1, 1), "security": (1, 1)}
    assert (chart.reviewed, chart.recalled) == (3, 3)
    assert chart.title == "Alice's progress"


async def test_a_chart_that_cannot_be_drawn_leaves_the_stats_text(store, clock) -> None:
    await _seed(store, clock, "1", [(1, "jwt", 1.0)])
    [reply] = await _dm(_engine(store, clock, FakeCharts(fail=True))).command("stats")
    assert reply.kind is ReplyKind.STATS and reply.attachments == ()


async def test_without_a_renderer_stats_is_text_only(store, clock) -> None:
    await _seed(store, clock, "1", [(1, "jwt", 1.0)])
    [reply] = await _dm(_engine(store, clock)).command("stats")
    assert reply.kind is ReplyKind.STATS and reply.attachments == ()


async def test_export_holds_every_attempt_of_the_user_and_nothing_of_others(store, clock) -> None:
    engine = _engine(store, clock)
    alice = _dm(engine)
    [question] = await alice.command("quiz", "security")
    asked = store.open_questions[question.open_question_id].question_id
    await alice.say(full_answer(asked))
    await _seed(store, clock, "1", [(d, "cors", 0.5) for d in range(3, 1203)])  # 1,200 more: several pages
    await _seed(store, clock, "2", [(1, "db-indexing", 1.0), (2, "jwt", 0.0)])  # Bob's
    [reply] = await alice.command("export")
    [file] = reply.attachments
    assert file.kind is AttachmentKind.FILE and file.media_type == "application/json"
    exported = json.loads(file.data)
    lines = exported["attempts"]
    assert exported["attempt_count"] == len(lines) == 1201
    assert all(set(line) >= FIELDS for line in lines)
    assert {line["question"] for line in lines} == {"cors", asked}
    assert all(line["answer"].startswith("answer to cors") for line in lines[:-1])
    assert lines[-1]["verdict"] == "correct" and lines[-1]["mode"] == "practice"
    assert lines[-1]["follow_up"] == {"asked": False, "recovered": []} and lines[-1]["appealed"] is False
    assert [line["at"] for line in lines] == sorted(line["at"] for line in lines)
    assert lines[0]["at"].endswith("+00:00")
    assert "Bob" not in file.data.decode() and "db-indexing" not in file.data.decode()


async def test_export_pages_cover_every_attempt_and_mark_appeals(clock) -> None:
    class AppealingStore(MemoryStore):
        async def appealed_attempt_ids(self, user_id: int) -> set[int]:
            return {a.id for a in self.attempts if a.user_id == user_id and a.question_id == "jwt"}

    store = AppealingStore()
    user = await _seed(store, clock, "1", [(d, "jwt" if d % 3 == 0 else "cors", 1.0) for d in range(10)])
    lines = [line async for line in attempt_lines(store, user.id, page=4)]
    assert len(lines) == 10
    assert [line["appealed"] for line in lines] == [line["question"] == "jwt" for line in lines]
    assert "answer" not in lines[0]


async def test_export_in_a_group_says_to_use_a_dm_and_sends_nothing(store, clock) -> None:
    await _seed(store, clock, "1", [(1, "jwt", 1.0)])
    member = Person(_engine(store, clock), "1", "Alice", Chat("test", "group-1", is_private=False))
    [reply] = await member.command("export")
    assert reply.title == "Your export goes to a direct message." and reply.attachments == ()
    assert reply.private


async def test_export_with_no_answers_says_so(store, clock) -> None:
    [reply] = await _dm(_engine(store, clock)).command("export")
    assert reply.title == "Nothing to export yet." and reply.attachments == ()


async def test_an_appealed_grade_is_marked_in_the_export(store, clock) -> None:
    alice = _dm(_engine(store, clock))
    await alice.command("quiz", "jwt")
    graded = await alice.say("It is signed.")
    grade = next(r for r in graded if r.kind is ReplyKind.GRADE)
    disagree = next(b.action for b in grade.buttons if b.label.endswith("Disagree"))
    await alice.press(disagree)
    await alice.command("quiz", "cors")
    await alice.say("It is about origin and headers.")
    [reply] = await alice.command("export")
    lines = json.loads(reply.attachments[0].data)["attempts"]
    assert [(line["question"], line["appealed"]) for line in lines] == [("jwt", True), ("cors", False)]
