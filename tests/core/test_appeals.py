"""Appeals with the in-memory fakes: the Disagree button under every grade, ``/disagree [why]``, a reply
with the reason, and a group admin accepting an appeal, which corrects the member's points."""

from __future__ import annotations

from bot.engine import Engine
from bot.model.actions import Action, Verb
from bot.model.appeals import AppealStatus
from bot.model.grades import Verdict
from bot.model.messages import Reply, ReplyKind
from bot.model.progress import week_start
from tests.support.fakes import FixedClock, MemoryStore
from tests.support.world import Person, group_member


def disagree_of(replies: list[Reply]) -> Action:
    """The Disagree button's action under the grade among the replies."""
    grade = next(r for r in replies if r.kind is ReplyKind.GRADE)
    return next(b.action for b in grade.buttons if b.action.verb is Verb.DISAGREE)


def accept_of(replies: list[Reply]) -> Action:
    """The Accept button's action under the appeal notice among the replies."""
    return next(b.action for r in replies for b in r.buttons if b.action.verb is Verb.ACCEPT)


async def a_partial_answer(person: Person, question: str = "jwt") -> list[Reply]:
    """Ask ``question`` and answer it with one of its two key points."""
    asked = await person.command("quiz", question)
    if person.chat.is_private:
        return await person.say("It is signed.")
    message = "q-" + str(asked[0].open_question_id)
    await person.engine.question_posted(asked[0].open_question_id or 0, message)
    return await person.say("It is signed.", reply_to=message)


async def test_every_grade_has_a_disagree_button_with_its_open_question(dm_user: Person) -> None:
    asked = await dm_user.command("quiz", "jwt")
    graded = await dm_user.say("It is signed and stateless.")
    action = disagree_of(graded)
    assert action.question_id == asked[0].open_question_id
    assert Action.parse(action.encode()) == action
    assert len(action.encode().encode()) <= 64


async def test_pressing_disagree_records_the_answer_the_grade_and_asks_why(
    dm_user: Person, store: MemoryStore
) -> None:
    graded = await a_partial_answer(dm_user)
    replies = await dm_user.press(disagree_of(graded))
    assert replies[0].title == "Thanks — recorded for the pack's authors."
    assert "/disagree <why>" in replies[0].body[-1]
    [appeal] = await store.list_appeals()
    assert (appeal.question_id, appeal.answer_text) == ("jwt", "It is signed.")
    assert (appeal.verdict, appeal.score, appeal.matched, appeal.missed) == (
        Verdict.PARTIAL, 0.5, ("signed",), ("stateless",)
    )  # fmt: skip
    assert (appeal.claimed, appeal.reason, appeal.status) == (Verdict.CORRECT, "", AppealStatus.OPEN)
    assert replies[0].appeal_id == appeal.id  # a reply to this message gives the reason


async def test_appealing_again_updates_the_reason_instead_of_adding_an_appeal(
    dm_user: Person, store: MemoryStore
) -> None:
    graded = await a_partial_answer(dm_user)
    await dm_user.press(disagree_of(graded))
    replies = await dm_user.command("disagree", "stateless", "is", "implied", "by", "signed")
    assert "Reason updated: stateless is implied by signed" in replies[0].body
    await dm_user.press(disagree_of(graded))  # pressing again without a reason keeps the reason
    [appeal] = await store.list_appeals()
    assert appeal.reason == "stateless is implied by signed"
    assert await store.appealed_attempt_ids(appeal.user_id) == {appeal.attempt_id}


async def test_a_reply_to_the_prompt_is_the_reason(dm_user: Person, store: MemoryStore) -> None:
    graded = await a_partial_answer(dm_user)
    prompt = (await dm_user.press(disagree_of(graded)))[0]
    await dm_user.engine.appeal_posted(prompt.appeal_id or 0, "prompt-1")
    replies = await dm_user.say("A signed token needs no session store.", reply_to="prompt-1")
    assert replies[0].title.startswith("Thanks")
    [appeal] = await store.list_appeals()
    assert appeal.reason == "A signed token needs no session store."
    assert await store.question_states(appeal.user_id)  # the reason was not taken for an answer
    assert len(store.attempts) == 1


async def test_disagree_without_a_button_appeals_the_latest_grade_and_may_name_the_label(
    dm_user: Person, store: MemoryStore
) -> None:
    await a_partial_answer(dm_user, "jwt")
    await a_partial_answer(dm_user, "cors")  # "signed" is no key point of cors: wrong
    replies = await dm_user.command("disagree", "partial:", "origin", "is", "implied")
    assert "you say it is partly right" in replies[0].body[0]
    [appeal] = await store.list_appeals()
    assert (appeal.question_id, appeal.verdict, appeal.claimed) == ("cors", Verdict.WRONG, Verdict.PARTIAL)
    assert appeal.reason == "origin is implied"


