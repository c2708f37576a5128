"""``interview-bot telegram``: run the Telegram bot by long polling, or behind a webhook."""

from __future__ import annotations

import asyncio
import logging
import re
import signal
from typing import Annotated
from urllib.parse import urlsplit

import typer
from telegram.error import InvalidToken, TelegramError

from adapters.telegram import TelegramTransport, Webhook, build_application, run_until
from bot.redact import mask
from interview_bot.config import Settings
from interview_bot.drills_runtime import DrillsRuntime
from interview_bot.startup import settings_or_exit, setup_logging
from interview_bot.wiring import running_bot

log = logging.getLogger(__name__)

SECRET_CHARS = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"Error: {message}", err=True)
    return typer.Exit(code)


def _webhook(url: str, settings: Settings, listen: str, port: int) -> Webhook:
    parts = urlsplit(url)
    if parts.scheme not in {"https", "http"} or not parts.hostname:
        raise _fail(f"--webhook must be a full URL such as https://bot.example.com/telegram, not {url!r}.")
    secret = settings.telegram_webhook_secret.get_secret_value() if settings.telegram_webhook_secret else ""
    if not secret:
        raise _fail("webhook mode needs TELEGRAM_WEBHOOK_SECRET, so only Telegram can post updates to it.")
    if not SECRET_CHARS.match(secret):
        raise _fail("TELEGRAM_WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and -.")
    return Webhook(url, secret, listen, port)


async def _serve(settings: Settings, token: str, webhook: Webhook | None) -> int:
    stopped = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stopped.set)
    async with running_bot(settings) as running:
        application = build_application(
            running.engine, token, settings.telegram_api_base_url, once_per_update=webhook is not None
        )
        transport = TelegramTransport(application.bot)
        drills = DrillsRuntime(
            running.engine,
            running.database.drills,
            transport,
            "telegram",
            ready=lambda: application.running,
            shared=running.database.send_budget,
            paid_broadcast=settings.telegram_paid_broadcast,
        )
        try:
            async with drills:  # the bot stops only after the drills' last send
                await run_until(application, drills.stop_on(stopped), webhook)
        except InvalidToken:
            typer.echo(
                "Error: Telegram refused the token in TELEGRAM_TOKEN; check it with @BotFather.", err=True
            )
            return 1
        except TelegramError as exc:  # unreachable API, or a webhook it will not accept
            reason = mask(f"{type(exc).__name__}: {exc.message}", token)
            typer.echo(f"Error: the Bot API at {settings.telegram_api_base_url} failed: {reason}", err=True)
            return 1
    log.info("stopped")
    return 0


def telegram(
    webhook: Annotated[
        str | None,
        typer.Option("--webhook", help="Public HTTPS URL Telegram posts updates to (default: long polling)."),
    ] = None,
    listen: Annotated[str, typer.Option(help="Address the webhook listener binds to.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port the webhook listener binds to.")] = 8443,
) -> None:
    """Run the Telegram bot (TELEGRAM_TOKEN; optional TELEGRAM_API_BASE_URL, DATABASE_URL)."""
    settings = settings_or_exit()
    token = settings.telegram_token.get_secret_value().strip() if settings.telegram_token else ""
    if not token:
        raise _fail(
            "TELEGRAM_TOKEN is not set. Create a bot with @BotFather and export the token it gives you."
        )
    hook = _webhook(webhook, settings, listen, port) if webhook else None
    secret = settings.telegram_webhook_secret.get_secret_value() if settings.telegram_webhook_secret else ""
    setup_logging(settings.log_level, token, secret)  # libraries quiet: their records hold URLs and updates
    raise typer.Exit(asyncio.run(_serve(settings, token, hook)))
