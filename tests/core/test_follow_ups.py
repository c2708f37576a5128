"""Follow-ups told as a user's story: asked after a partial or wrong answer, answered, skipped, dropped."""

from __future__ import annotations

import random

import pytest
from fsrs import Rating

from bot.drills.cards import rating_for
from bot.drills.deliveries import Review
from bot.engine import Engine
from bot.flows.follow_up_asking import follow_up_text, target
from bot.model.actions import Action
from bot.model.grades import Verdict
from bot.model.messages import Chat, ReplyKind
from bot.model.questions import Difficulty, KeyPoint, Question
from bot.model.records import Mode
from tests.support.fakes import FixedClock, ListBank, MemoryStore
from tests.support.world import QUESTIONS, Person, group_member, keyword_grader

INDEXING = Question(
    id="indexing",
    topic="databases",
    difficulty=Difficulty.MEDIUM,
    prompt="What is an index for?",
    model_answer="A lookup structure: reads get faster, writes slower.",
    key_points=(
        KeyPoint("structure", "mentions lookup", concepts=(("lookup",),)),
        KeyPoint(
            "cost",
            "mentions writes",
            concepts=(("writes",),),
            nudge="What happens when you insert a row?",
            follow_up="You didn't say what an index costs. What does it slow down?",
        ),
        KeyPoint("nudged", "mentions storage", concepts=(("storage",),), nudge="Where does it live"),
        KeyPoint("bonus", "mentions covering", concepts=(("covering",),), required=False),
    ),
)


@pytest.fixture
def indexing_user(store: MemoryStore, clock: FixedClock) -> Person:
    """Alice in her DM, over a bank of one question whose key points carry follow-up texts."""
    engine = Engine(
        ListBank([INDEXING]),
        store,
        clock,
        grader=keyword_grader,
        nudger=lambda q, g: "",
        rng=random.Random(1),
    )
    return Person(engine, "1", "Alice", Chat("test", "dm-1", is_private=True))


async def test_a_partial_answer_gets_one_follow_up_on_the_first_missed_required_point(
    indexing_user: Person, store: MemoryStore
) -> None:
    await indexing_user.command("quiz", "indexing")
    grade, follow = await indexing_user.say("an index is a lookup thing")
    assert grade.kind is ReplyKind.GRADE and grade.verdict == "partial"
    assert follow.kind is ReplyKind.FOLLOW_UP and follow.follow_up_id is not None
    assert follow.body[0] == "You didn't say what an index costs. What does it slow down?"
    assert follow.question_id == "indexing" and not follow.private
    [attempt] = store.attempts
    assert attempt.follow_up_asked and attempt.recovered == ()


async def test_the_reply_is_graded_on_the_missed_points_and_recovers_them_score_unchanged(
    indexing_user: Person, store: MemoryStore
) -> None:
    await indexing_user.command("quiz", "indexing")
    grade, _ = await indexing_user.say("a lookup structure")
    # "lookup" was already made: it is not recovered again; "covering" is a bonus, not a missed point.
    [result] = await indexing_user.say("It slows down writes, lookup, covering.")
    assert result.kind is ReplyKind.GRADE
    assert result.title == "🔁 Follow-up: recovered 1 of 2"
    assert result.hits == ("mentions writes",) and result.misses == ("mentions storage",)
    assert f"Your score stays {round(grade.score * 100)}%" in result.body[1]
    assert result.verdict is None  # not a second graded answer
    [attempt] = store.attempts
    assert attempt.recovered == ("cost",)
    assert attempt.score == grade.score and attempt.verdict == Verdict.PARTIAL
    assert attempt.matched == ("structure",) and attempt.missed == ("cost", "nudged", "bonus")
    progress = await store.user_progress(attempt.user_id)
    assert progress is not None and progress.answers == 1 and progress.score_sum == pytest.approx(grade.score)


async def test_a_follow_up_is_answered_once_then_the_next_message_is_not_an_answer(
    indexing_user: Person,
) -> None:
    await indexing_user.command("quiz", "indexing")
    await indexing_user.say("lookup")
    [result] = await indexing_user.say("nothing useful")
    assert result.title == "🔁 Follow-up: nothing recovered" and result.hits == ()
    [after] = await indexing_user.say("writes")
    assert after.title == "No question is waiting for an answer."


async def test_the_follow_up_text_falls_back_to_the_nudge_as_a_question_then_a_generic_one() -> None:
    cost, nudged = INDEXING.key_points[1], INDEXING.key_points[2]
    assert follow_up_text(INDEXING, cost).startswith("You didn't say what an index costs")
    assert follow_up_text(INDEXING, nudged) == "Where does it live What would you add?"
    asked = KeyPoint("q", "mentions x", nudge="What happens when you insert a row?")
    assert follow_up_text(INDEXING, asked) == "What happens when you insert a row?"
    plain = KeyPoint("p", "mentions storage space", concepts=(("storage",),))
    generic = follow_up_text(INDEXING, plain)
    assert generic.endswith("?") and "storage" not in generic
    sided = Question(**{**INDEXING.__dict__, "subjects": (("authz", ("authoriz*", "authorization")),)})
    assert "authorization" in follow_up_text(sided, KeyPoint("z", "mentions may", subject="authz"))


