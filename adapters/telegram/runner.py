"""Starts and stops the bot inside the caller's event loop, by long polling or behind a webhook."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

from telegram.ext import Application

from adapters.telegram.app import ALLOWED_UPDATES, register_commands
from adapters.telegram.handlers import ENGINE_KEY

log = logging.getLogger(__name__)

BOOTSTRAP_RETRIES = 5
"""Retries of the start-up calls (``deleteWebhook``/``setWebhook``), about 10 s with backoff, then give up."""


@dataclass(frozen=True)
class Webhook:
    """Where Telegram posts updates (``url``), where the bot listens for them, and the shared secret."""

    url: str
    secret: str
    listen: str = "127.0.0.1"
    port: int = 8443

    @property
    def path(self) -> str:
        """The URL's path, which the local listener serves too (a reverse proxy forwards it as is)."""
        return urlsplit(self.url).path.lstrip("/")


async def start(application: Application, webhook: Webhook | None = None, poll_timeout: float = 30) -> None:
    """Compile the questions' grading patterns, connect (``getMe``), publish the command menus and
    start receiving updates."""
    engine = application.bot_data.get(ENGINE_KEY)
    if engine is not None:  # in a thread, so timers already set (the drills' first tick) keep time
        await asyncio.to_thread(engine.prepare)
    await application.initialize()
    await register_commands(application)
    await application.start()
    if application.updater is None:
        raise RuntimeError("the application was built without an updater")
    if webhook is None:
        await application.updater.start_polling(
            timeout=poll_timeout, allowed_updates=ALLOWED_UPDATES, bootstrap_retries=BOOTSTRAP_RETRIES
        )
        log.info("receiving updates by long polling as @%s", application.bot.username)
    else:
        await application.updater.start_webhook(
            listen=webhook.listen,
            port=webhook.port,
            url_path=webhook.path,
            webhook_url=webhook.url,
            secret_token=webhook.secret,
            allowed_updates=ALLOWED_UPDATES,
            bootstrap_retries=BOOTSTRAP_RETRIES,
        )
        log.info(
            "receiving updates by webhook on %s:%d as @%s",
            webhook.listen,
            webhook.port,
            application.bot.username,
        )


async def stop(application: Application) -> None:
    """Stop receiving updates, finish the ones in hand and close the connection."""
    if application.updater is not None and application.updater.running:
        await application.updater.stop()
    if application.running:
        await application.stop()
    await application.shutdown()


async def run_until(application: Application, stopped: asyncio.Event, webhook: Webhook | None = None) -> None:
    """Run the bot until ``stopped`` is set."""
    try:
        await start(application, webhook)
        await stopped.wait()
    finally:
        await stop(application)
