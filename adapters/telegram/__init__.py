"""The Telegram adapter: python-telegram-bot in front of the core engine.

``build_application(engine, token, base_url)`` makes the bot; ``runner.start``/``runner.stop`` (or
``runner.run_until``) run it by long polling or webhook inside the caller's event loop;
``TelegramTransport`` posts scheduled drills.
"""

from adapters.telegram.app import build_application, register_commands
from adapters.telegram.runner import Webhook, run_until, start, stop
from adapters.telegram.transport import TelegramTransport

__all__ = [
    "TelegramTransport",
    "Webhook",
    "build_application",
    "register_commands",
    "run_until",
    "start",
    "stop",
]
