"""The bare python-telegram-bot bot of the Telegram load benchmark, run as a child process.

Usage: python -m benchmarks.telegram_bare_child BASE_URL TOKEN

An ``Application`` built like the product's (the same ``AIORateLimiter`` with the same retries, no job
queue) whose one handler answers every text message with one plain message.  It long-polls until
SIGTERM, as ``interview-bot telegram`` does.
"""

from __future__ import annotations

import sys

from telegram import Update
from telegram.ext import AIORateLimiter, ApplicationBuilder, ContextTypes, MessageHandler, filters

from adapters.telegram.app import ALLOWED_UPDATES, RATE_LIMIT_RETRIES

REPLY = "Thanks, noted."


async def answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer the message with one message."""
    if update.effective_chat is not None:
        await context.bot.send_message(update.effective_chat.id, REPLY)


def main(base_url: str, token: str) -> None:
    """Long-poll ``base_url`` as ``token`` until SIGTERM."""
    application = (
        ApplicationBuilder()
        .token(token)
        .base_url(base_url)
        .rate_limiter(AIORateLimiter(max_retries=RATE_LIMIT_RETRIES))
        .job_queue(None)
        .build()
    )
    application.add_handler(MessageHandler(filters.TEXT, answer))
    application.run_polling(allowed_updates=ALLOWED_UPDATES, timeout=30, close_loop=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