async def test_skip_leaves_the_follow_up_and_asks_the_next_question_score_unchanged(
    dm_user: Person, store: MemoryStore
) -> None:
    await dm_user.command("quiz", "databases")
    grade, _follow = await dm_user.say("lookup")
    skipped, question = await dm_user.command("skip")
    assert skipped.title == "Follow-up skipped." and skipped.body == ("Your grade stays 50%.",)
    assert question.kind is ReplyKind.QUESTION
    [attempt] = [a for a in store.attempts if a.verdict != Verdict.SKIPPED]
    assert attempt.score == grade.score and attempt.follow_up_asked and attempt.recovered == ()
    assert [a.verdict for a in store.attempts] == [Verdict.PARTIAL]  # skipping it recorded no skip
    [grade2, *_] = await dm_user.say("writes and lookup")  # the new question takes the next message
    assert grade2.kind is ReplyKind.GRADE and grade2.verdict is not None


async def test_a_new_question_drops_the_follow_up(dm_user: Person, store: MemoryStore) -> None:
    await dm_user.command("quiz", "databases")
    await dm_user.say("lookup")
    [_question] = await dm_user.command("quiz", "security")
    replies = await dm_user.say("identity and permissions")
    assert [r.kind for r in replies] == [ReplyKind.GRADE] and replies[0].verdict == "correct"
    assert all(f.closed_at is not None for f in store.follow_ups.values())
    assert store.attempts[0].recovered == ()


async def test_next_button_drops_the_follow_up(dm_user: Person, store: MemoryStore) -> None:
    await dm_user.command("quiz", "databases")
    grade, _ = await dm_user.say("lookup")
    next_button = next(b for b in grade.buttons if b.action.verb == "next")
    [question] = await dm_user.press(next_button.action)
    assert question.kind is ReplyKind.QUESTION
    assert all(f.closed_at is not None for f in store.follow_ups.values())


async def test_a_correct_answer_and_a_skip_get_no_follow_up(dm_user: Person, store: MemoryStore) -> None:
    await dm_user.command("quiz", "databases")
    assert [r.kind for r in await dm_user.say("lookup and writes")] == [ReplyKind.GRADE]
    await dm_user.command("quiz", "databases")
    skipped, _question = await dm_user.command("skip")
    assert skipped.title == "Skipped."
    assert store.follow_ups == {}


async def test_a_wrong_answer_gets_a_follow_up_on_its_first_missed_point(dm_user: Person) -> None:
    await dm_user.command("quiz", "databases")
    grade, follow = await dm_user.say("no idea")
    assert grade.verdict == "wrong" and follow.kind is ReplyKind.FOLLOW_UP
    assert "still missing" in follow.body[0]


async def test_no_follow_up_in_a_mock_interview(
    engine: Engine, store: MemoryStore, clock: FixedClock
) -> None:
    alice = Person(engine, "1", "Alice", Chat("test", "dm-1", is_private=True))
    user = await store.ensure_user("test", "1", "Alice")
    place = await store.ensure_place("test", "dm-1", True)
    opened = await store.open_question(
        place.id, "dm-1", "db-indexing", user.id, user.id, clock.now(), Mode.INTERVIEW
    )
    replies = await alice.say("lookup")
    assert all(r.kind is not ReplyKind.FOLLOW_UP for r in replies)
    assert store.follow_ups == {}
    assert all(not a.follow_up_asked for a in store.attempts if a.open_question_id == opened.id)
    question = next(q for q in QUESTIONS if q.id == "db-indexing")
    partial = keyword_grader(question, "lookup")
    assert target(question, partial, Mode.INTERVIEW) is None
    assert target(question, partial, Mode.PRACTICE) == question.key_points[1]
    assert (
        target(question, partial, Mode.QUIZ)
        == target(question, partial, Mode.DRILL)
        == question.key_points[1]
    )


async def test_the_spaced_repetition_rating_is_capped_at_hard(dm_user: Person, store: MemoryStore) -> None:
    await dm_user.command("quiz", "databases")
    await dm_user.say("lookup")
    await dm_user.say("writes")  # recovers everything that was missed
    [state] = await store.question_states(store.attempts[0].user_id)
    assert Rating(state.last_rating) is Rating.Hard
    now = store.attempts[0].answered_at
    fast_correct = Review("q", Verdict.CORRECT, now, 0, 5.0)
    assert rating_for(fast_correct) is Rating.Easy
    assert rating_for(Review("q", Verdict.CORRECT, now, 0, 5.0, follow_up_asked=True)) is Rating.Hard
    assert rating_for(Review("q", Verdict.WRONG, now, follow_up_asked=True)) is Rating.Again


