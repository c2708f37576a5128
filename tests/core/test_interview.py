"""Mock interviews told as a user's story, through the engine with in-memory ports and a fixed clock."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from bot.drills.choice import ChoiceInput, choose_drill
from bot.drills.tally import card_state
from bot.engine import Engine
from bot.flows.scorecard import SCORECARD_TITLE
from bot.model.actions import Action, Verb
from bot.model.messages import Chat, Reply, ReplyKind
from bot.model.records import Mode
from tests.support.fakes import FixedClock, MemoryStore
from tests.support.world import Person, full_answer, group_member, small_bank


def question_of(replies: list[Reply]) -> Reply:
    """The one question among the replies."""
    [question] = [r for r in replies if r.kind is ReplyKind.QUESTION]
    return question


def asked_id(replies: list[Reply], store: MemoryStore) -> str:
    """The id of the question the replies post."""
    return store.open_questions[question_of(replies).open_question_id or 0].question_id


def scorecard_of(replies: list[Reply]) -> Reply:
    """The scorecard among the replies."""
    [card] = [r for r in replies if r.title.startswith(SCORECARD_TITLE)]
    return card


def lines_of(card: Reply) -> list[str]:
    """Every heading and line of a reply's sections, in order."""
    return [text for s in card.sections for text in (s.heading, *s.lines)]


async def test_an_interview_starts_with_question_1_of_n_and_only_a_skip_button(dm_user: Person) -> None:
    replies = await dm_user.command("interview", "3")
    intro, question = replies
    assert intro.title == "🎤 Mock interview: 3 questions across the topics"
    assert "/interview stop" in " ".join(intro.body)
    assert question.title.startswith("Question 1 of 3 · ")
    assert [b.action.verb for b in question.buttons] == [Verb.SKIP]


async def test_answers_get_no_grade_only_the_time_they_took(
    dm_user: Person, clock: FixedClock, store: MemoryStore
) -> None:
    first = await dm_user.command("interview", "3")
    clock.advance(seconds=72)
    replies = await dm_user.say(full_answer(asked_id(first, store)))
    assert replies[0].title == "Question 1 of 3 answered in 1 min 12 s."
    assert all(r.kind is not ReplyKind.GRADE and r.score is None and not r.hits for r in replies)
    assert question_of(replies).title.startswith("Question 2 of 3 · ")
    clock.advance(seconds=9)
    replies = await dm_user.say("no idea")
    assert replies[0].title == "Question 2 of 3 answered in 9 s."
    assert not any("model answer" in " ".join(r.body).lower() for r in replies)


async def test_the_scorecard_has_each_verdict_score_time_missed_point_topics_and_what_to_review(
    dm_user: Person, clock: FixedClock, store: MemoryStore
) -> None:
    replies = await dm_user.command("interview", "3")
    asked = []
    for seconds, answer in ((72, "full"), (30, "none"), (45, "half")):
        qid = asked_id(replies, store)
        asked.append(qid)
        clock.advance(seconds=seconds)
        text = {"full": full_answer(qid), "none": "I would rather not say.", "half": full_answer(qid)[:18]}
        replies = await dm_user.say(text[answer])
    card = scorecard_of(replies)
    assert not any(r.kind is ReplyKind.QUESTION for r in replies)
    assert card.body[0] == "3 of 3 answered, 0 skipped, 2 min 27 s in all."
    lines = lines_of(card)
    assert lines[0] == f"1. {asked[0]} ({store_topic(asked[0])}) – ✅ correct, 100%, 1 min 12 s"
    assert "Nothing missed." in lines
    wrong = next(line for line in lines if line.startswith(f"2. {asked[1]}"))
    assert wrong.endswith("❌ not quite, 0%, 30 s")
    assert any(line.startswith("✗ missed: mentions ") for line in lines)
    topics = card.sections[-2]
    assert topics.heading == "Topics"
    assert topics.lines[0].startswith("Strongest: ") and topics.lines[1].startswith("Weakest: ")
    review = card.sections[-1]
    assert review.heading == "Review next"
    assert review.lines[0] == f"{asked[1]} – practise it with /quiz {asked[1]}"
    assert not any(asked[0] in line for line in review.lines)
    assert "daily drill" in review.lines[-1]


def store_topic(question_id: str) -> str:
    """The topic of a question of the small bank."""
    question = small_bank().get(question_id)
    assert question is not None
    return question.topic


