"""A fake Discord on 127.0.0.1 for end-to-end tests of the bot with the real discord.py client.

It serves the REST API under ``/api/v10`` (the bot user, the application, command sync, channel
messages, DM channels, interaction callbacks and webhook follow-ups) and a gateway WebSocket (HELLO,
heartbeat ACKs, READY and GUILD_CREATE after IDENTIFY).  Tests inject ``INTERACTION_CREATE`` and
``MESSAGE_CREATE`` events as members would cause them, then read every REST call the bot made.
Failures (a 429, a 403) can be queued for a route, and a message over Discord's limits (10 embeds, 6,000
characters of embeds, 5 rows of 5 buttons, unique custom ids) is refused with a 400 as Discord does.
Multipart requests (file uploads) are read too: their files are kept on the ``Call`` and become the
message's attachments.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import yarl
from aiohttp import WSMsgType, web

from tests.support.net import serve_locally

MANAGE_GUILD = 1 << 5
EPHEMERAL = 1 << 6
LOADING = 1 << 7
MAX_EMBEDS = 10
MAX_EMBED_CHARS = 6000
MAX_ROWS = 5
JSON = dict[str, Any]


@dataclass
class Call:
    """One REST request the bot made."""

    method: str
    path: str
    query: dict[str, str]
    body: Any
    files: list[JSON] = field(default_factory=list)
    """Files uploaded with the request (multipart ``files[n]``): ``filename``, ``content_type``, ``data``."""


@dataclass
class Failure:
    """A queued error answer for requests matching ``method`` and the ``path`` regex."""

    method: str
    path: str
    status: int
    body: JSON
    headers: dict[str, str] = field(default_factory=dict)
    times: int = 1


@dataclass
class Sent:
    """An interaction the test injected: its id and token, to find the bot's answers."""

    id: str
    token: str
    payload: JSON


def _embed_length(embed: JSON) -> int:
    """The characters Discord counts towards an embed's share of a message's 6,000."""
    fields = embed.get("fields") or []
    counted = [embed.get("title"), embed.get("description"), (embed.get("footer") or {}).get("text")]
    counted += [(embed.get("author") or {}).get("name")]
    counted += [f.get(k) for f in fields for k in ("name", "value")]
    return sum(len(text or "") for text in counted)


def invalid_form(body: Any) -> str | None:
    """What Discord would refuse in a message's body (embeds, buttons), or None when it is valid."""
    if not isinstance(body, dict):
        return None
    embeds = body.get("embeds") or []
    if len(embeds) > MAX_EMBEDS:
        return f"{len(embeds)} embeds (at most {MAX_EMBEDS})"
    if sum(_embed_length(e) for e in embeds) > MAX_EMBED_CHARS:
        return f"embeds over {MAX_EMBED_CHARS} characters"
    rows = body.get("components") or []
    if len(rows) > MAX_ROWS or any(len(row.get("components") or []) > MAX_ROWS for row in rows):
        return "more than 5 rows or 5 buttons in a row"
    ids = [c["custom_id"] for row in rows for c in row.get("components") or [] if "custom_id" in c]
    if len(ids) != len(set(ids)):
        return "a custom id is repeated"
    return None


