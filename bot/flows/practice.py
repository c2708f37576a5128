"""The practice flow: ask a question, take an answer, hint, skip, show the answer."""

from __future__ import annotations

import unicodedata

from bot import replies
from bot.flows.context import Context, Core
from bot.flows.selection import choose_question
from bot.model.messages import Reply
from bot.model.records import SKIPPED, Attempt, OpenQuestion

MAX_ANSWER_CHARS = 5000


def clean_answer(text: str) -> str:
    """Normalise unicode and drop control characters other than line breaks and tabs."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C").strip()


def resolve_topic(core: Core, asked: str) -> str | None:
    """The topic name matching what the user typed (case-insensitive, unique prefix allowed)."""
    names = [t.name for t in core.bank.topics()]
    asked = asked.strip().lower()
    if asked in names:
        return asked
    matches = [n for n in names if n.startswith(asked)] if asked else []
    return matches[0] if len(matches) == 1 else None


async def ask(core: Core, ctx: Context, topic_arg: str | None) -> list[Reply]:
    """Open a question (of a topic, or any) in the chat and return it as a reply."""
    topic = None
    if topic_arg:
        topic = resolve_topic(core, topic_arg)
        if topic is None:
            return [replies.unknown_topic(topic_arg, core.bank.topics())]
    history = await core.store.user_attempts(ctx.user.id)
    question = choose_question(core.bank.questions(topic), history, core.rng)
    if question is None:
        return [replies.error("There are no questions to ask yet.", "Add a content pack and try again.")]
    await core.store.add_member(ctx.place.id, ctx.user.id)
    opened = await core.store.open_question(
        ctx.place.id,
        ctx.chat.chat_id,
        question.id,
        asked_by_user_id=ctx.user.id,
        for_user_id=None if ctx.is_group else ctx.user.id,
        now=core.clock.now(),
    )
    return [replies.question(question, opened.id, group=ctx.is_group)]


async def answer(core: Core, ctx: Context, opened: OpenQuestion, text: str) -> list[Reply]:
    """Grade one member's answer to an open question and record the attempt."""
    answers = ctx.incoming.message_id
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
    question = core.bank.get(opened.question_id)
    if question is None:
        await core.store.close_question(opened.id, core.clock.now())
        return [replies.error("That question is no longer in the question bank.", "Try /quiz for a new one.")]
    if await core.store.has_answered(opened.id, ctx.user.id):
        return [replies.error("You already answered this question.", "Each member answers once; try /quiz.")]
    grade = core.grader(question, cleaned)
    now = core.clock.now()
    attempt = Attempt(
        user_id=ctx.user.id,
        place_id=ctx.place.id,
        question_id=question.id,
        score=grade.score,
        verdict=grade.verdict.value,
        answered_at=now,
        open_question_id=opened.id,
        answer_text=cleaned,
        matched=grade.matched,
        missed=grade.missed,
        hints_used=opened.hints_shown,
        elapsed_seconds=(now - opened.opened_at).total_seconds(),
    )
    if not await core.store.record_attempt(attempt):
        return [replies.error("You already answered this question.", "Each member answers once; try /quiz.")]
    await core.store.add_member(ctx.place.id, ctx.user.id)
    if not ctx.is_group:
        await core.store.close_question(opened.id, now)
    nudge = core.nudger(question, grade)
    name = ctx.user.display_name
    return [replies.graded(question, grade, nudge, name=name, group=ctx.is_group, answers=answers)]


async def hint(core: Core, ctx: Context, opened: OpenQuestion) -> list[Reply]:
    """Show the next hint of an open question."""
    question = core.bank.get(opened.question_id)
    if question is None or not question.hints:
        return [replies.info("No hints for this one.", "Give it your best shot, or /skip.")]
    if opened.hints_shown >= len(question.hints):
        return [replies.info("That was the last hint.", question.hints[-1])]
    count = await core.store.add_hint(opened.id)
    return [replies.info(f"💡 Hint {count}/{len(question.hints)}", question.hints[count - 1])]


async def give_up(core: Core, ctx: Context, opened: OpenQuestion, *, reveal: bool) -> list[Reply]:
    """Skip a question (and ask the next) or show its model answer; both close it."""
    if ctx.is_group and not (ctx.incoming.can_manage or opened.asked_by_user_id == ctx.user.id):
        return [replies.error("Only the member who asked, or an admin, can close this question.")]
    now = core.clock.now()
    await core.store.close_question(opened.id, now)
    question = core.bank.get(opened.question_id)
    if not ctx.is_group:
        await core.store.record_attempt(
            Attempt(ctx.user.id, ctx.place.id, opened.question_id, 0.0, SKIPPED, now, opened.id)
        )
    if question is None:
        return [replies.info("Closed.")]
    if reveal:
        return [replies.model_answer(question, "📖 The model answer")]
    if ctx.is_group:
        return [replies.info("Question skipped.", "Start another with /quiz.")]
    return [replies.info("Skipped."), *await ask(core, ctx, question.topic)]