async def test_questions_are_mixed_across_topics_unless_one_is_named(
    dm_user: Person, store: MemoryStore
) -> None:
    replies = await dm_user.command("interview", "2")
    first = asked_id(replies, store)
    second = asked_id(await dm_user.say("an answer"), store)
    assert {store_topic(first), store_topic(second)} == {"security", "databases"}
    await dm_user.say("an answer")
    replies = await dm_user.command("interview", "security", "3")
    seen = [asked_id(replies, store)]
    for _ in range(2):
        replies = await dm_user.say("an answer")
        if any(r.kind is ReplyKind.QUESTION for r in replies):
            seen.append(asked_id(replies, store))
    assert sorted(seen) == ["authn-vs-authz", "cors", "jwt"]


async def test_topic_and_count_come_in_either_order_and_a_short_topic_says_so(dm_user: Person) -> None:
    intro, question = await dm_user.command("interview", "2", "SEC")
    assert intro.title == "🎤 Mock interview: 2 security questions"
    assert question.title.startswith("Question 1 of 2 · security")
    await dm_user.command("interview", "stop")
    intro, question = await dm_user.command("interview", "databases", "4")
    assert intro.title == "🎤 Mock interview: 1 databases questions"
    assert intro.body[0] == "databases has 1 questions, so this interview has 1."


async def test_new_and_weak_questions_come_before_what_was_just_answered_well(
    dm_user: Person, store: MemoryStore
) -> None:
    await dm_user.command("quiz", "jwt")
    await dm_user.say(full_answer("jwt"))
    replies = await dm_user.command("interview", "security", "2")
    first = asked_id(replies, store)
    second = asked_id(await dm_user.say("an answer"), store)
    assert "jwt" not in {first, second}


async def test_skip_counts_as_skipped_on_the_scorecard(
    dm_user: Person, clock: FixedClock, store: MemoryStore
) -> None:
    replies = await dm_user.command("interview", "2")
    first = asked_id(replies, store)
    clock.advance(seconds=20)
    replies = await dm_user.command("skip")
    assert replies[0].title == "Question 1 of 2 skipped after 20 s."
    button = question_of(replies).buttons[0]
    replies = await dm_user.press(button.action)
    assert replies[0].title == "Question 2 of 2 skipped after 0 s."
    card = scorecard_of(replies)
    assert card.body[0] == "0 of 2 answered, 2 skipped, 20 s in all."
    assert lines_of(card)[0] == f"1. {first} ({store_topic(first)}) – ⏭ skipped, 0%, 20 s"


async def test_stop_ends_early_with_a_partial_scorecard(
    dm_user: Person, clock: FixedClock, store: MemoryStore
) -> None:
    replies = await dm_user.command("interview", "4")
    first = asked_id(replies, store)
    clock.advance(seconds=61)
    replies = await dm_user.say(full_answer(first))
    second = asked_id(replies, store)
    [card] = await dm_user.command("interview", "stop")
    assert card.body[0] == "Stopped early. 1 of 4 answered, 0 skipped, 1 min 1 s in all."
    lines = lines_of(card)
    assert lines[0].startswith(f"1. {first} ") and lines[0].endswith("✅ correct, 100%, 1 min 1 s")
    assert f"2. {second} ({store_topic(second)}) – not answered" in lines
    assert not any(line.startswith("3. ") for line in lines)
    assert (await dm_user.say("a late answer"))[0].title == "No question is waiting for an answer."
    [again] = await dm_user.command("interview", "stop")
    assert again.title == "No mock interview is running."


async def test_stopping_before_any_answer_says_there_is_nothing_to_score(dm_user: Person) -> None:
    await dm_user.command("interview")
    [card] = await dm_user.command("interview", "stop")
    assert card.title == SCORECARD_TITLE
    assert card.body == (
        "Stopped early. 0 of 4 answered, 0 skipped, 0 s in all.",
        "Nothing was answered, so nothing to score.",
    )


async def test_no_hints_model_answers_or_other_questions_inside_an_interview(dm_user: Person) -> None:
    replies = await dm_user.command("interview", "2")
    [hint] = await dm_user.command("hint")
    assert hint.title == "No hints in a mock interview."
    [reveal] = await dm_user.command("answer")
    assert reveal.title == "No model answers during a mock interview."
    [quiz] = await dm_user.command("quiz")
    assert quiz.kind is ReplyKind.ERROR
    assert quiz.title == "A mock interview is running (question 1 of 2)."
    assert "/interview stop" in quiz.body[0]
    [pressed] = await dm_user.press(Action.next(""))
    assert pressed.title == quiz.title
    replies = await dm_user.say("still answering question one")
    assert replies[0].title.startswith("Question 1 of 2 answered in ")