def _refusal(reason: str) -> web.Response:
    return _json({"message": "Invalid Form Body", "code": 50035, "errors": {"_errors": reason}}, 400)


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _json(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    # discord.py parses a body only when the content type is exactly application/json.
    return web.Response(
        body=json.dumps(body).encode(),
        status=status,
        headers={"Content-Type": "application/json", **(headers or {})},
    )


async def _multipart(request: web.Request, snowflake: Callable[[], str]) -> tuple[Any, list[JSON]]:
    """A multipart request's JSON payload and files; each file becomes an attachment of the message.

    The payload's ``attachments`` (``{"id": n, "filename": ...}`` for ``files[n]``) are given what
    Discord gives a stored attachment: an id, a size, a content type and URLs.
    """
    form = await request.post()
    payload = json.loads(str(form["payload_json"])) if "payload_json" in form else {}
    files: list[JSON] = []
    for name, value in form.items():
        if isinstance(value, web.FileField) and name.startswith("files["):
            data = value.file.read()
            files.append({"filename": value.filename, "content_type": value.content_type, "data": data})
    message = payload.get("data", payload) if isinstance(payload.get("data"), dict) else payload
    stored = []
    for index, attachment in enumerate(message.get("attachments") or []):
        upload = files[int(attachment.get("id", index))]
        attachment_id = snowflake()
        url = f"https://cdn.discordapp.test/attachments/{attachment_id}/{upload['filename']}"
        stored.append(
            {"id": attachment_id, "filename": upload["filename"], "size": len(upload["data"])}
            | {"url": url, "proxy_url": url, "content_type": _media_type(upload["filename"])}
        )
    message["attachments"] = stored
    return payload, files


def _media_type(filename: str) -> str:
    """What Discord reports as an uploaded file's type (it looks at the name, as discord.py sends
    every file as ``application/octet-stream``)."""
    extension = filename.rsplit(".", 1)[-1]
    return {"png": "image/png", "json": "application/json"}.get(extension, "application/octet-stream")


class FakeDiscord:
    """The fake platform: start it, point discord.py at ``rest_base`` and ``gateway_url``, drive it."""

    def __init__(self) -> None:
        self._ids = itertools.count(1_234_567_890_123_456_789)
        self._seq = itertools.count(1)
        self.calls: list[Call] = []
        self.messages: dict[str, JSON] = {}
        self.failures: list[Failure] = []
        self.closed_dms: set[str] = set()
        self.dm_channels: dict[str, JSON] = {}
        self.commands: dict[str | None, list[JSON]] = {}
        self.identifies: list[JSON] = []
        self._interactions: dict[str, Sent] = {}
        self._originals: dict[str, str] = {}
        self._responded: set[str] = set()
        self._changed = asyncio.Condition()
        self._ws: web.WebSocketResponse | None = None
        self._ready = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.port = 0
        self.bot_user = self.user("InterviewBot", bot=True)
        self.application_id = self.bot_user["id"]
        self.guild_id = self.snowflake()
        self.general = self._text_channel("general")
        self.drills = self._text_channel("drills")
        self.guild_name = "Backend *Study* Group"

    # -- lifecycle -------------------------------------------------------------------------------
    async def start(self) -> None:
        """Listen on a free port of 127.0.0.1."""
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._rest)
        self._runner, self.port = await serve_locally(app)

    async def stop(self) -> None:
        """Close the gateway and the HTTP server."""
        if self._ws is not None:
            await self._ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def rest_base(self) -> str:
        """What ``discord.http.Route.BASE`` must be."""
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> yarl.URL:
        """What ``DiscordWebSocket.DEFAULT_GATEWAY`` must be."""
        return yarl.URL(f"ws://127.0.0.1:{self.port}/gateway")

    # -- people and places -----------------------------------------------------------------------
    def snowflake(self) -> str:
        """A fresh id, as long as Discord's."""
        return str(next(self._ids))

    def user(self, name: str, *, bot: bool = False, global_name: str | None = None) -> JSON:
        """A user payload (``global_name`` is the display name; it may be anything a user types)."""
        return {
            "id": self.snowflake(),
            "username": re.sub(r"[^a-z0-9_.]", "", name.lower()) or "user",
            "global_name": global_name or name,
            "discriminator": "0",
            "avatar": None,
            "public_flags": 0,
            "bot": bot,
        }

    def _text_channel(self, name: str) -> JSON:
        return {
            "id": self.snowflake(),
            "type": 0,
            "name": name,
            "position": 0,
            "permission_overwrites": [],
            "nsfw": False,
            "parent_id": None,
            "topic": None,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "flags": 0,
        }

    def guild_payload(self) -> JSON:
        """The GUILD_CREATE payload of the one test server."""
        channels = [{**c, "guild_id": self.guild_id} for c in (self.general, self.drills)]
        everyone = {"id": self.guild_id, "name": "@everyone", "permissions": "104324673", "position": 0}
        everyone |= {"color": 0, "hoist": False, "managed": False, "mentionable": False, "flags": 0}
        return {
            "id": self.guild_id,
            "name": self.guild_name,
            "icon": None,
            "owner_id": self.snowflake(),
            "roles": [everyone],
            "channels": channels,
            "threads": [],
            "members": [],
            "member_count": 3,
            "emojis": [],
            "stickers": [],
            "features": [],
            "unavailable": False,
            "joined_at": _now(),
            "large": False,
            "presences": [],
            "voice_states": [],
            "mfa_level": 0,
            "verification_level": 0,
            "explicit_content_filter": 0,
            "default_message_notifications": 0,
            "afk_timeout": 300,
            "premium_tier": 0,
            "preferred_locale": "en-US",
            "nsfw_level": 0,
            "system_channel_flags": 0,
        }

    def dm_channel(self, user: JSON) -> JSON:
        """The DM channel between the bot and a user (made on first use)."""
        if user["id"] not in self.dm_channels:
            self.dm_channels[user["id"]] = {
                "id": self.snowflake(),
                "type": 1,
                "recipients": [user],
                "flags": 0,
            }
        return self.dm_channels[user["id"]]

    # -- what tests inject -----------------------------------------------------------------------
    async def wait_ready(self, timeout: float = 5.0) -> None:
        """Wait until a client has identified and received READY."""
        await asyncio.wait_for(self._ready.wait(), timeout)

    async def dispatch(self, event: str, data: JSON) -> None:
        """Send a gateway DISPATCH event to the connected client."""
        await self.wait_ready()
        assert self._ws is not None
        await self._ws.send_str(json.dumps({"op": 0, "t": event, "s": next(self._seq), "d": data}))

    def _interaction(
        self,
        kind: int,
        data: JSON,
        user: JSON,
        *,
        dm: bool,
        permissions: int,
        message: JSON | None,
        channel: JSON,
    ) -> Sent:
        iid = self.snowflake()
        token = f"token-{iid}"
        payload: JSON = {
            "id": iid,
            "application_id": self.application_id,
            "type": kind,
            "data": data,
            "token": token,
            "version": 1,
            "locale": "en-US",
            "app_permissions": "2147601408",
            "attachment_size_limit": 8_388_608,
            "entitlements": [],
            "channel_id": channel["id"],
        }
        if dm:
            payload |= {"user": user, "channel": channel, "context": 1}
            payload["authorizing_integration_owners"] = {"0": self.guild_id}
        else:
            member = {"user": user, "roles": [], "permissions": str(permissions), "joined_at": _now()}
            member |= {"deaf": False, "mute": False, "flags": 0, "nick": None, "pending": False}
            payload |= {"guild_id": self.guild_id, "guild_locale": "en-US", "member": member, "context": 0}
            payload["channel"] = {**channel, "guild_id": self.guild_id, "permissions": str(permissions)}
            payload["authorizing_integration_owners"] = {"0": self.guild_id}
        if message is not None:
            payload["message"] = message
        sent = Sent(iid, token, payload)
        self._interactions[token] = sent
        return sent

    def _where(self, dm: bool, user: JSON, channel: JSON | None) -> JSON:
        return self.dm_channel(user) if dm else (channel or self.general)

    async def slash(
        self,
        user: JSON,
        name: str,
        *,
        dm: bool = False,
        permissions: int = 0,
        where: JSON | None = None,
        focused: str | None = None,
        **options: str | JSON,
    ) -> Sent:
        """A member runs ``/name option:value`` in ``where`` (#general by default, or their DM with ``dm``).

        A dict value is a channel option; ``focused`` names the option of an autocomplete request.
        """
        opts, resolved = [], {}
        for key, value in options.items():
            if isinstance(value, dict):  # a channel option
                opts.append({"name": key, "type": 7, "value": value["id"]})
                extra = {"guild_id": self.guild_id, "permissions": "104324673"}
                resolved.setdefault("channels", {})[value["id"]] = {**value, **extra}
            else:
                opts.append(
                    {"name": key, "type": 3, "value": value, **({"focused": True} if key == focused else {})}
                )
        data: JSON = {"id": self.snowflake(), "name": name, "type": 1, "options": opts}
        if resolved:
            data["resolved"] = resolved
        kind = 4 if focused else 2
        place = self._where(dm, user, where)
        sent = self._interaction(
            kind, data, user, dm=dm, permissions=permissions, message=None, channel=place
        )
        await self.dispatch("INTERACTION_CREATE", sent.payload)
        return sent

    async def click(self, user: JSON, message: JSON, custom_id: str, *, permissions: int = 0) -> Sent:
        """A member presses the button ``custom_id`` on one of the bot's messages."""
        dm = "guild_id" not in message
        channel = self._channel_of(message)
        data = {"custom_id": custom_id, "component_type": 2}
        sent = self._interaction(
            3, data, user, dm=dm, permissions=permissions, message=message, channel=channel
        )
        await self.dispatch("INTERACTION_CREATE", sent.payload)
        return sent

    async def submit_modal(self, user: JSON, message: JSON, modal: JSON, values: dict[str, str]) -> Sent:
        """A member submits a modal the bot opened from a button on ``message``."""
        dm = "guild_id" not in message
        rows = [
            {"type": 1, "components": [{"type": 4, "custom_id": k, "value": v}]} for k, v in values.items()
        ]
        data = {"custom_id": modal["custom_id"], "components": rows}
        channel = self._channel_of(message)
        sent = self._interaction(5, data, user, dm=dm, permissions=0, message=message, channel=channel)
        await self.dispatch("INTERACTION_CREATE", sent.payload)
        return sent

    async def send_dm(self, user: JSON, content: str) -> JSON:
        """A user writes to the bot in their DM."""
        channel = self.dm_channel(user)
        message = self._message(channel["id"], {"content": content}, author=user, guild=False)
        await self.dispatch("MESSAGE_CREATE", message)
        return message

    def _channel_of(self, message: JSON) -> JSON:
        for channel in (self.general, self.drills, *self.dm_channels.values()):
            if channel["id"] == message["channel_id"]:
                return channel
        return {"id": message["channel_id"], "type": 0, "name": "unknown"}

    def fail(
        self, method: str, path: str, status: int, body: JSON, *, times: int = 1, **headers: str
    ) -> None:
        """Answer the next ``times`` requests matching ``method`` and the ``path`` regex with an error."""
        self.failures.append(Failure(method, path, status, body, headers, times))

    def rate_limit(self, method: str, path: str, retry_after: float, *, times: int = 1) -> None:
        """Answer with a 429 as Discord does (discord.py retries only when a ``Via`` header is present)."""
        body = {"message": "You are being rate limited.", "retry_after": retry_after, "global": False}
        headers = {"Via": "1.1 google", "Retry-After": str(retry_after), "X-RateLimit-Scope": "user"}
        self.fail(method, path, 429, body, times=times, **headers)

    # -- what tests read -------------------------------------------------------------------------
    async def wait_for(self, predicate: Callable[[Call], bool], timeout: float = 5.0) -> Call:
        """The first recorded call matching ``predicate``, waiting up to ``timeout`` seconds for it."""

        async def find() -> Call:
            async with self._changed:
                while True:
                    for call in self.calls:
                        if predicate(call):
                            return call
                    await self._changed.wait()

        return await asyncio.wait_for(find(), timeout)

    async def wait_until(self, condition: Callable[[], Any], timeout: float = 5.0) -> Any:
        """Wait until ``condition()`` is truthy (re-checked after each REST call); return its value."""

        async def check() -> Any:
            async with self._changed:
                while not (value := condition()):
                    await self._changed.wait()
                return value

        return await asyncio.wait_for(check(), timeout)

    async def response(self, sent: Sent, timeout: float = 5.0) -> JSON:
        """The bot's interaction callback body (``type`` and ``data``)."""
        call = await self.wait_for(
            lambda c: c.path == f"/interactions/{sent.id}/{sent.token}/callback", timeout
        )
        return call.body

    def followups(self, sent: Sent) -> list[JSON]:
        """Follow-up messages the bot sent for an interaction so far."""
        prefix = f"/webhooks/{self.application_id}/{sent.token}"
        return [c.body for c in self.calls if c.method == "POST" and c.path == prefix]

    def original(self, sent: Sent) -> JSON | None:
        """The message that is the interaction's original response, as it stands now."""
        message_id = self._originals.get(sent.token)
        return self.messages.get(message_id) if message_id else None

    def channel_messages(self, channel_id: str) -> list[JSON]:
        """Every non-ephemeral message in a channel, oldest first."""
        return [
            m for m in self.messages.values() if m["channel_id"] == channel_id and not m["flags"] & EPHEMERAL
        ]

    def calls_to(self, method: str, pattern: str) -> list[Call]:
        """Recorded calls whose method matches and whose path matches the regex."""
        return [c for c in self.calls if c.method == method and re.fullmatch(pattern, c.path)]

    # -- gateway ---------------------------------------------------------------------------------
    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._ready.clear()
        self._ws = ws
        await ws.send_str(json.dumps({"op": 10, "d": {"heartbeat_interval": 41250}}))
        async for frame in ws:
            if frame.type is not WSMsgType.TEXT:
                continue
            message = json.loads(frame.data)
            if message["op"] == 1:
                await ws.send_str(json.dumps({"op": 11}))
            elif message["op"] == 2:
                self.identifies.append(message["d"])
                await self._send_ready(ws)
            elif message["op"] == 6:
                await ws.send_str(json.dumps({"op": 9, "d": False}))
        if self._ws is ws:
            self._ws = None
            self._ready.clear()
        return ws

    async def _send_ready(self, ws: web.WebSocketResponse) -> None:
        ready = {
            "v": 10,
            "user": self.bot_user,
            "guilds": [{"id": self.guild_id, "unavailable": True}],
            "session_id": f"session-{self.snowflake()}",
            "resume_gateway_url": str(self.gateway_url),
            "application": {"id": self.application_id, "flags": 0},
            "private_channels": [],
            "relationships": [],
        }
        await ws.send_str(json.dumps({"op": 0, "t": "READY", "s": next(self._seq), "d": ready}))
        guild = self.guild_payload()
        await ws.send_str(json.dumps({"op": 0, "t": "GUILD_CREATE", "s": next(self._seq), "d": guild}))
        self._ready.set()

    # -- REST ------------------------------------------------------------------------------------
    async def _rest(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["tail"]
        files: list[JSON] = []
        if request.content_type == "multipart/form-data":
            body, files = await _multipart(request, self.snowflake)
        else:
            raw = await request.read()
            body = json.loads(raw) if raw else None
        call = Call(request.method, path, dict(request.query), body, files)
        response = self._failure_for(call) or self._route(call)
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()
        return response

    def _failure_for(self, call: Call) -> web.Response | None:
        for failure in self.failures:
            if failure.times > 0 and failure.method == call.method and re.fullmatch(failure.path, call.path):
                failure.times -= 1
                return _json(failure.body, failure.status, failure.headers)
        return None

    def _route(self, call: Call) -> web.Response:
        for method, pattern, handler in self._routes():
            match = re.fullmatch(pattern, call.path)
            if match and method == call.method:
                return handler(call, **match.groupdict())
        return _json({"message": "404: Not Found", "code": 0}, 404)

    def _routes(self) -> list[tuple[str, str, Callable[..., web.Response]]]:
        hook = r"/webhooks/(?P<app>\d+)/(?P<token>[^/]+)"
        return [
            ("GET", r"/users/@me", lambda call: _json(self.bot_user)),
            ("GET", r"/oauth2/applications/@me", self._application),
            ("PUT", r"/applications/\d+/commands", self._sync),
            ("PUT", r"/applications/\d+/guilds/(?P<guild>\d+)/commands", self._sync),
            ("POST", r"/users/@me/channels", self._open_dm),
            ("POST", r"/channels/(?P<channel>\d+)/messages", self._post_message),
            ("PATCH", r"/channels/(?P<channel>\d+)/messages/(?P<message>\d+)", self._edit_message),
            ("POST", r"/interactions/(?P<iid>\d+)/(?P<token>[^/]+)/callback", self._callback),
            ("POST", hook, self._followup),
            ("GET", hook + r"/messages/(?P<which>@original|\d+)", self._get_webhook_message),
            ("PATCH", hook + r"/messages/(?P<which>@original|\d+)", self._edit_webhook_message),
        ]

    def _application(self, call: Call) -> web.Response:
        return _json(
            {
                "id": self.application_id,
                "name": "InterviewBot",
                "description": "",
                "icon": None,
                "bot_public": True,
                "bot_require_code_grant": False,
                "owner": self.user("Owner"),
                "verify_key": "0" * 64,
                "flags": 0,
            }
        )

    def _sync(self, call: Call, guild: str | None = None) -> web.Response:
        synced = [
            {**c, "id": self.snowflake(), "application_id": self.application_id, "version": "1"}
            | ({"guild_id": guild} if guild else {})
            for c in call.body
        ]
        self.commands[guild] = synced
        return _json(synced)

    def _open_dm(self, call: Call) -> web.Response:
        recipient = str(call.body["recipient_id"])
        known = next((c for c in self.dm_channels.values() if c["recipients"][0]["id"] == recipient), None)
        user = (
            known["recipients"][0] if known else {"id": recipient, "username": "user", "discriminator": "0"}
        )
        return _json(self.dm_channel(user | {"avatar": None, "global_name": None}))

    def _message(
        self, channel_id: str, body: JSON, *, author: JSON | None = None, guild: bool = True
    ) -> JSON:
        message = {
            "id": self.snowflake(),
            "channel_id": channel_id,
            "author": author or self.bot_user,
            "content": body.get("content") or "",
            "embeds": body.get("embeds") or [],
            "components": body.get("components") or [],
            "flags": body.get("flags") or 0,
            "allowed_mentions": body.get("allowed_mentions"),
            "type": 0,
            "timestamp": _now(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": body.get("attachments") or [],
            "pinned": False,
        }
        if guild and channel_id in (self.general["id"], self.drills["id"]):
            message["guild_id"] = self.guild_id
        self.messages[message["id"]] = message
        return message

    def _post_message(self, call: Call, channel: str) -> web.Response:
        dm_owner = next((uid for uid, c in self.dm_channels.items() if c["id"] == channel), None)
        if dm_owner in self.closed_dms:
            return _json({"message": "Cannot send messages to this user", "code": 50007}, 403)
        if reason := invalid_form(call.body):
            return _refusal(reason)
        return _json(self._message(channel, call.body))

    def _edit(self, message_id: str, body: JSON) -> JSON:
        message = self.messages[message_id]
        for key in ("content", "embeds", "components", "allowed_mentions"):
            if key in body:
                message[key] = body[key] if body[key] is not None else ([] if key != "content" else "")
        message["flags"] &= ~LOADING
        message["edited_timestamp"] = _now()
        return message

    def _edit_message(self, call: Call, channel: str, message: str) -> web.Response:
        if message not in self.messages:
            return _json({"message": "Unknown Message", "code": 10008}, 404)
        return _json(self._edit(message, call.body))

    def _callback(self, call: Call, iid: str, token: str) -> web.Response:
        sent = self._interactions.get(token)
        if sent is None or sent.id != iid:
            return _json({"message": "Unknown interaction", "code": 10062}, 404)
        if token in self._responded:
            return _json({"message": "Interaction has already been acknowledged.", "code": 40060}, 400)
        kind, data = call.body["type"], call.body.get("data") or {}
        if kind in (4, 7) and (reason := invalid_form(data)):
            return _refusal(reason)
        self._responded.add(token)
        channel_id = sent.payload["channel_id"]
        in_guild = "guild_id" in sent.payload
        answer: JSON = {"interaction": {"id": iid, "type": sent.payload["type"]}}
        if kind == 4:
            message = self._message(channel_id, data, guild=in_guild)
        elif kind == 5:
            message = self._message(channel_id, {"flags": data.get("flags", 0) | LOADING}, guild=in_guild)
        elif kind in (6, 7):
            message = self.messages.get(sent.payload["message"]["id"]) or sent.payload["message"]
            self.messages[message["id"]] = message
            if kind == 7:
                self._edit(message["id"], data)
        else:  # 8 autocomplete choices, 9 modal: nothing is posted
            return _json(answer)
        self._originals[token] = message["id"]
        answer["resource"] = {"type": kind, "message": message}
        return _json(answer)

    def _followup(self, call: Call, app: str, token: str) -> web.Response:
        sent = self._interactions.get(token)
        if sent is None:
            return _json({"message": "Unknown Webhook", "code": 10015}, 404)
        if reason := invalid_form(call.body):
            return _refusal(reason)
        original = self.messages.get(self._originals.get(token, ""))
        if original is not None and original["flags"] & LOADING:
            # After a "thinking" deferral the first follow-up replaces the loading message.
            return _json(self._edit(original["id"], call.body))
        return _json(self._message(sent.payload["channel_id"], call.body, guild="guild_id" in sent.payload))

    def _webhook_message(self, token: str, which: str) -> JSON | None:
        message_id = self._originals.get(token) if which == "@original" else which
        return self.messages.get(message_id or "")

    def _get_webhook_message(self, call: Call, app: str, token: str, which: str) -> web.Response:
        message = self._webhook_message(token, which)
        return _json(message) if message else _json({"message": "Unknown Message", "code": 10008}, 404)

    def _edit_webhook_message(self, call: Call, app: str, token: str, which: str) -> web.Response:
        message = self._webhook_message(token, which)
        if message is None:
            return _json({"message": "Unknown Message", "code": 10008}, 404)
        return _json(self._edit(message["id"], call.body))


@asynccontextmanager
async def fake_discord(monkeypatch: Any) -> AsyncIterator[FakeDiscord]:
    """Start a fake Discord and point discord.py's REST base and gateway URL at it (the only patches)."""
    import discord

    server = FakeDiscord()
    await server.start()
    monkeypatch.setattr(discord.http.Route, "BASE", server.rest_base)
    monkeypatch.setattr(discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", server.gateway_url)
    try:
        yield server
    finally:
        await server.stop()


@asynccontextmanager
async def running_client(client: Any, server: FakeDiscord, timeout: float = 5.0) -> AsyncIterator[Any]:
    """Run a discord.py client in the test's event loop until it is ready; close it afterwards."""
    runner = asyncio.create_task(client.start("fake-bot-token"))
    ready = asyncio.create_task(client.wait_until_ready())
    done, _ = await asyncio.wait({runner, ready}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    if ready not in done:
        ready.cancel()
        runner.cancel()
        raise RuntimeError(
            f"the client did not get ready: {runner.exception() if runner.done() else 'timeout'}"
        )
    await server.wait_ready(timeout)
    try:
        yield client
    finally:
        await client.close()
        await asyncio.wait_for(runner, timeout)
