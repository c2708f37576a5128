"""Handlers for buttons, the Answer modal and DMs: convert, call the engine, render."""

from __future__ import annotations

import asyncio
import logging

import discord

from adapters.discord import convert, render, sending
from adapters.discord.modal import AnswerModal, Submission, read_submission
from bot import replies
from bot.engine import Engine
from bot.model.actions import Action, Verb
from bot.model.messages import Incoming, ReplyKind

log = logging.getLogger(__name__)

CLOSING_VERBS = frozenset({Verb.SKIP, Verb.REVEAL})
"""Presses that close the question they were pressed under (so its buttons come off)."""


async def press(interaction: discord.Interaction, action: Action) -> None:
    """A core button (Hint, Skip, Show answer, Next, the /forget confirmation)."""
    async with sending.guarded(interaction, f"button {action.encode()[:20]}"):
        answers = await sending.run(interaction, convert.button(interaction, action))
        if action.verb in CLOSING_VERBS and all(r.kind is not ReplyKind.ERROR for r in answers):
            await _retire_buttons(interaction)


async def _retire_buttons(interaction: discord.Interaction) -> None:
    """Take the buttons off a question that was just closed, so nobody presses them in vain."""
    if interaction.message is None:
        return
    try:
        await interaction.message.edit(view=None)
    except discord.HTTPException as exc:
        log.info("could not take the buttons off message %s: %s", interaction.message.id, exc.status)


async def open_answer(interaction: discord.Interaction, open_question_id: int) -> None:
    """The Answer button: open the modal (it must be the response itself, so it goes out at once)."""
    async with sending.guarded(interaction, "answer button"):
        if interaction.message is None:
            await sending.apologise(interaction, "Press Answer on the question message.")
            return
        modal = AnswerModal(open_question_id, interaction.message.id)
        await interaction.response.send_modal(modal)
        modal.stop()  # submissions are read statelessly in on_submission, so nothing stays in memory


async def on_submission(interaction: discord.Interaction) -> bool:
    """Grade an Answer-modal submission; False when the interaction is not one."""
    submission = read_submission(interaction)
    if submission is None:
        return False
    async with sending.guarded(interaction, "answer modal"):
        if interaction.guild_id is None:
            await sending.run(interaction, _answer_event(interaction, submission))
        else:
            await _grade_in_channel(interaction, submission)
    return True


def _answer_event(interaction: discord.Interaction, submission: Submission) -> Incoming:
    return convert.modal_answer(interaction, submission.text, submission.question_message_id)


async def _grade_in_channel(interaction: discord.Interaction, submission: Submission) -> None:
    """Grade privately (ephemeral), then update the channel question with who answered and who got it right.

    The response is a deferred update of the question message, sent at once: grading, storing and two
    more requests may take longer than Discord's three seconds.
    """
    await interaction.response.defer()
    engine = sending.engine_of(interaction)
    answers = await engine.handle(_answer_event(interaction, submission))
    await sending.send_replies(interaction, answers, in_dm=False)
    if not any(reply.kind is ReplyKind.GRADE for reply in answers):
        return
    # One summary edit at a time per question, each counted afresh, so a late edit never shows an old count.
    async with _summary_lock(interaction, submission.open_question_id):
        answered, right = await engine.question_summary(submission.open_question_id)
        line = render.summary_line(answered, right)
        if line:
            await interaction.edit_original_response(content=line, allowed_mentions=render.NO_MENTIONS)


def _summary_lock(interaction: discord.Interaction, open_question_id: int) -> asyncio.Lock:
    locks = interaction.client.summary_locks  # type: ignore[attr-defined]
    lock = locks.get(open_question_id)
    if lock is None:
        lock = locks[open_question_id] = asyncio.Lock()
    return lock


async def on_dm(engine: Engine, message: discord.Message) -> None:
    """A plain DM: an answer to the pending question, or a typed ``/command`` (one message per answer)."""
    if message.author.bot or message.guild is not None or not message.content.strip():
        return
    try:
        answers = await engine.handle(convert.dm_message(message))
        await sending.post_replies(engine, message.channel, answers, in_dm=True, reference=message)
    except Exception:
        log.exception("handling a DM failed (message %s)", message.id)
        try:
            await sending.post(message.channel, replies.error(sending.SORRY, "Please try again."), in_dm=True)
        except discord.HTTPException:
            log.warning("could not tell a DM user that their message failed")
