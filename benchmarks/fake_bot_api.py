"""A fake Telegram Bot API on 127.0.0.1 that enforces the sending limits, for the drill fan-out benchmark.

It answers ``getMe`` and ``sendMessage`` and refuses with 429 (``retry_after``) a message beyond 30 a
second overall (a token bucket holding one second's worth, as Telegram tolerates short bursts) or
beyond 20 a minute in one group.  It counts what it accepted and refused, and when.
"""

from __future__ import annotations

import itertools
import time
from collections import Counter
from dataclasses import dataclass, field

from aiohttp import web

TOKEN = "123456:BENCH-fake-token"
BOT = {"id": 999001, "is_bot": True, "first_name": "Bench Bot", "username": "bench_bot"}


@dataclass
class _Bucket:
    rate: float
    capacity: float
    tokens: float = 0.0
    at: float = field(default_factory=time.monotonic)

    def __post_init__(self) -> None:
        self.tokens = self.capacity

    def take(self, now: float) -> bool:
        self.tokens = min(self.capacity, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


class RateLimitedBotApi:
    """Start it, point a ``telegram.Bot`` at ``base_url``, send; then read ``accepted_at`` and ``refused``."""

    def __init__(self, per_second: float = 30, group_per_minute: float = 20) -> None:
        self._overall = _Bucket(per_second, per_second)
        self._group_rate = group_per_minute / 60.0
        self._group_capacity = group_per_minute
        self._groups: dict[str, _Bucket] = {}
        self._ids = itertools.count(1)
        self.accepted_at: list[float] = []
        self.refused = 0
        self.per_chat: Counter[str] = Counter()
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def base_url(self) -> str:
        """The ``base_url`` a ``telegram.Bot`` should use."""
        return f"http://127.0.0.1:{self.port}/bot"

    async def start(self) -> None:
        """Listen on a free port of 127.0.0.1."""
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def close(self) -> None:
        """Stop listening."""
        if self._runner is not None:
            await self._runner.cleanup()

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if method == "getMe":
            return web.json_response({"ok": True, "result": BOT})
        if method != "sendMessage":
            return web.json_response({"ok": True, "result": True})
        params = await request.post()
        chat_id = str(params["chat_id"])
        now = time.monotonic()
        group = chat_id.startswith("-")
        bucket = self._groups.get(chat_id) if group else None
        if group and bucket is None:
            bucket = self._groups[chat_id] = _Bucket(self._group_rate, self._group_capacity)
        if not self._overall.take(now) or (bucket is not None and not bucket.take(now)):
            self.refused += 1
            body = {"ok": False, "error_code": 429, "description": "Too Many Requests: retry after 1"}
            return web.json_response({**body, "parameters": {"retry_after": 1}}, status=429)
        self.accepted_at.append(now)
        self.per_chat[chat_id] += 1
        message = {
            "message_id": next(self._ids),
            "date": int(time.time()),
            "chat": {"id": int(chat_id), "type": "supergroup" if group else "private"},
            "from": BOT,
            "text": str(params.get("text", ""))[:100],
        }
        return web.json_response({"ok": True, "result": message})
