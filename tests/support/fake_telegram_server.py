"""A fake Telegram Bot API server on 127.0.0.1 for driving the real python-telegram-bot end to end.

It answers the methods the bot uses (``getMe``, ``deleteWebhook``, ``setWebhook``, long-polling
``getUpdates`` with offsets, ``sendMessage``, ``editMessageText``, ``answerCallbackQuery``,
``getChatMember``, ``setMyCommands``, and ``sendPhoto`` / ``sendDocument`` with multipart uploads),
records every call, and checks what the real API checks:
HTML that parses (tags balanced, ``<``, ``>`` and ``&`` escaped), at most 4,096 characters after
parsing, callback data of 1-64 bytes, alerts of at most 200 characters.  ``fail_next`` makes the next
call of a method fail (429 with ``retry_after``, 403, 502, ...).  Tests push updates as users would.

For load (the drill fan-out benchmark) it can also enforce Telegram's sending limits (``limits=``: a
``sendMessage`` beyond 30 a second overall, a token bucket holding one second's worth as Telegram
tolerates short bursts, or beyond 20 a minute in one group is refused with 429 and ``retry_after``),
accept messages to chats it has never seen (``any_chat=True``), and count what it accepted
(``accepted_at``, ``per_chat``) and refused (``refused``).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from html import unescape
from typing import Any

from aiohttp import web
from telegram.ext import AIORateLimiter, Application

from adapters.telegram import build_application, runner
from bot.engine import Engine
from tests.support.net import serve_locally

TOKEN = "123456:TEST-fake-token"
BOT_USER = {"id": 999000, "is_bot": True, "first_name": "Interview Bot", "username": "interview_test_bot"}
JSON_PARAMS = {
    "reply_markup",
    "reply_parameters",
    "commands",
    "scope",
    "link_preview_options",
    "allowed_updates",
}
ALLOWED_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "blockquote"}
_TOKEN_RE = re.compile(
    r"<(/?)([a-zA-Z-]+)((?:\s+[a-z-]+(?:=\"[^\"<>]*\")?)*)\s*>|&(#\d+|#x[0-9a-fA-F]+|lt|gt|amp|quot);"
)
ADMIN_RIGHTS = (
    "can_be_edited",
    "is_anonymous",
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_promote_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
)
_COMMAND_RE = re.compile(r"^/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]+)?")


class ApiError(Exception):
    """A Bot API error answer: HTTP status, description and optional retry_after."""

    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status, self.description, self.retry_after = status, description, retry_after


@dataclass
class Call:
    """One request the bot made: method, decoded parameters, and the error returned if any."""

    method: str
    params: dict[str, Any]
    error: int | None = None
    result: Any = None


@dataclass
class _Failure:
    method: str
    error: ApiError
    chat_id: str | None = None


@dataclass(frozen=True)
class SendLimits:
    """Telegram's sending limits: messages a second overall, and a minute in one group."""

    per_second: float = 30
    group_per_minute: float = 20


