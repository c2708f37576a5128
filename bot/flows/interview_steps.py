"""The moves of a running mock interview: post the next question (or the scorecard), post the current
one again, skip one, finish; each keeps the interview's stored progress up to date."""

from __future__ import annotations

from dataclasses import replace

from bot.flows import interview_replies as said
from bot.flows.context import Services, Turn
from bot.flows.interview_ports import InterviewStore, interview_store
from bot.flows.scorecard import Entry, scorecard
from bot.model.grades import Verdict
from bot.model.interviews import Interview
from bot.model.messages import Reply
from bot.model.records import Attempt, Mode, OpenQuestion


def store(services: Services) -> InterviewStore:
    """The engine's store, for its interview methods."""
    return interview_store(services.store)


async def ask_next(services: Services, turn: Turn, interview: Interview) -> list[Reply]:
    """Post the interview's next question, or its scorecard when none is left."""
    question_id = interview.next_question_id
    if question_id is None:
        return await finish(services, interview, stopped_early=False)
    question = services.bank.get(question_id)
    opened = await open_in_chat(services, turn, question_id)
    asked = (*interview.asked, opened.id)
    await store(services).save_interview_progress(interview.id, turn.chat.chat_id, asked)
    if question is None:  # it left the bank since the interview began: count it skipped, go on
        return await skip(
            services, turn, replace(interview, chat_id=turn.chat.chat_id, asked=asked), opened, quiet=True
        )
    return [said.question(question, opened.id, len(asked), interview.total)]


async def open_in_chat(services: Services, turn: Turn, question_id: str) -> OpenQuestion:
    """Open an interview question for the user in the turn's chat."""
    return await services.store.open_question(
        turn.place.id,
        turn.chat.chat_id,
        question_id,
        asked_by_user_id=turn.user.id,
        for_user_id=turn.user.id,
        now=services.clock.now(),
        mode=Mode.INTERVIEW,
    )


async def repost(services: Services, turn: Turn, interview: Interview) -> list[Reply]:
    """The current question again: as it is when still open here, else opened afresh in this chat."""
    current_id = interview.current_open_question_id
    if current_id is None or interview.current_question_id is None:
        return await ask_next(services, turn, interview)
    current = await services.store.get_open_question(current_id)
    question = services.bank.get(interview.current_question_id)
    if question is None or (current and await services.store.has_answered(current.id, interview.user_id)):
        return await ask_next(services, turn, interview)
    if current is None or current.closed_at is not None or current.chat_id != turn.chat.chat_id:
        if current is not None:
            await services.store.close_question(current.id, services.clock.now())
        current = await open_in_chat(services, turn, question.id)
        asked = (*interview.asked[:-1], current.id)
        await store(services).save_interview_progress(interview.id, turn.chat.chat_id, asked)
    return [said.question(question, current.id, interview.number, interview.total)]


async def current(services: Services, turn: Turn, opened: OpenQuestion) -> Interview | None:
    """The running interview whose current question ``opened`` is; None (closing it) when there is none."""
    interview = await store(services).running_interview(turn.user.id, opened.place_id)
    if interview is None or interview.current_open_question_id != opened.id:
        await services.store.close_question(opened.id, services.clock.now())
        return None
    return interview


async def finish(services: Services, interview: Interview, *, stopped_early: bool) -> list[Reply]:
    """Mark the interview finished and return its scorecard."""
    await store(services).finish_interview(interview.id, services.clock.now(), stopped_early=stopped_early)
    entries = []
    for number, (open_question_id, question_id) in enumerate(
        zip(interview.asked, interview.question_ids, strict=False), start=1
    ):
        attempts = await services.store.attempts_for_open_question(open_question_id)
        mine = next((a for a in attempts if a.user_id == interview.user_id), None)
        entries.append(Entry(number, question_id, services.bank.get(question_id), mine))
    return [scorecard(entries, interview.total, stopped_early=stopped_early)]


async def skip(
    services: Services, turn: Turn, interview: Interview, opened: OpenQuestion, *, quiet: bool = False
) -> list[Reply]:
    """Record the question as skipped (with the time it was open) and go on."""
    now = services.clock.now()
    elapsed = (now - opened.opened_at).total_seconds()
    attempt = Attempt(
        turn.user.id,
        opened.place_id,
        opened.question_id,
        0.0,
        Verdict.SKIPPED,
        now,
        opened.id,
        elapsed_seconds=elapsed,
        mode=Mode.INTERVIEW,
    )
    await services.store.record_attempt(attempt, close=True)
    shown = [] if quiet else [said.skipped(interview.number, interview.total, elapsed)]
    return [*shown, *await ask_next(services, turn, interview)]
