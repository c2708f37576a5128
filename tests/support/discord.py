"""Helpers for the Discord tests: the bot client for the fake Discord, reading its messages, answering."""

from __future__ import annotations

from typing import Any

from adapters.discord import InterviewClient
from bot.engine import Engine
from tests.support.fake_discord_server import FakeDiscord
from tests.support.world import QUESTIONS, full_answer, key_words


def client_for(server: FakeDiscord, engine: Engine, **options: Any) -> InterviewClient:
    """A bot client for the fake Discord's test server."""
    return InterviewClient(engine, guild_ids=[int(server.guild_id)], guild_ready_timeout=0.01, **options)


def embed_of(message: dict) -> dict:
    """The first embed of a message payload or callback body."""
    return (message.get("data") or message)["embeds"][0]


def custom_ids(message: dict) -> list[str]:
    """The custom ids of a message's buttons, in order."""
    return [button["custom_id"] for row in message["components"] for button in row["components"]]


def answers_for(question_embed: dict) -> tuple[str, str]:
    """A complete and a partial answer to the question shown in an embed (the keyword grader's words)."""
    prompt = question_embed["description"].split("\n")[0]
    question = next(q for q in QUESTIONS if q.prompt == prompt)
    return full_answer(question.id), f"Mostly {key_words(question.id)[0]}."


async def post_quiz(server: FakeDiscord, user: dict, **options: str) -> dict:
    """Run /quiz in #general and return the posted question message."""
    sent = await server.slash(user, "quiz", **options)
    response = await server.response(sent)
    assert response["type"] == 4
    return server.original(sent)


async def answer_privately(server: FakeDiscord, user: dict, question: dict, text: str) -> tuple[dict, dict]:
    """Press Answer, fill in the modal, submit; return the modal and the ephemeral grade."""
    opened = await server.click(user, question, custom_ids(question)[0])
    modal = (await server.response(opened))["data"]
    submitted = await server.submit_modal(user, question, modal, {"answer": text})
    assert (await server.response(submitted))["type"] == 6  # deferred update of the question message
    await server.wait_until(lambda: server.followups(submitted))
    return modal, server.followups(submitted)[0]
