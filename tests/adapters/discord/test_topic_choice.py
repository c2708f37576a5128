"""Many topics on Discord: /quiz autocompletes at most 25 topics, filtered by what is typed, takes a
difficulty option, and /topics carries buttons that ask a question of their topic."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from adapters.discord import InterviewClient
from bot.engine import Engine
from tests.support.discord import client_for, custom_ids, embed_of, post_quiz
from tests.support.fake_discord_server import FakeDiscord, running_client
from tests.support.many_topics import many_topics_engine


@pytest.fixture
def many() -> Engine:
    """The engine over the 30 topics of the many-topics test pack."""
    return many_topics_engine()


@pytest.fixture
async def many_bot(server: FakeDiscord, many: Engine) -> AsyncIterator[InterviewClient]:
    """The bot over many topics, connected, with its commands synced."""
    async with running_client(client_for(server, many), server) as client:
        yield client


async def _choices(server: FakeDiscord, typed: str) -> list[dict]:
    """What /quiz's topic autocomplete offers for ``typed``."""
    sent = await server.slash(server.user("Alice"), "quiz", topic=typed, focused="topic")
    response = await server.response(sent)
    assert response["type"] == 8
    return response["data"]["choices"]


async def test_quiz_offers_a_difficulty_choice(server: FakeDiscord, many_bot: InterviewClient) -> None:
    (quiz,) = [c for c in server.commands[server.guild_id] if c["name"] == "quiz"]
    options = {option["name"]: option for option in quiz["options"]}
    assert options["topic"].get("autocomplete") is True
    assert [choice["value"] for choice in options["difficulty"]["choices"]] == ["easy", "medium", "hard"]
    assert not options["difficulty"].get("required", False)


async def test_topic_autocomplete_is_capped_at_25_and_filters_by_what_is_typed(
    server: FakeDiscord, many_bot: InterviewClient, many: Engine
) -> None:
    assert len(many.topics()) == 30
    everything = await _choices(server, "")
    assert len(everything) == 25
    assert everything[0] == {"name": "HTTP and networking (15)", "value": "fx-networking"}
    typed = await _choices(server, "fx-c")
    assert [c["value"] for c in typed] == ["fx-caching", "fx-concurrency", "fx-cloud", "fx-cost"]
    by_title = await _choices(server, "STREAM")
    assert by_title == [{"name": "Messaging and streaming (15)", "value": "fx-messaging"}]
    assert await _choices(server, "cooking") == []


async def test_quiz_with_a_difficulty_posts_one_of_that_difficulty(
    server: FakeDiscord, many_bot: InterviewClient
) -> None:
    alice = server.user("Alice")
    question = await post_quiz(server, alice, topic="fx-caching", difficulty="hard")
    assert "fx-caching · hard" in str(embed_of(question))
    sent = await server.slash(alice, "quiz", topic="fx-delivery", difficulty="hard")
    refusal = embed_of(await server.response(sent))
    assert refusal["title"] == "There are no hard questions in fx-delivery yet."
    assert "try /quiz fx-delivery easy" in refusal["description"]


async def test_topics_has_buttons_that_ask_a_question_of_their_topic(
    server: FakeDiscord, many_bot: InterviewClient
) -> None:
    alice = server.user("Alice")
    sent = await server.slash(alice, "topics")
    await server.response(sent)
    listing = server.original(sent)
    ids = custom_ids(listing)
    assert len(ids) == 25 and ids[0] == "ib:next:" and "ib:next:fx-caching" in ids  # Discord's 25 at most
    pressed = await server.click(alice, listing, "ib:next:fx-caching")
    await server.response(pressed)
    posted = await server.wait_until(
        lambda: [m for m in server.messages.values() if "fx-caching ·" in str(m.get("embeds"))]
    )
    assert posted