async def test_nothing_to_disagree_with_gets_a_clear_reply(dm_user: Person, store: MemoryStore) -> None:
    replies = await dm_user.command("disagree", "why")
    assert replies[0].kind is ReplyKind.ERROR
    assert "no grade of yours" in replies[0].title
    assert (await dm_user.press(Action.disagree(999)))[0].kind is ReplyKind.ERROR
    assert await store.list_appeals() == []


async def test_a_too_long_reason_is_refused_with_its_length(dm_user: Person, store: MemoryStore) -> None:
    await a_partial_answer(dm_user)
    replies = await dm_user.command("disagree", "x" * 1500)
    assert "1,500 characters" in replies[0].title
    assert await store.list_appeals() == []


async def test_in_a_group_an_admin_accepts_and_the_points_are_corrected(
    engine: Engine, store: MemoryStore, clock: FixedClock
) -> None:
    ann, bob = group_member(engine, "1", "Ann"), group_member(engine, "2", "Bob")
    graded = await a_partial_answer(ann)
    replies = await ann.press(disagree_of(graded))
    thanks, notice = replies
    assert thanks.private and not notice.private
    assert "Ann disagrees" in notice.title and notice.appeal_id is not None
    place = next(iter(store.places.values()))
    before = await store.leaderboard_page(place.id, 0, week_start(clock.now()))
    assert [(line.display_name, line.points) for line in before.top] == [("Ann", 5)]

    refused = await bob.press(accept_of(replies))  # Bob is a member, not an admin
    assert refused[0].kind is ReplyKind.ERROR and "Only an admin" in refused[0].title
    assert (await store.list_appeals())[0].status is AppealStatus.OPEN

    accepted = await bob.press(accept_of(replies), can_manage=True)
    assert accepted[0].title == f"✅ Appeal #{notice.appeal_id} accepted"
    assert "5 → 10 points" in accepted[0].body[0]
    [appeal] = await store.list_appeals()
    assert (appeal.status, appeal.accepted_verdict, appeal.accepted_score) == (
        AppealStatus.ACCEPTED, Verdict.CORRECT, 1.0
    )  # fmt: skip
    [attempt] = store.attempts
    assert (attempt.verdict, attempt.score) == (Verdict.CORRECT, 1.0)
    for week in (None, week_start(clock.now())):
        page = await store.leaderboard_page(place.id, 0, week)
        assert [(line.display_name, line.points, line.correct) for line in page.top] == [("Ann", 10, 1)]
    totals = await store.user_progress(appeal.user_id)
    assert totals is not None and (totals.correct, totals.partial) == (1, 0)
    board = await ann.command("leaderboard", "all")
    assert "10" in " ".join(line for r in board for s in r.sections for line in s.lines)

    again = await bob.command("accept", str(appeal.id), can_manage=True)
    assert "already accepted" in again[0].title


async def test_accept_takes_an_id_and_a_verdict_and_refuses_what_it_cannot_do(
    engine: Engine, store: MemoryStore, dm_user: Person
) -> None:
    ann, admin = group_member(engine, "1", "Ann"), group_member(engine, "3", "Cy")
    graded = await a_partial_answer(ann, "cors")  # wrong
    await ann.press(disagree_of(graded))
    [appeal] = await store.list_appeals()
    assert (await admin.command("accept", can_manage=True))[0].title.startswith("Which appeal?")
    assert (await admin.command("accept", "abc", can_manage=True))[0].title.startswith("Which appeal?")
    assert "no appeal #77" in (await admin.command("accept", "77", can_manage=True))[0].title
    assert "in the group" in (await dm_user.command("accept", str(appeal.id)))[0].title
    done = await admin.command("accept", f"#{appeal.id}", "partial", can_manage=True)
    assert "now counts as partly right (50%)" in done[0].body[0]
    assert (store.attempts[0].verdict, store.attempts[0].score) == (Verdict.PARTIAL, 0.5)


async def test_a_member_who_did_not_answer_cannot_appeal_someone_elses_grade(engine: Engine) -> None:
    ann, bob = group_member(engine, "1", "Ann"), group_member(engine, "2", "Bob")
    graded = await a_partial_answer(ann)
    replies = await bob.press(disagree_of(graded))
    assert replies[0].kind is ReplyKind.ERROR


def test_a_reason_names_the_label_only_with_a_colon_or_dash_or_alone() -> None:
    from bot.model.appeals import accepted_score, claimed_label

    assert claimed_label(Verdict.WRONG, "partial: I named two") == (Verdict.PARTIAL, "I named two")
    assert claimed_label(Verdict.WRONG, "Correct") == (Verdict.CORRECT, "")
    assert claimed_label(Verdict.PARTIAL, "wrong grade, I said it") == (
        Verdict.CORRECT,
        "wrong grade, I said it",
    )
    assert claimed_label(Verdict.CORRECT, "") == (Verdict.CORRECT, "")
    assert [accepted_score(v, 0.3) for v in (Verdict.CORRECT, Verdict.PARTIAL, Verdict.WRONG)] == [
        1.0,
        0.3,
        0.0,
    ]
    assert accepted_score(Verdict.PARTIAL, 0.0) == 0.5 and accepted_score(Verdict.PARTIAL, 1.0) == 0.5