@dataclass
class _Bucket:
    """A token bucket: ``rate`` tokens a second, holding at most ``capacity`` (full at the start)."""

    rate: float
    capacity: float
    tokens: float = 0.0
    at: float = field(default_factory=time.monotonic)

    def __post_init__(self) -> None:
        self.tokens = self.capacity

    def take(self, now: float) -> bool:
        """Take a token if there is one."""
        self.tokens = min(self.capacity, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


UPLOADS = {"sendPhoto": ("photo", 10 * 1024 * 1024), "sendDocument": ("document", 50 * 1024 * 1024)}
"""The upload methods: the multipart field holding the file, and the Bot API's size limit."""
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _param(name: str, value: Any) -> Any:
    """A request parameter: JSON ones decoded, an uploaded file as its name, type and bytes."""
    if isinstance(value, web.FileField):
        return {"filename": value.filename, "content_type": value.content_type, "data": value.file.read()}
    return json.loads(value) if name in JSON_PARAMS else value


def png_size(data: bytes) -> tuple[int, int]:
    """A PNG's width and height from its header; ApiError 400 where Telegram cannot read the image."""
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        raise ApiError(400, "Bad Request: IMAGE_PROCESS_FAILED")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the way Telegram counts message length."""
    return len(text.encode("utf-16-le")) // 2


def parse_html(text: str) -> str:
    """The plain text of a Telegram-HTML message; raise ApiError 400 where Telegram would."""
    plain, stack, pos = [], [], 0
    for match in _TOKEN_RE.finditer(text):
        plain.append(_bare(text[pos : match.start()]))
        pos = match.end()
        if match.group(4):
            plain.append(unescape(match.group(0)))
            continue
        closing, tag = match.group(1) == "/", match.group(2).lower()
        if tag not in ALLOWED_TAGS:
            raise ApiError(400, f'Bad Request: can\'t parse entities: Unsupported start tag "{tag}"')
        if not closing:
            stack.append(tag)
        elif not stack or stack.pop() != tag:
            raise ApiError(400, f'Bad Request: can\'t parse entities: Unmatched end tag "{tag}"')
    plain.append(_bare(text[pos:]))
    if stack:
        raise ApiError(400, f'Bad Request: can\'t parse entities: Unclosed start tag "{stack[-1]}"')
    return "".join(plain)


def _bare(chunk: str) -> str:
    if any(ch in chunk for ch in "<>&"):
        raise ApiError(400, f"Bad Request: can't parse entities: unescaped character in {chunk[:30]!r}")
    return chunk


@dataclass
class FakeTelegramServer:
    """The fake Bot API: start it, point the bot at ``base_url``, push updates, read ``calls``.

    ``limits`` enforces Telegram's sending limits with 429s; ``any_chat`` accepts sends to unknown chats.
    """

    calls: list[Call] = field(default_factory=list)
    admins: set[tuple[int, int]] = field(default_factory=set)
    messages: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    chats: dict[str, dict[str, Any]] = field(default_factory=dict)
    limits: SendLimits | None = None
    any_chat: bool = False
    # when each message was accepted (time.monotonic()), how many went to each chat, how many got a 429
    accepted_at: list[float] = field(default_factory=list)
    per_chat: Counter[str] = field(default_factory=Counter)
    refused: int = 0

    def __post_init__(self) -> None:
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(100)
        self._callback_ids = itertools.count(1)
        self._failures: list[_Failure] = []
        # pushed updates and successful calls, in the order they happened (for transcripts)
        self.timeline: list[dict[str, Any] | Call] = []
        self._changed = asyncio.Condition()
        self._closing = False
        self._runner: web.AppRunner | None = None
        self.port = 0
        per_second = None if self.limits is None else self.limits.per_second
        self._overall = None if per_second is None else _Bucket(per_second, per_second)
        self._groups: dict[str, _Bucket] = {}

    @property
    def base_url(self) -> str:
        """What the bot's ``base_url`` is set to (the token is appended to it)."""
        return f"http://127.0.0.1:{self.port}/bot"

    async def start(self) -> None:
        """Listen on a free port of 127.0.0.1."""
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner, self.port = await serve_locally(app, shutdown_timeout=1)

    async def close(self) -> None:
        """Release waiting long polls and stop listening."""
        self._closing = True
        async with self._changed:
            self._changed.notify_all()
        if self._runner is not None:
            await self._runner.cleanup()

    # ----- what tests do -----

    @staticmethod
    def user(user_id: int, first_name: str, last_name: str | None = None) -> dict[str, Any]:
        """A Telegram user object."""
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        if last_name:
            user["last_name"] = last_name
        return user

    @staticmethod
    def private_chat(user: dict[str, Any]) -> dict[str, Any]:
        """The DM chat with a user."""
        return {"id": user["id"], "type": "private", "first_name": user["first_name"]}

    @staticmethod
    def group_chat(chat_id: int, title: str) -> dict[str, Any]:
        """A supergroup chat (negative id)."""
        return {"id": chat_id, "type": "supergroup", "title": title}

    def add_chat(self, chat: dict[str, Any]) -> None:
        """Make a chat known without any message in it (for sends that start a conversation)."""
        self.chats[str(chat["id"])] = chat

    def push_text(
        self, chat: dict[str, Any], user: dict[str, Any], text: str, *, reply_to: int | None = None
    ) -> int:
        """A user sends a text message (a command gets its bot_command entity); return its id."""
        message = self._message(chat, user, text=text)
        command = _COMMAND_RE.match(text)
        if command:
            message["entities"] = [
                {"type": "bot_command", "offset": 0, "length": utf16_len(command.group(0))}
            ]
        if reply_to is not None:
            message["reply_to_message"] = self.messages[(chat["id"], reply_to)]
        self.push_update({"message": message})
        return message["message_id"]

    def push_callback(self, chat: dict[str, Any], user: dict[str, Any], message_id: int, data: str) -> str:
        """A user presses an inline button under the bot's message; return the query id."""
        query_id = f"cb{next(self._callback_ids)}"
        query = {
            "id": query_id,
            "from": user,
            "chat_instance": f"ci{chat['id']}",
            "data": data,
            "message": self.messages[(chat["id"], message_id)],
        }
        self.push_update({"callback_query": query})
        return query_id

    def push_update(self, update: dict[str, Any]) -> int:
        """Queue any raw update (edited messages, channel posts, stickers...); return its id."""
        update = {"update_id": next(self._update_ids), **update}
        self._updates.append(update)
        self.timeline.append(update)
        asyncio.get_running_loop().create_task(self._notify())
        return update["update_id"]

    def raw_message(self, chat: dict[str, Any], user: dict[str, Any], **content: Any) -> dict[str, Any]:
        """A message object with the given content (``sticker=...``, ``photo=...``), stored for replies."""
        return self._message(chat, user, **content)

    def fail_next(
        self,
        method: str,
        status: int,
        description: str,
        *,
        retry_after: int | None = None,
        chat_id: int | None = None,
    ) -> None:
        """Make the next call of a method (optionally to one chat) fail with this error."""
        chat = None if chat_id is None else str(chat_id)
        self._failures.append(_Failure(method, ApiError(status, description, retry_after), chat))

    def requests(self, method: str, *, chat_id: int | None = None, ok: bool = True) -> list[dict[str, Any]]:
        """Parameters of the recorded calls of a method (the successful ones unless ``ok=False``).

        Each also holds the call's ``result`` (for ``sendMessage``, the sent message with its id).
        """
        return [
            {**c.params, "result": c.result}
            for c in self.calls
            if c.method == method
            and (not ok or c.error is None)
            and (chat_id is None or c.params.get("chat_id") == str(chat_id))
        ]

    def sent_texts(self, chat_id: int) -> list[str]:
        """The HTML texts sent to a chat, in order."""
        return [p["text"] for p in self.requests("sendMessage", chat_id=chat_id)]

    async def wait_for(self, condition: Callable[[], Any], timeout: float = 8.0) -> Any:
        """Poll until the condition returns something truthy; fail the test after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            result = condition()
            if result:
                return result
            if time.monotonic() > deadline:
                raise AssertionError(f"condition not met in {timeout}s; last calls: {self.calls[-5:]}")
            await asyncio.sleep(0.02)

    async def wait_sent(self, chat_id: int, count: int, timeout: float = 8.0) -> list[dict[str, Any]]:
        """Wait until at least ``count`` messages were sent to the chat; return all of them."""
        await self.wait_for(lambda: len(self.requests("sendMessage", chat_id=chat_id)) >= count, timeout)
        return self.requests("sendMessage", chat_id=chat_id)

    # ----- the API -----

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    def _message(self, chat: dict[str, Any], user: dict[str, Any], **content: Any) -> dict[str, Any]:
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": user,
        }
        message.update(content)
        self.chats[str(chat["id"])] = chat
        self.messages[(chat["id"], message["message_id"])] = message
        return message

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = {k: _param(k, v) for k, v in (await request.post()).items()}
        call = Call(method, dict(params))
        self.calls.append(call)
        try:
            if request.match_info["token"] != TOKEN:
                raise ApiError(401, "Unauthorized")
            self._maybe_fail(method, params)
            if method == "sendMessage":
                self._throttle(params["chat_id"])
            result = call.result = await self._dispatch(method, params)
            self.timeline.append(call)
        except ApiError as exc:
            call.error = exc.status
            body: dict[str, Any] = {"ok": False, "error_code": exc.status, "description": exc.description}
            if exc.retry_after is not None:
                body["parameters"] = {"retry_after": exc.retry_after}
            return web.json_response(body, status=exc.status)
        return web.json_response({"ok": True, "result": result})

    def _maybe_fail(self, method: str, params: dict[str, Any]) -> None:
        for failure in self._failures:
            if failure.method == method and failure.chat_id in (None, params.get("chat_id")):
                self._failures.remove(failure)
                raise failure.error

    def _throttle(self, chat_id: str) -> None:
        """Refuse a message beyond the sending limits (if any) with 429 and ``retry_after=1``."""
        if self.limits is None or self._overall is None:
            return
        now = time.monotonic()
        bucket = None
        if chat_id.startswith("-"):
            per_minute = self.limits.group_per_minute
            bucket = self._groups.setdefault(chat_id, _Bucket(per_minute / 60.0, per_minute))
        if not self._overall.take(now) or (bucket is not None and not bucket.take(now)):
            self.refused += 1
            raise ApiError(429, "Too Many Requests: retry after 1", retry_after=1)

    def _send_upload(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        """``sendPhoto`` / ``sendDocument`` with a multipart upload (the way the bot sends new files)."""
        field_name, limit = UPLOADS[method]
        upload = params.get(field_name)
        if not isinstance(upload, dict) or not upload["data"]:
            raise ApiError(400, f"Bad Request: there is no {field_name} in the request")
        if len(upload["data"]) > limit:
            raise ApiError(413, "Request Entity Too Large")
        caption = params.get("caption", "")
        if utf16_len(parse_html(caption) if params.get("parse_mode") == "HTML" else caption) > 1024:
            raise ApiError(400, "Bad Request: message caption is too long")
        file_id = f"file-{next(self._message_ids)}"
        size = len(upload["data"])
        if method == "sendPhoto":
            width, height = png_size(upload["data"])
            content: dict[str, Any] = {
                "photo": [
                    {"file_id": file_id, "file_unique_id": file_id, "width": width, "height": height}
                    | {"file_size": size}
                ]
            }
        else:
            content = {
                "document": {"file_id": file_id, "file_unique_id": file_id, "file_size": size}
                | {"file_name": upload["filename"], "mime_type": upload["content_type"]}
            }
        if caption:
            content["caption"] = caption
        message = self._message(self._chat(params["chat_id"]), {**BOT_USER}, **content)
        self.per_chat[params["chat_id"]] += 1
        return message

    def uploads(self, method: str, chat_id: int) -> list[dict[str, Any]]:
        """The files (``filename``, ``content_type``, ``data``) of successful uploads to a chat, in order."""
        field_name = UPLOADS[method][0]
        return [p[field_name] for p in self.requests(method, chat_id=chat_id)]

    async def _dispatch(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return {**BOT_USER, "can_join_groups": True, "can_read_all_group_messages": False}
        if method in {"deleteWebhook", "setWebhook", "setMyCommands", "deleteMyCommands"}:
            return True
        if method == "getUpdates":
            return await self._get_updates(params)
        if method == "sendMessage":
            return self._send_message(params)
        if method in UPLOADS:
            return self._send_upload(method, params)
        if method == "editMessageText":
            return self._edit_message(params)
        if method == "answerCallbackQuery":
            if len(params.get("text", "")) > 200:
                raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
            return True
        if method == "getChatMember":
            return self._chat_member(params)
        raise ApiError(404, "Not Found: method not found")

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if not self._updates and not self._closing:
            async with self._changed:
                with suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), float(params.get("timeout") or 0))
        return list(self._updates[: int(params.get("limit") or 100)])

    def _checked_text(self, params: dict[str, Any]) -> str:
        text = params.get("text", "")
        plain = parse_html(text) if params.get("parse_mode") == "HTML" else text
        if not plain.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if utf16_len(plain) > 4096:
            raise ApiError(400, "Bad Request: message is too long")
        for row in (params.get("reply_markup") or {}).get("inline_keyboard", []):
            for button in row:
                if not 1 <= len(button.get("callback_data", "x").encode()) <= 64:
                    raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
        return plain

    def _chat(self, chat_id: str) -> dict[str, Any]:
        if chat_id not in self.chats:
            if not self.any_chat:
                raise ApiError(400, "Bad Request: chat not found")
            kind = "supergroup" if chat_id.startswith("-") else "private"
            self.chats[chat_id] = {"id": int(chat_id), "type": kind}
        return self.chats[chat_id]

    def _send_message(self, params: dict[str, Any]) -> dict[str, Any]:
        plain = self._checked_text(params)
        content: dict[str, Any] = {"text": plain}
        if params.get("reply_markup"):
            content["reply_markup"] = params["reply_markup"]
        message = self._message(self._chat(params["chat_id"]), {**BOT_USER}, **content)
        self.accepted_at.append(time.monotonic())
        self.per_chat[params["chat_id"]] += 1
        return message

    def _edit_message(self, params: dict[str, Any]) -> dict[str, Any]:
        plain = self._checked_text(params)
        key = (int(params["chat_id"]), int(params["message_id"]))
        if key not in self.messages:
            raise ApiError(400, "Bad Request: message to edit not found")
        message = {**self.messages[key], "text": plain, "edit_date": int(time.time())}
        message.pop("reply_markup", None)
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        self.messages[key] = message
        return message

    def _chat_member(self, params: dict[str, Any]) -> dict[str, Any]:
        user = {"id": int(params["user_id"]), "is_bot": False, "first_name": "Member"}
        if (int(params["chat_id"]), int(params["user_id"])) not in self.admins:
            return {"status": "member", "user": user}
        rights = ADMIN_RIGHTS
        return {
            "status": "administrator",
            "user": user,
            **dict.fromkeys(rights, False),
            "can_manage_chat": True,
        }


@asynccontextmanager
async def running_bot(
    server: FakeTelegramServer, engine: Engine, *, rate_limiter: AIORateLimiter | None = None
) -> AsyncIterator[Application]:
    """The real bot application, long polling the fake server (1 s polls), stopped afterwards."""
    application = build_application(engine, TOKEN, server.base_url, rate_limiter=rate_limiter)
    await runner.start(application, poll_timeout=1)
    try:
        yield application
    finally:
        await runner.stop(application)
