"""What every command does before it runs: read the settings, load the packs, set up logging.

Each failure is one clear message on stderr and exit code 2, never a traceback.  Logging shows this
program's own records at ``LOG_LEVEL``; the libraries' records (Alembic's migration lines, HTTP
requests, the scheduler, the Discord gateway, SQL) only from WARNING up, at every level including
DEBUG, since theirs carry request parameters, update bodies, answers and names.  Every handler masks
the given secrets (the bot token, the webhook secret) in every record, whatever its level.
"""

from __future__ import annotations

import logging

import typer
from pydantic import ValidationError

from bot.ports import QuestionBank
from bot.redact import hide_secrets
from interview_bot.config import Settings

OWN_LOGGERS = ("bot", "adapters", "storage", "content", "interview_bot")
LIBRARY_LOGGERS = (
    "alembic", "httpx", "httpcore", "apscheduler", "discord", "telegram", "sqlalchemy",
    "aiosqlite", "asyncpg", "aiohttp", "websockets", "asyncio",
)  # fmt: skip
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def settings_or_exit() -> Settings:
    """The settings from the environment, or a one-line reason and exit 2."""
    try:
        return Settings()
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]).upper() or "settings"
        typer.echo(f"Error: configuration: {where}: {first['msg']}", err=True)
        raise typer.Exit(2) from None


def bank_or_exit(settings: Settings) -> QuestionBank:
    """The question bank, or each pack problem as ``file:line: reason`` and exit 2."""
    from content import PackError, load_bank

    try:
        return load_bank(settings.content_dirs)
    except PackError as error:
        for problem in error.problems:
            typer.echo(f"Error: {problem}", err=True)
        typer.echo("The question packs do not load; `interview-bot content lint` checks them.", err=True)
        raise typer.Exit(2) from None


def setup_logging(level: str, *secrets: str) -> None:
    """Log this program's records at ``level`` and the libraries' from WARNING, masking ``secrets``."""
    chosen = logging.getLevelName(level.upper())
    if not isinstance(chosen, int):
        chosen = logging.INFO
    logging.basicConfig(level=logging.WARNING, format=LOG_FORMAT)
    for name in OWN_LOGGERS:
        logging.getLogger(name).setLevel(chosen)
    for name in LIBRARY_LOGGERS:
        logging.getLogger(name).setLevel(max(chosen, logging.WARNING))
    hide_secrets(*secrets)