async def test_in_a_group_only_the_member_who_answered_answers_by_replying_to_the_follow_up(
    engine: Engine, store: MemoryStore
) -> None:
    alice, bob = group_member(engine, "1", "Alice"), group_member(engine, "2", "Bob")
    [question] = await alice.command("quiz", "databases")
    await engine.question_posted(question.open_question_id, "555")
    grade, follow = await alice.say("a lookup table", reply_to="555", message_id="600")
    assert follow.private and follow.answers == "600" and follow.mention == "Alice"
    assert "reply to this message" in follow.body[1]
    await engine.follow_up_posted(follow.follow_up_id, "601")
    assert await alice.say("writes, I forgot") == []  # not a reply: group chatter
    [refused] = await bob.say("writes", reply_to="601")
    assert refused.kind is ReplyKind.ERROR and refused.title == "That follow-up is for Alice."
    [result] = await alice.say("it slows writes", reply_to="601", message_id="602")
    assert result.hits == ("mentions writes",) and result.private and result.answers == "602"
    assert result.buttons == () or all(b.action.verb != "next" for b in result.buttons)
    [attempt] = store.attempts
    assert attempt.recovered == ("writes",) and attempt.score == grade.score


async def test_in_a_group_skip_closes_the_members_own_follow_up_only(
    engine: Engine, store: MemoryStore
) -> None:
    alice, bob = group_member(engine, "1", "Alice"), group_member(engine, "2", "Bob")
    [question] = await alice.command("quiz", "databases")
    await engine.question_posted(question.open_question_id, "555")
    await bob.say("a lookup table", reply_to="555")
    [skipped] = await bob.command("skip")
    assert skipped.title == "Follow-up skipped."
    assert (await store.get_open_question(question.open_question_id)).closed_at is None  # the question stays


async def test_a_follow_up_pending_in_a_dm_gives_way_to_a_drill_opened_there(
    dm_user: Person, store: MemoryStore, clock: FixedClock
) -> None:
    await dm_user.command("quiz", "databases")
    await dm_user.say("lookup")
    clock.advance(hours=1)
    user = store.attempts[0].user_id
    place = store.attempts[0].place_id
    await store.open_question(place, "dm-1", "jwt", None, user, clock.now(), Mode.DRILL)
    replies = await dm_user.say("signed and stateless")
    assert replies[0].verdict == "correct" and replies[0].question_id == "jwt"
    assert store.attempts[0].recovered == ()


async def test_an_empty_reply_to_a_follow_up_is_refused_and_it_stays_open(dm_user: Person) -> None:
    await dm_user.command("quiz", "databases")
    await dm_user.say("lookup")
    [empty] = await dm_user.say("   ")
    assert empty.kind is ReplyKind.ERROR and "empty" in empty.title
    [result] = await dm_user.say("writes")
    assert result.title.startswith("🔁 Follow-up: recovered")


async def test_forgetting_the_user_drops_their_follow_ups(dm_user: Person, store: MemoryStore) -> None:
    await dm_user.command("quiz", "databases")
    await dm_user.say("lookup")
    await store.forget_user(store.attempts[0].user_id)
    assert store.follow_ups == {}


def test_the_test_bank_has_the_questions_these_stories_use() -> None:
    assert {"db-indexing", "jwt"} <= {q.id for q in QUESTIONS}


async def test_the_leave_button_skips_only_its_members_open_follow_up(
    engine: Engine, store: MemoryStore
) -> None:
    alice, bob = group_member(engine, "1", "Alice"), group_member(engine, "2", "Bob")
    [question] = await alice.command("quiz", "databases")
    await engine.question_posted(question.open_question_id, "555")
    _grade, follow = await bob.say("a lookup table", reply_to="555")
    [leave] = follow.buttons
    assert leave.action.encode() == f"leave:{follow.follow_up_id}"
    assert Action.parse(leave.action.encode()) == leave.action
    [refused] = await alice.press(leave.action)
    assert refused.title == "That follow-up is for Bob."
    [left] = await bob.press(leave.action)
    assert left.title == "Follow-up skipped."
    [again] = await bob.press(leave.action)
    assert again.title == "That follow-up is closed."
    assert Action.parse("leave:x").is_stale


async def test_hint_and_answer_act_on_the_pending_follow_up(
    indexing_user: Person, store: MemoryStore
) -> None:
    await indexing_user.command("quiz", "indexing")
    await indexing_user.say("lookup")
    [hint] = await indexing_user.command("hint")
    assert (hint.title, hint.body) == ("💡 Hint", ("What happens when you insert a row?",))
    [shown] = await indexing_user.command("answer")
    assert shown.kind is ReplyKind.ANSWER and shown.question_id == "indexing"
    assert all(f.closed_at is not None for f in store.follow_ups.values())
    assert store.attempts[0].recovered == ()
