"""Fixtures of the Telegram adapter tests: the fake Bot API as ``server``."""

from __future__ import annotations

import pytest

from tests.support.fake_telegram_server import FakeTelegramServer


@pytest.fixture
def server(telegram_server: FakeTelegramServer) -> FakeTelegramServer:
    """The fake Bot API, listening on 127.0.0.1 (the shared ``telegram_server``)."""
    return telegram_server
