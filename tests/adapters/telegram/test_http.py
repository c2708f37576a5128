"""The aiohttp transport keeps python-telegram-bot's contract: errors, timeouts, proxies, uploads."""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from telegram import Bot
from telegram.error import BadRequest, NetworkError, TimedOut
from telegram.request import BaseRequest

from adapters.telegram import build_application
from adapters.telegram.http import AiohttpRequest, trusted_roots
from tests.support.fake_telegram_server import TOKEN, FakeTelegramServer
from tests.support.net import free_port, serve_locally

DEFAULT = BaseRequest.DEFAULT_NONE


@pytest.fixture
async def slow_api() -> AsyncIterator[str]:
    """A Bot API base URL whose every answer takes a second."""

    async def slow(request: web.Request) -> web.Response:
        await asyncio.sleep(1)
        return web.json_response({"ok": True, "result": True})

    app = web.Application()
    app.router.add_route("*", "/bot{token}/{method}", slow)
    runner, port = await serve_locally(app, shutdown_timeout=0.1)
    yield f"http://127.0.0.1:{port}/bot"
    await runner.cleanup()


async def test_the_bot_calls_the_api_over_aiohttp(server: FakeTelegramServer) -> None:
    application = build_application(object(), TOKEN, server.base_url)  # type: ignore[arg-type]
    assert isinstance(application.bot.request, AiohttpRequest)
    async with application.bot as bot:
        me = await bot.get_me()
    assert me.username == "interview_test_bot"


async def test_text_and_parameters_arrive_as_sent(server: FakeTelegramServer) -> None:
    server.add_chat(FakeTelegramServer.private_chat(FakeTelegramServer.user(111, "Alice")))
    text = "line <b>one</b> &amp; ✅ é + 100%\n\nline three"
    async with Bot(TOKEN, base_url=server.base_url, request=AiohttpRequest()) as bot:
        message = await bot.send_message(111, text, parse_mode="HTML")
    assert server.requests("sendMessage")[0]["text"] == text
    assert message.text == "line one & ✅ é + 100%\n\nline three"


async def test_an_api_refusal_is_python_telegram_bots_error(server: FakeTelegramServer) -> None:
    async with Bot(TOKEN, base_url=server.base_url, request=AiohttpRequest()) as bot:
        with pytest.raises(BadRequest, match=r"(?i)chat not found"):
            await bot.send_message(424242, "hello")


async def test_an_upload_goes_as_multipart(server: FakeTelegramServer) -> None:
    server.add_chat(FakeTelegramServer.private_chat(FakeTelegramServer.user(111, "Alice")))
    async with Bot(TOKEN, base_url=server.base_url, request=AiohttpRequest()) as bot:
        await bot.send_document(111, b'{"answers": []}', filename="answers.json")
    [upload] = server.uploads("sendDocument", 111)
    assert upload["filename"] == "answers.json" and upload["data"] == b'{"answers": []}'


async def test_a_slow_answer_is_a_timeout(slow_api: str) -> None:
    request = AiohttpRequest(read_timeout=0.1)
    await request.initialize()
    try:
        with pytest.raises(TimedOut):
            await request.post(f"{slow_api}{TOKEN}/getMe")
    finally:
        await request.shutdown()


async def test_nothing_listening_is_a_network_error_not_a_timeout() -> None:
    request = AiohttpRequest()
    await request.initialize()
    try:
        with pytest.raises(NetworkError) as failure:
            await request.post(f"http://127.0.0.1:{free_port()}/bot{TOKEN}/getMe")
    finally:
        await request.shutdown()
    assert not isinstance(failure.value, TimedOut)
    assert "aiohttp.ClientConnectorError" in failure.value.message


async def test_a_call_before_initialize_is_refused() -> None:
    with pytest.raises(RuntimeError, match="not initialized"):
        await AiohttpRequest().do_request("http://127.0.0.1:1/bot1:x/getMe", "POST")


async def test_shutdown_twice_and_initialize_again_work(server: FakeTelegramServer) -> None:
    request = AiohttpRequest()
    await request.initialize()
    await request.shutdown()
    await request.shutdown()
    await request.initialize()
    try:
        assert (await request.post(f"{server.base_url}{TOKEN}/getMe"))["username"] == "interview_test_bot"
    finally:
        await request.shutdown()


def test_timeouts_take_the_defaults_unless_given() -> None:
    request = AiohttpRequest(read_timeout=5, write_timeout=5, connect_timeout=5, pool_timeout=1)
    plain = request.timeout(DEFAULT, DEFAULT, DEFAULT, DEFAULT, upload=False)
    assert (plain.sock_read, plain.sock_connect, plain.connect, plain.total) == (5, 5, 6, 16)
    upload = request.timeout(DEFAULT, DEFAULT, DEFAULT, DEFAULT, upload=True)
    assert upload.total == 5 + 20 + 5 + 1, "uploads get the longer media write timeout"
    long_poll = request.timeout(32.0, DEFAULT, DEFAULT, DEFAULT, upload=False)
    assert long_poll.sock_read == 32 and long_poll.total == 43
    unlimited = request.timeout(None, DEFAULT, DEFAULT, DEFAULT, upload=False)
    assert unlimited.sock_read is None and unlimited.total is None


def test_the_proxy_comes_from_the_environment_unless_bypassed(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    assert AiohttpRequest().proxy_for("https://api.telegram.org/bot1:x/getMe") is None
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.internal:3128")
    monkeypatch.setenv("NO_PROXY", "localhost,127.0.0.1")
    request = AiohttpRequest()
    assert request.proxy_for("https://api.telegram.org/bot1:x/getMe") == "http://proxy.internal:3128"
    assert request.proxy_for("http://127.0.0.1:8081/bot1:x/getMe") is None
    monkeypatch.setenv("ALL_PROXY", "http://all.internal:3128")
    assert AiohttpRequest().proxy_for("http://bots.example.com/bot1:x/getMe") == "http://all.internal:3128"


def test_certificates_are_verified_against_the_roots_httpx_would_use(monkeypatch: pytest.MonkeyPatch) -> None:
    import certifi

    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    default = trusted_roots()
    assert default.verify_mode is ssl.CERT_REQUIRED and default.check_hostname
    assert default.cert_store_stats()["x509_ca"] > 0
    monkeypatch.setenv("SSL_CERT_FILE", certifi.where())
    assert trusted_roots().cert_store_stats() == default.cert_store_stats()
    monkeypatch.setenv("SSL_CERT_FILE", "/nonexistent/ca.pem")
    with pytest.raises(FileNotFoundError):
        trusted_roots()