async def test_interview_while_one_runs_posts_the_current_question_again(dm_user: Person) -> None:
    replies = await dm_user.command("interview", "3")
    shown = question_of(replies)
    notice, again = await dm_user.command("interview", "security")
    assert notice.title == "You are in a mock interview: question 1 of 3."
    assert again.open_question_id == shown.open_question_id
    assert again.title == shown.title


async def test_bad_counts_unknown_topics_and_groups_get_clear_replies(
    engine: Engine, dm_user: Person
) -> None:
    for args in (("0",), ("11",), ("-2",), ("3", "4"), ("99999999999",)):
        [reply] = await dm_user.command("interview", *args)
        assert reply.kind is ReplyKind.ERROR, args
        assert "1 to 10 questions" in reply.body[0]
    [unknown] = await dm_user.command("interview", "cooking", "3")
    assert unknown.kind is ReplyKind.ERROR and "cooking" in unknown.title
    [group] = await group_member(engine, "2", "Bob").command("interview")
    assert group.kind is ReplyKind.ERROR
    assert group.title == "Mock interviews are one to one."
    assert "direct message" in group.body[0]


async def test_attempts_are_recorded_as_interview_and_the_missed_ones_come_back_in_the_drill(
    dm_user: Person, clock: FixedClock, store: MemoryStore
) -> None:
    replies = await dm_user.command("interview", "security", "2")
    right = asked_id(replies, store)
    replies = await dm_user.say(full_answer(right))
    wrong = asked_id(replies, store)
    await dm_user.say("no idea at all")
    assert [(a.question_id, a.mode) for a in store.attempts] == [
        (right, Mode.INTERVIEW),
        (wrong, Mode.INTERVIEW),
    ]
    [user] = store.users.values()
    cards = {s.question_id: card_state(s) for s in await store.question_states(user.id)}
    assert cards[wrong].card.due < cards[right].card.due
    tomorrow = (clock.now() + timedelta(days=1)).date()
    given = ChoiceInput(small_bank().questions(), cards, (), tomorrow, ZoneInfo("UTC"), new_per_day=0)
    drilled = choose_drill(given)
    assert drilled is not None and drilled.id == wrong


async def test_the_interview_goes_on_in_another_chat_of_the_same_place(
    engine: Engine, dm_user: Person, store: MemoryStore
) -> None:
    """A new terminal session is a new chat in the user's place: ``/interview`` picks the interview up."""
    home = Chat("test", "dm-1", is_private=True)
    first_session = Person(engine, "1", "Alice", Chat("test", "dm-1/a", True, place_id=home.chat_id))
    replies = await first_session.command("interview", "2")
    await first_session.say(full_answer(asked_id(replies, store)))
    later = Person(engine, "1", "Alice", Chat("test", "dm-1/b", True, place_id=home.chat_id))
    notice, question = await later.command("interview")
    assert notice.title == "You are in a mock interview: question 2 of 2."
    assert question.title.startswith("Question 2 of 2 · ")
    assert (await first_session.say("an answer in the old session"))[0].title == (
        "No question is waiting for an answer."
    )
    card = scorecard_of(await later.say("an answer"))
    assert card.body[0].startswith("2 of 2 answered")


async def test_each_user_has_their_own_interview(engine: Engine, dm_user: Person, store: MemoryStore) -> None:
    bob = Person(engine, "2", "Bob", Chat("test", "dm-2", is_private=True))
    await dm_user.command("interview", "2")
    [quiz] = await bob.command("quiz")
    assert quiz.kind is ReplyKind.QUESTION
    [stop] = await bob.command("interview", "stop")
    assert stop.title == "No mock interview is running."


async def test_after_a_drill_takes_the_dm_interview_posts_the_interview_question_again(
    dm_user: Person, clock: FixedClock, store: MemoryStore
) -> None:
    replies = await dm_user.command("interview", "security", "2")
    shown = question_of(replies)
    [user] = store.users.values()
    interrupted = store.open_questions[shown.open_question_id or 0]
    await store.open_question(
        interrupted.place_id, "dm-1", "db-indexing", None, user.id, clock.now(), mode=Mode.DRILL
    )
    [drill_grade] = [r for r in await dm_user.say(full_answer("db-indexing")) if r.kind is ReplyKind.GRADE]
    assert drill_grade.question_id == "db-indexing"
    notice, again = await dm_user.command("interview")
    assert notice.title == "You are in a mock interview: question 1 of 2."
    assert again.open_question_id != shown.open_question_id
    assert store.open_questions[again.open_question_id or 0].question_id == interrupted.question_id
    assert (await dm_user.say("an answer"))[0].title.startswith("Question 1 of 2 answered in ")
