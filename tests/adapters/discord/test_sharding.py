"""Discord sharding from configuration: the client runs the configured shards of the total."""

from __future__ import annotations

import discord
import pytest

from adapters.discord import build_client
from interview_bot.config import Settings


def test_without_shard_settings_the_client_is_not_sharded(engine) -> None:
    client = build_client(engine)
    assert not isinstance(client, discord.AutoShardedClient)


def test_shard_ids_from_configuration_make_an_auto_sharded_client(engine, monkeypatch) -> None:
    monkeypatch.setenv("DISCORD_SHARD_COUNT", "4")
    monkeypatch.setenv("DISCORD_SHARD_IDS", "2,3")
    settings = Settings()
    client = build_client(
        engine, shard_count=settings.discord_shard_count, shard_ids=settings.discord_shard_ids
    )
    assert isinstance(client, discord.AutoShardedClient)
    assert client.shard_count == 4 and client.shard_ids == [2, 3]


def test_shard_ids_outside_the_count_are_refused(engine) -> None:
    with pytest.raises(ValueError, match=r"must lie in 0\.\.1"):
        build_client(engine, shard_count=2, shard_ids=[2])
    with pytest.raises(ValueError, match="total shard count"):
        build_client(engine, shard_ids=[0])
