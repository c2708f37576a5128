"""The practice flow: ask a question, take an answer, hint, skip, show the answer."""

from __future__ import annotations

import unicodedata
from datetime import datetime

from bot import replies
from bot.flows import follow_up_asking
from bot.flows.catalog import ensure_catalog
from bot.flows.context import Services, Turn
from bot.flows.quiz_request import QuizRequest, read_request
from bot.flows.selection import practice_pick
from bot.model.grades import Verdict
from bot.model.messages import Reply
from bot.model.questions import Question
from bot.model.records import Attempt, Mode, OpenQuestion

MAX_ANSWER_CHARS = 5000


def clean_answer(text: str) -> str:
    """Normalise unicode and drop control characters other than line breaks and tabs."""
    text = unicodedata.normalize("NFKC", text)
    # Most answers have nothing to drop: a printable text (line breaks and tabs aside) is checked in C.
    if not text.translate(_LAYOUT).isprintable():
        text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    return text.strip()


_LAYOUT = str.maketrans("", "", "\n\t")
"""Line breaks and tabs, the control characters an answer keeps."""


def resolve_topic(services: Services, asked: str) -> str | None:
    """The topic name matching what the user typed (case-insensitive, unique prefix allowed)."""
    names = [t.name for t in services.bank.topics()]
    asked = asked.strip().lower()
    if asked in names:
        return asked
    matches = [n for n in names if n.startswith(asked)] if asked else []
    return matches[0] if len(matches) == 1 else None


async def ask(services: Services, turn: Turn, topic_arg: str | None) -> list[Reply]:
    """Open a question (of a topic and/or a difficulty, the one with this id, or any) as a reply."""
    request = read_request(services.bank, topic_arg, lambda typed: resolve_topic(services, typed))
    if request.refusal is not None:
        return [request.refusal]
    question = request.question or await _next_question(services, turn, request)
    if question is None:
        return [replies.error("There are no questions to ask yet.", "Add a content pack and try again.")]
    opened = await services.store.open_question(
        turn.place.id,
        turn.chat.chat_id,
        question.id,
        asked_by_user_id=turn.user.id,
        for_user_id=None if turn.is_group else turn.user.id,
        now=services.clock.now(),
        mode=Mode.QUIZ if turn.is_group else Mode.PRACTICE,
    )
    return [replies.question(question, opened.id, group=turn.is_group)]


async def _next_question(services: Services, turn: Turn, request: QuizRequest) -> Question | None:
    """The practice choice, made by the store from the user's kept state and the question catalog."""
    await ensure_catalog(services)
    difficulty = request.difficulty.value if request.difficulty else None
    pick = practice_pick(request.topic, difficulty, services.rng)
    chosen = await services.store.pick_practice_question(turn.user.id, pick)
    question = services.bank.get(chosen) if chosen else None
    if question is not None:
        return question
    # Only when another content version synced the catalog last: draw from this bank instead.
    candidates = request.candidates(services.bank)
    return services.rng.choice(candidates) if candidates else None


