"""Builds the python-telegram-bot ``Application``: rate limiter, handlers, error handler, command menus."""

from __future__ import annotations

import logging
import traceback

from telegram import BotCommand, BotCommandScopeAllGroupChats, BotCommandScopeAllPrivateChats, Update
from telegram.error import TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from adapters.telegram.handlers import ENGINE_KEY, on_button, on_message
from adapters.telegram.http import AiohttpRequest
from bot.engine import Engine
from bot.redact import mask

log = logging.getLogger(__name__)

OFFICIAL_API = "https://api.telegram.org/bot"
ALLOWED_UPDATES = ("message", "callback_query")
RATE_LIMIT_RETRIES = 3

PRIVATE_COMMANDS = (
    ("quiz", "Get a question: /quiz [topic] [easy|medium|hard]"),
    ("interview", "A mock interview: /interview [topic] [n], /interview stop"),
    ("hint", "A nudge for the open question"),
    ("skip", "Skip the open question"),
    ("answer", "Show the model answer"),
    ("topics", "What you can practise"),
    ("stats", "Your progress and streak"),
    ("disagree", "Appeal your last grade: /disagree [why]"),
    ("export", "Your answers as a JSON file"),
    ("daily", "One question a day: /daily HH:MM [Area/City], /daily off"),
    ("forget", "Delete all your data"),
    ("help", "How it works"),
)
GROUP_COMMANDS = (
    ("quiz", "Post a question: /quiz [topic]; answer by replying to it"),
    ("leaderboard", "This group's weekly and all-time ranks"),
    ("topics", "What you can practise"),
    ("stats", "Your own progress"),
    ("disagree", "Appeal your last grade: /disagree [why]"),
    ("accept", "Accept an appeal (admins): /accept <appeal id> [verdict]"),
    ("daily", "The group's daily question (admins): /daily HH:MM [Area/City]"),
    ("help", "How it works"),
)

# Text messages only: edited messages, channel posts, stickers and photos never reach a handler.
TEXT_MESSAGES = (
    filters.UpdateType.MESSAGE & filters.TEXT & (filters.ChatType.PRIVATE | filters.ChatType.GROUPS)
)


def build_application(
    engine: Engine,
    token: str,
    base_url: str = OFFICIAL_API,
    *,
    rate_limiter: AIORateLimiter | None = None,
    once_per_update: bool = False,
) -> Application:
    """The bot for ``token`` at ``base_url`` + token, answering through ``engine``.

    Its Bot API calls go over aiohttp (``AiohttpRequest``), which costs a third of the CPU of
    python-telegram-bot's default httpx transport per call.  With ``once_per_update`` (webhook
    workers, which can each be handed the same update), an update another process already handled
    is dropped before any handler sees it."""
    application = (
        ApplicationBuilder()
        .token(token)
        .base_url(base_url)
        .request(AiohttpRequest())
        .get_updates_request(AiohttpRequest(connection_pool_size=1))
        .rate_limiter(rate_limiter or AIORateLimiter(max_retries=RATE_LIMIT_RETRIES))
        .job_queue(None)
        .build()
    )
    application.bot_data[ENGINE_KEY] = engine
    if once_per_update:
        application.add_handler(TypeHandler(Update, drop_repeated_update), group=-1)
    application.add_handler(MessageHandler(TEXT_MESSAGES, on_message))
    application.add_handler(CallbackQueryHandler(on_button))
    application.add_error_handler(on_error)
    return application


async def register_commands(application: Application) -> None:
    """Publish the command menus (separately for private chats and groups); failure is only logged."""
    menus = (
        (PRIVATE_COMMANDS, BotCommandScopeAllPrivateChats()),
        (GROUP_COMMANDS, BotCommandScopeAllGroupChats()),
    )
    for commands, scope in menus:
        try:
            await application.bot.set_my_commands([BotCommand(*c) for c in commands], scope=scope)
        except TelegramError as exc:
            log.warning("could not register the %s command menu: %s", scope.type, exc.message)


async def drop_repeated_update(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stop an update some process already handled (a webhook retry, or a copy sent to another worker)."""
    engine: Engine = context.application.bot_data[ENGINE_KEY]
    if not await engine.first_delivery("telegram", update.update_id):
        log.info("update %s was already handled; dropped", update.update_id)
        raise ApplicationHandlerStop


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log any handler error with the update id (never the token), so one bad update never stops the bot."""
    error = context.error
    update_id = update.update_id if isinstance(update, Update) else None
    if error is None:
        log.error("update %s failed", update_id)
        return
    summary = f"{type(error).__name__}: {error}"
    trace = "".join(traceback.format_exception(error)).rstrip()
    log.error(
        "update %s failed: %s\n%s",
        update_id,
        mask(summary, context.bot.token),
        mask(trace, context.bot.token),
    )
