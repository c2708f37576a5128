"""Settings from environment variables and an optional ``.env`` file, with documented defaults."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated, Any

from platformdirs import user_data_dir
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


def default_database_url() -> str:
    """SQLite in the user's data directory (created on first use)."""
    path = Path(user_data_dir("interview-bot", appauthor=False)) / "interview-bot.db"
    return f"sqlite+aiosqlite:///{path}"


class Settings(BaseSettings):
    """Everything configurable. Secrets are ``SecretStr`` so they never show in logs or reprs."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = Field(default_factory=default_database_url)
    content_dirs: Annotated[list[Path], NoDecode] = Field(default_factory=list)
    log_level: str = "INFO"

    telegram_token: SecretStr | None = None
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    telegram_webhook_secret: SecretStr | None = None
    telegram_paid_broadcast: bool = False
    """Paid broadcasts are enabled for the bot: drills may go out at up to 1,000 messages a second."""

    discord_token: SecretStr | None = None
    discord_guild_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    discord_shard_count: int | None = None
    """Total gateway shards; set it (and ``discord_shard_ids``) to spread shards over processes."""
    discord_shard_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)

    @field_validator("content_dirs", mode="before")
    @classmethod
    def _split_content_dirs(cls, value: Any) -> Any:
        """Accept ``CONTENT_DIRS`` as a JSON list or as paths separated by ``os.pathsep`` (``/a:/b``)."""
        return _split_list(value, os.pathsep)

    @field_validator("discord_guild_ids", "discord_shard_ids", mode="before")
    @classmethod
    def _split_guild_ids(cls, value: Any) -> Any:
        """Accept ``DISCORD_GUILD_IDS`` / ``DISCORD_SHARD_IDS`` as a JSON list or comma-separated ids."""
        return _split_list(value, ",")


def _split_list(value: Any, separator: str) -> Any:
    """A list setting from the environment: a JSON list, or items separated by ``separator``."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if text.startswith("["):
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise ValueError(f"looks like a JSON list but is not valid JSON: {error}") from error
    return [part.strip() for part in text.split(separator) if part.strip()]
