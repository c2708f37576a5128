"""Which question a drill asks: FSRS ratings and cards, weak questions back sooner, the new-question cap,
preferred topics, and what /stats shows of it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from fsrs import Rating

from bot.drills.cards import build_cards, group_reviews, rating_for, retention
from bot.drills.choice import ChoiceInput, choose_drill
from bot.drills.deliveries import Review
from bot.drills.dispatcher import DispatchSettings
from bot.drills.outcomes import RetryPolicy
from tests.support.drills import DrillWorld, at
from tests.support.fakes import MemoryDrillStore
from tests.support.world import QUESTIONS, full_answer

UTC_ZONE = ZoneInfo("UTC")
T0 = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def review(question_id: str, verdict: str, days: float = 0, **extra: object) -> Review:
    """An answer ``days`` after T0."""
    return Review(question_id, verdict, T0 + timedelta(days=days), **extra)  # type: ignore[arg-type]


def pick(reviews: list[Review], today: date, **given: object) -> str | None:
    """The question a drill chooses on ``today`` after these answers."""
    cards = build_cards(reviews)
    options: dict[str, object] = {"questions": QUESTIONS, "cards": cards, "topics": (), "today": today}
    chosen = choose_drill(ChoiceInput(zone=UTC_ZONE, **(options | given)))  # type: ignore[arg-type]
    return chosen.id if chosen else None


def test_grades_map_to_fsrs_ratings() -> None:
    assert rating_for(review("jwt", "wrong")) is Rating.Again
    assert rating_for(review("jwt", "skipped")) is Rating.Again
    assert rating_for(review("jwt", "partial", elapsed_seconds=5)) is Rating.Hard
    assert rating_for(review("jwt", "correct", elapsed_seconds=600)) is Rating.Good
    assert rating_for(review("jwt", "correct")) is Rating.Good  # no time known: not "fast"
    assert rating_for(review("jwt", "correct", elapsed_seconds=40, hints_used=1)) is Rating.Good
    assert rating_for(review("jwt", "correct", elapsed_seconds=40)) is Rating.Easy


def test_a_poorly_answered_question_is_due_sooner_than_a_well_answered_one() -> None:
    cards = build_cards(
        [
            review("jwt", "wrong"),
            review("cors", "partial"),
            review("db-indexing", "correct", elapsed_seconds=500),
            review("authn-vs-authz", "correct", elapsed_seconds=30),
        ]
    )
    due = {qid: cards[qid].card.due for qid in cards}
    assert due["jwt"] <= due["cors"] < due["db-indexing"] < due["authn-vs-authz"]
    assert due["jwt"] - T0 == timedelta(days=1)


def test_due_reviews_come_first_weakest_first_then_new_questions() -> None:
    answers = [review("jwt", "partial"), review("cors", "wrong")]
    tomorrow = (T0 + timedelta(days=1)).date()
    assert pick(answers, tomorrow) == "cors"  # both due; the wrong one first
    assert pick([*answers, review("cors", "correct", 1, elapsed_seconds=300)], tomorrow) == "jwt"
    # Nothing due on the day of the answers: a new question instead.
    assert pick(answers, T0.date()) in {"authn-vs-authz", "db-indexing"}


def test_new_questions_stop_at_the_daily_cap_and_a_review_comes_early_instead() -> None:
    yesterday = [review("jwt", "correct", -1, elapsed_seconds=300)]
    today = [review("cors", "correct", 0, elapsed_seconds=300), review("db-indexing", "correct", 0.01)]
    on = T0.date()
    assert pick(yesterday + today, on, new_per_day=3) == "authn-vs-authz"  # 2 new today, cap 3: one more
    assert pick(yesterday + today, on, new_per_day=2) == "jwt"  # cap reached: review the one seen before
    # With only today's questions seen, a new one is asked whatever the cap: a drill always has a question.
    assert pick(today, on, new_per_day=1) in {"authn-vs-authz", "jwt"}


def test_preferred_topics_come_first_and_others_fill_in() -> None:
    on = T0.date()
    assert pick([], on, topics=("databases",)) == "db-indexing"
    # The only databases question is seen and not due: another topic's new question comes next.
    seen = [review("db-indexing", "correct", 0, elapsed_seconds=300)]
    assert pick(seen, (T0 + timedelta(days=1)).date(), topics=("databases",)) != "db-indexing"
    # A due question of a preferred topic beats a due one elsewhere.
    due_both = [review("db-indexing", "partial"), review("jwt", "wrong")]
    assert pick(due_both, (T0 + timedelta(days=1)).date(), topics=("databases",)) == "db-indexing"


def test_recently_sent_unanswered_questions_are_not_picked_again_while_others_remain() -> None:
    chosen = pick([], T0.date())
    assert chosen is not None
    again = pick([], T0.date(), recent={chosen})
    assert again is not None and again != chosen


def test_the_same_state_chooses_the_same_question() -> None:
    cards = build_cards([])
    given = ChoiceInput(QUESTIONS, cards, (), T0.date(), UTC_ZONE)
    assert {choose_drill(given, seed=7).id for _ in range(5)} == {choose_drill(given, seed=7).id}  # type: ignore[union-attr]
    assert len({choose_drill(given, seed=s).id for s in range(40)}) > 1  # type: ignore[union-attr]


def test_a_group_review_is_the_middle_verdict_of_its_members_per_posted_question() -> None:
    answers = [
        Review("jwt", "correct", T0, open_question_id=1),
        Review("jwt", "wrong", T0 + timedelta(minutes=5), open_question_id=1),
        Review("jwt", "partial", T0 + timedelta(minutes=9), open_question_id=1),
        Review("cors", "correct", T0 + timedelta(days=1), open_question_id=2),
    ]
    merged = group_reviews(answers)
    assert [(r.question_id, r.verdict, r.answered_at) for r in merged] == [
        ("jwt", "partial", T0),
        ("cors", "correct", T0 + timedelta(days=1)),
    ]


def test_retention_counts_repeat_answers_and_lists_what_is_due() -> None:
    answers = [
        review("jwt", "wrong"),
        review("cors", "correct", elapsed_seconds=300),
        review("jwt", "correct", 1, elapsed_seconds=300),
        review("cors", "wrong", 3),
    ]
    summary = retention(answers, (T0 + timedelta(days=4)).date(), UTC_ZONE)
    assert (summary.recalled, summary.reviewed) == (1, 2)
    assert summary.rate == 0.5
    assert summary.due_questions[0] == "cors"


async def test_drills_bring_a_wrong_answer_back_sooner_than_right_ones() -> None:
    settings = DispatchSettings(retry=RetryPolicy(jitter=0.0), new_per_day=1)
    world = DrillWorld(MemoryDrillStore(), at("2026-06-01 12:00"), settings=settings)
    alice = world.user("1", "Alice")
    await alice.command("daily", "08:00", "UTC")
    asked: list[str] = []
    for day in range(2, 8):
        world.clock.current = at(f"2026-06-{day:02d} 08:00")
        await world.tick()
        question_id = (await world.deliveries(alice))[-1].question_id
        asked.append(question_id)
        world.clock.advance(seconds=30)
        wrong_first_time = day == 2
        await alice.say("I do not know" if wrong_first_time else full_answer(question_id))
    # Day 1's question was answered wrong: it is back on day 2; the ones answered right (fast) are not
    # back within the week, and the bank's other questions come in between.
    assert asked[1] == asked[0]
    assert len(set(asked)) == len(QUESTIONS)
    assert all(asked.count(q) == 1 for q in asked if q != asked[0])


async def test_stats_shows_what_is_due_and_the_retention() -> None:
    world = DrillWorld(MemoryDrillStore(), at("2026-06-01 09:00"))
    alice = world.user("1", "Alice")
    await alice.command("quiz", "security")
    await alice.say("nothing useful")
    world.clock.advance(days=1)
    await alice.command("quiz", "databases")
    await alice.say(full_answer("db-indexing"))
    [stats] = await alice.command("stats")
    lines = next(s.lines for s in stats.sections if s.heading == "Spaced repetition")
    assert lines[0].startswith("Due for review today: 1")
    assert "Retention: no repeat answers yet" in lines[-1]
