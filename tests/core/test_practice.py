"""The practice flow told as a user's story, through the engine with in-memory ports."""

from __future__ import annotations

from bot import replies
from bot.model.grades import Grade, PointResult, Verdict
from bot.model.messages import ReplyKind
from tests.support.world import QUESTIONS, Person, group_member


async def test_quiz_then_answer_in_a_dm_is_graded_with_hits_misses_and_model_answer(dm_user: Person) -> None:
    [question] = await dm_user.command("quiz", "security")
    assert question.kind is ReplyKind.QUESTION
    assert question.title.startswith("security")
    assert [b.label for b in question.buttons] == ["💡 Hint", "⏭ Skip", "📖 Show answer"]
    grade, *follow_up = await dm_user.say("it is about identity and more")  # partial: a follow-up too
    assert grade.kind is ReplyKind.GRADE
    assert [r.kind for r in follow_up] == ([] if grade.verdict == "correct" else [ReplyKind.FOLLOW_UP])
    assert grade.verdict in {"partial", "correct", "wrong"}
    assert grade.sections[0].heading == "Model answer"
    assert len(grade.hits) + len(grade.misses) == 2
    assert any(b.action.encode() == "next:security" for b in grade.buttons)


async def test_the_answer_closes_the_dm_question(dm_user: Person) -> None:
    await dm_user.command("quiz", "databases")
    [first] = await dm_user.say("a lookup structure that slows writes")
    assert first.verdict == "correct"
    [again] = await dm_user.say("another answer")
    assert again.title == "No question is waiting for an answer."


async def test_unknown_topic_lists_the_real_topics(dm_user: Person) -> None:
    [reply] = await dm_user.command("quiz", "cooking")
    assert reply.kind is ReplyKind.ERROR
    assert "cooking" in reply.title
    assert "security" in reply.body[0] and "databases" in reply.body[0]


async def test_topic_prefix_and_case_are_accepted(dm_user: Person) -> None:
    [reply] = await dm_user.command("quiz", "SEC")
    assert reply.kind is ReplyKind.QUESTION and reply.title.startswith("security")


async def test_answer_with_nothing_pending_says_how_to_start(dm_user: Person) -> None:
    [reply] = await dm_user.say("an answer to nothing")
    assert reply.kind is ReplyKind.INFO
    assert "/quiz" in reply.body[0]


async def test_hints_come_one_at_a_time_and_run_out(dm_user: Person, store) -> None:
    await dm_user.command("quiz", "databases")
    [first] = await dm_user.command("hint")
    [second] = await dm_user.command("hint")
    [third] = await dm_user.command("hint")
    assert first.title == "💡 Hint 1/2" and "lookup" in first.body[0]
    assert second.title == "💡 Hint 2/2"
    assert third.title == "That was the last hint."
    await dm_user.say("lookup and writes")
    assert store.attempts[-1].hints_used == 2


async def test_hint_button_works_on_the_question_it_belongs_to(dm_user: Person) -> None:
    [question] = await dm_user.command("quiz", "databases")
    [hint] = await dm_user.press(question.buttons[0].action)
    assert hint.title.startswith("💡 Hint 1/")


async def test_skip_asks_the_next_question_and_records_a_skip(dm_user: Person, store) -> None:
    [question] = await dm_user.command("quiz", "security")
    skipped, following = await dm_user.press(question.buttons[1].action)
    assert skipped.title == "Skipped."
    assert following.kind is ReplyKind.QUESTION
    assert store.attempts[-1].verdict == "skipped"
    [late] = await dm_user.press(question.buttons[1].action)
    assert late.title == "That question is closed."


async def test_show_answer_reveals_the_model_answer_and_closes(dm_user: Person) -> None:
    await dm_user.command("quiz", "databases")
    [answer] = await dm_user.command("answer")
    assert answer.kind is ReplyKind.ANSWER
    assert "model answer of db-indexing" in answer.body[0]
    [after] = await dm_user.say("lookup writes")
    assert after.title == "No question is waiting for an answer."