async def answer(services: Services, turn: Turn, opened: OpenQuestion, text: str) -> list[Reply]:
    """Grade one member's answer to an open question and record the attempt."""
    answers = turn.incoming.message_id
    cleaned = clean_answer(text)
    if not cleaned:
        return [
            replies.error("Your answer is empty.", "Write your answer in a few sentences, or /hint or /skip.")
        ]
    if len(cleaned) > MAX_ANSWER_CHARS:
        return [
            replies.error(
                f"Your answer is {len(cleaned):,} characters; please keep it under {MAX_ANSWER_CHARS:,}.",
                "An interview answer is a few sentences. The question is still open: send a shorter answer.",
                answers=answers,
            )
        ]
    question = services.bank.get(opened.question_id)
    if question is None:
        await services.store.close_question(opened.id, services.clock.now())
        return [replies.error("That question is no longer in the question bank.", "Try /quiz for a new one.")]
    # In a DM the answer closes the question, so only a group's can have been answered already (a
    # racing second answer is still refused by ``record_attempt``).
    if turn.is_group and await services.store.has_answered(opened.id, turn.user.id):
        return [replies.error("You already answered this question.", "Each member answers once; try /quiz.")]
    now = services.clock.now()
    too_many = over_answer_limit(services, turn, now)
    if too_many is not None:
        return [too_many]
    grade = services.grader(question, cleaned)
    follow_up = follow_up_asking.target(question, grade, opened.mode)
    attempt = Attempt(
        user_id=turn.user.id,
        place_id=turn.place.id,
        question_id=question.id,
        score=grade.score,
        verdict=grade.verdict,
        answered_at=now,
        open_question_id=opened.id,
        answer_text=cleaned,
        matched=grade.matched,
        missed=grade.missed,
        hints_used=opened.hints_shown,
        elapsed_seconds=(now - opened.opened_at).total_seconds(),
        mode=opened.mode,
        follow_up_asked=follow_up is not None,
    )
    # One transaction: the attempt, the membership, the kept state and (in a DM) closing the question.
    attempt_id = await services.store.record_attempt(attempt, close=not turn.is_group)
    if attempt_id is None:
        return [replies.error("You already answered this question.", "Each member answers once; try /quiz.")]
    nudge = services.nudger(question, grade)
    if follow_up is not None:
        nudge = follow_up_asking.grade_nudge(nudge)
    name = turn.user.display_name
    graded = replies.graded(
        question, grade, nudge, name=name, group=turn.is_group, answers=answers, open_question_id=opened.id
    )
    return [graded, *await follow_up_asking.ask(services, turn, question, attempt, attempt_id, follow_up)]


def over_answer_limit(services: Services, turn: Turn, now: datetime) -> Reply | None:
    """The reply to an answer over the user's per-minute limit (the question stays open), or None."""
    wait = services.answer_limit.wait(turn.user.id, now)
    if not wait:
        return None
    return replies.error(
        f"That is a lot of answers in a minute: at most {services.answer_limit.per_window}.",
        f"Take a breath and answer again in {round(wait)} s; the question is still open.",
        answers=turn.incoming.message_id,
    )


async def hint(services: Services, turn: Turn, opened: OpenQuestion) -> list[Reply]:
    """Show the next hint of an open question."""
    question = services.bank.get(opened.question_id)
    if question is None or not question.hints:
        return [replies.info("No hints for this one.", "Give it your best shot, or /skip.")]
    if opened.hints_shown >= len(question.hints):
        return [replies.info("That was the last hint.", question.hints[-1])]
    count = await services.store.add_hint(opened.id)
    return [replies.info(f"💡 Hint {count}/{len(question.hints)}", question.hints[count - 1])]


async def give_up(services: Services, turn: Turn, opened: OpenQuestion, *, reveal: bool) -> list[Reply]:
    """Skip a question (and ask the next) or show its model answer; both close it."""
    if turn.is_group and not (turn.incoming.can_manage or opened.asked_by_user_id == turn.user.id):
        return [replies.error("Only the member who asked, or an admin, can close this question.")]
    now = services.clock.now()
    await services.store.close_question(opened.id, now)
    question = services.bank.get(opened.question_id)
    if not turn.is_group:
        await services.store.record_attempt(
            Attempt(
                turn.user.id,
                turn.place.id,
                opened.question_id,
                0.0,
                Verdict.SKIPPED,
                now,
                opened.id,
                mode=opened.mode,
            )
        )
    if question is None:
        return [replies.info("Closed.")]
    if reveal:
        return [replies.model_answer(question, "📖 The model answer")]
    if turn.is_group:
        return [replies.info("Question skipped.", "Start another with /quiz.")]
    return [replies.info("Skipped."), *await ask(services, turn, question.topic)]
