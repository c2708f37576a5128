"""Mock interviews: ``/interview [topic] [n]`` asks n questions in a row in a DM, takes each answer
without grading it aloud (only the time it took), and ends with a scorecard.

Every answer is graded and recorded like any other (``mode=INTERVIEW``), so the kept state, the
spaced-repetition cards and therefore the daily drill take in what was missed.  There are no
follow-ups, hints or model answers inside an interview; ``/skip`` skips a question and
``/interview stop`` ends early with the scorecard so far.  The interview lives in the store, so it
goes on after a restart, and ``/interview`` in another chat of the same place (a new terminal
session) picks it up there.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot import replies
from bot.flows import interview_replies as said
from bot.flows import interview_steps as steps
from bot.flows.context import Services, Turn
from bot.flows.interview_selection import RECENT_INTERVIEW_WINDOW, choose_interview
from bot.flows.practice import MAX_ANSWER_CHARS, clean_answer, over_answer_limit, resolve_topic
from bot.model.actions import Verb
from bot.model.messages import Reply
from bot.model.records import Attempt, Mode, OpenQuestion

NUMBER = re.compile(r"[+-]?\d+")
STOP_WORDS = frozenset({"stop", "end", "quit"})


async def command(services: Services, turn: Turn) -> list[Reply]:
    """``/interview [topic] [n]`` (either order), ``/interview stop``; in a DM only."""
    if turn.is_group:
        return [said.dm_only()]
    args = turn.incoming.args
    if args and args[0].lower() in STOP_WORDS:
        return await stop(services, turn)
    running = await steps.store(services).running_interview(turn.user.id, turn.place.id)
    if running is not None:
        return [
            said.running(max(running.number, 1), running.total),
            *await steps.repost(services, turn, running),
        ]
    parsed = _parse(services, args)
    if isinstance(parsed, Reply):
        return [parsed]
    return await _start(services, turn, *parsed)


def _parse(services: Services, args: Sequence[str]) -> tuple[str | None, int] | Reply:
    """The topic and number of questions in the command's words, or the error reply."""
    numbers = [a for a in args if NUMBER.fullmatch(a)]
    words = [a for a in args if not NUMBER.fullmatch(a)]
    if len(numbers) > 1:
        return said.bad_count(" ".join(numbers))
    count = said.DEFAULT_QUESTIONS
    if numbers:
        count = int(numbers[0]) if len(numbers[0]) <= 4 else 0
        if not 1 <= count <= said.MAX_QUESTIONS:
            return said.bad_count(numbers[0])
    if not words:
        return None, count
    asked = " ".join(words)
    topic = resolve_topic(services, asked) or resolve_topic(services, "-".join(words))
    if topic is None:
        return replies.unknown_topic(asked, services.bank.topics())
    return topic, count


async def _start(services: Services, turn: Turn, topic: str | None, count: int) -> list[Reply]:
    store, user_id = services.store, turn.user.id
    briefs = await store.question_briefs(user_id)
    recent = await store.latest_question_ids(user_id, RECENT_INTERVIEW_WINDOW)
    last_scores = {b.question_id: b.last_score for b in briefs}
    chosen = choose_interview(services.bank.questions(topic), last_scores, recent, count, services.rng)
    if not chosen:
        return [replies.error("There are no questions to ask yet.", "Add a content pack and try again.")]
    note = ""
    if len(chosen) < count:
        note = f"{topic or 'The bank'} has {len(chosen)} questions, so this interview has {len(chosen)}."
    interview = await steps.store(services).start_interview(
        user_id, turn.place.id, turn.chat.chat_id, [q.id for q in chosen], topic, services.clock.now()
    )
    return [said.started(len(chosen), topic, note), *await steps.ask_next(services, turn, interview)]


async def answer(services: Services, turn: Turn, opened: OpenQuestion, text: str) -> list[Reply]:
    """An answer to the current interview question: record it graded, show only the time, go on."""
    answers = turn.incoming.message_id
    cleaned = clean_answer(text)
    if not cleaned:
        return [replies.error("Your answer is empty.", "Write your answer in a few sentences, or /skip.")]
    if len(cleaned) > MAX_ANSWER_CHARS:
        return [
            replies.error(
                f"Your answer is {len(cleaned):,} characters; please keep it under {MAX_ANSWER_CHARS:,}.",
                "The question is still open: send a shorter answer.",
                answers=answers,
            )
        ]
    interview = await steps.current(services, turn, opened)
    question = services.bank.get(opened.question_id)
    if interview is None or question is None:
        return [replies.info("That mock interview is over.", "Start another with /interview.")]
    now = services.clock.now()
    too_many = over_answer_limit(services, turn, now)
    if too_many is not None:
        return [too_many]
    grade = services.grader(question, cleaned)
    elapsed = (now - opened.opened_at).total_seconds()
    attempt = Attempt(
        turn.user.id,
        opened.place_id,
        question.id,
        grade.score,
        grade.verdict,
        now,
        opened.id,
        answer_text=cleaned,
        matched=grade.matched,
        missed=grade.missed,
        elapsed_seconds=elapsed,
        mode=Mode.INTERVIEW,
    )
    if not await services.store.record_attempt(attempt, close=True):
        return [replies.error("You already answered this question.", said.HOW_TO_GO_ON)]
    took = said.answered(interview.number, interview.total, elapsed, answers)
    return [took, *await steps.ask_next(services, turn, interview)]


async def on_question(services: Services, turn: Turn, verb: Verb, opened: OpenQuestion) -> list[Reply]:
    """/hint, /skip or /answer (or their buttons) on an interview question."""
    if verb is Verb.HINT:
        return [said.no_hints()]
    if verb is Verb.REVEAL:
        return [said.no_model_answer()]
    interview = await steps.current(services, turn, opened)
    if interview is None:
        return [replies.info("That mock interview is over.", "Start another with /interview.")]
    return await steps.skip(services, turn, interview, opened)


async def stop(services: Services, turn: Turn) -> list[Reply]:
    """``/interview stop``: close the current question unanswered and show the scorecard so far."""
    interview = await steps.store(services).running_interview(turn.user.id, turn.place.id)
    if interview is None:
        return [said.nothing_running()]
    if interview.current_open_question_id is not None:
        await services.store.close_question(interview.current_open_question_id, services.clock.now())
    return await steps.finish(services, interview, stopped_early=True)


async def refuse_during(services: Services, turn: Turn) -> list[Reply]:
    """What /quiz (or Next question) gets in a DM while an interview runs there; [] when none does."""
    if turn.is_group:
        return []
    running = await steps.store(services).running_interview(turn.user.id, turn.place.id)
    if running is None:
        return []
    return [said.quiz_refused(max(running.number, 1), running.total)]
