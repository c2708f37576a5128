"""Keeps secrets out of logs and messages: mask a token in text, and a logging filter for every record."""

from __future__ import annotations

import logging
import re
import traceback

MASK = "<token>"


def mask(text: str, token: str) -> str:
    """The text with the token replaced, in any letter case (an API may echo it back re-cased)."""
    return re.sub(re.escape(token), MASK, text, flags=re.IGNORECASE) if token else text


class TokenMask(logging.Filter):
    """Replaces the secrets wherever they appear in a record's message or traceback, at every level."""

    def __init__(self, token: str, *more: str) -> None:
        super().__init__()
        self.secrets = tuple(secret for secret in (token, *more) if secret)
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record with the token masked; never drops a record."""
        message = record.getMessage()
        if record.exc_info:
            message += "\n" + "".join(traceback.format_exception(*record.exc_info)).rstrip()
            record.exc_info, record.exc_text = None, None
        for secret in self.secrets:
            message = mask(message, secret)
        record.msg, record.args = message, ()
        return True


def hide_token(token: str) -> None:
    """Mask the token on every handler of the root logger."""
    hide_secrets(token)


def hide_secrets(*secrets: str) -> None:
    """Mask every given secret on every handler of the root logger (empty ones are ignored)."""
    if not any(secrets):
        return
    for handler in logging.getLogger().handlers:
        handler.addFilter(TokenMask(*secrets))