async def test_practice_avoids_repeating_what_was_just_answered_well(dm_user: Person) -> None:
    asked = []
    for _ in range(3):
        [question] = await dm_user.command("quiz", "security")
        asked.append(question.body[0])
        await dm_user.say("identity permissions signed stateless origin headers")
    assert len(set(asked)) == 3


async def test_two_members_answer_the_same_group_question_each_once(engine) -> None:
    alice, bob = group_member(engine, "1", "Alice"), group_member(engine, "2", "Bob")
    [question] = await alice.command("quiz", "databases")
    await engine.question_posted(question.open_question_id, "555")
    [a] = await alice.say("lookup and writes", reply_to="555")
    b, _follow_up = await bob.say("a lookup table", reply_to="555")  # partial: a follow-up too
    [again] = await bob.say("writes too", reply_to="555")
    assert (a.verdict, a.mention) == ("correct", "Alice")
    assert (b.verdict, b.mention) == ("partial", "Bob")
    assert again.title == "You already answered this question."


async def test_plain_group_chatter_is_ignored(engine) -> None:
    alice = group_member(engine, "1", "Alice")
    await alice.command("quiz", "databases")
    assert await alice.say("lunch anyone?") == []


async def test_group_skip_is_for_the_asker_or_an_admin(engine) -> None:
    alice, bob = group_member(engine, "1", "Alice"), group_member(engine, "2", "Bob")
    [question] = await alice.command("quiz", "databases")
    [refused] = await bob.press(question.buttons[1].action)
    assert refused.kind is ReplyKind.ERROR
    [admin] = await bob.press(question.buttons[1].action, can_manage=True)
    assert admin.title == "Question skipped."


async def test_unknown_command_points_to_help(dm_user: Person) -> None:
    [reply] = await dm_user.command("frobnicate")
    assert reply.kind is ReplyKind.ERROR and "/help" in reply.body[0]


async def test_start_and_topics(dm_user: Person) -> None:
    [welcome] = await dm_user.command("start")
    assert "Alice" in welcome.title and welcome.sections[0].heading == "Commands"
    [topics] = await dm_user.command("topics")
    assert topics.sections[0].lines == (
        "security – Security (3 questions)",
        "databases – Databases (1 questions)",
    )


async def test_group_replies_to_other_bot_messages_are_ignored_but_closed_questions_say_so(engine) -> None:
    alice = group_member(engine, "1", "Alice")
    [question] = await alice.command("quiz", "databases")
    await engine.question_posted(question.open_question_id, "q1")
    assert await alice.say("thanks!", reply_to="some-grade-message") == []
    await alice.press(question.buttons[1].action)
    [closed] = await alice.say("lookup writes", reply_to="q1")
    assert closed.title == "That question is closed."


async def test_graded_answers_are_limited_per_user_with_a_clear_reply(dm_user: Person, clock) -> None:
    for _ in range(12):
        await dm_user.command("quiz", "databases")
        [graded] = await dm_user.say("a lookup structure that slows writes")
        assert graded.kind is ReplyKind.GRADE
    await dm_user.command("quiz", "databases")
    [limited] = await dm_user.say("a lookup structure that slows writes")
    assert limited.kind is ReplyKind.ERROR and "at most 12" in limited.title
    assert "still open" in limited.body[0]
    clock.advance(minutes=1)
    [graded] = await dm_user.say("a lookup structure that slows writes")
    assert graded.kind is ReplyKind.GRADE


def test_a_missed_point_says_why_when_the_answer_said_the_opposite() -> None:
    """Every platform renders ``Reply.misses``: a denied point says so, a point not mentioned stays plain."""
    question = QUESTIONS[1]
    grade = Grade(
        0.0,
        Verdict.WRONG,
        (
            PointResult("signed", "mentions signed", False, "denied: the answer says the opposite"),
            PointResult("stateless", "mentions stateless", False, "not mentioned"),
        ),
    )
    reply = replies.graded(question, grade, "", name="Alice", group=False, answers=None)
    assert reply.misses == ("mentions signed – you said the opposite", "mentions stateless")
    partly = PointResult("signed", "mentions signed", False, "only partly stated: “sign”")
    assert replies.missed_line(partly) == "mentions signed – only partly said: “sign”"
