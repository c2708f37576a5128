"""Telegram webhook mode scaled out: several ``interview-bot telegram --webhook`` processes on one
PostgreSQL database, each taking a share of a group's updates, as behind a load balancer.

One question posted with /quiz is answered by members whose answers reach different workers (some at
the same moment), and Telegram may deliver one update twice, to two workers. Whatever worker takes an
update, the group has one open question, each member's answer is graded and stored once, and each
update gets one reply.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import asyncpg
import pytest
import pytest_asyncio

from tests.support.databases import TEST_DATABASE_URL, asyncpg_dsn, reset_postgres
from tests.support.fake_telegram_server import TOKEN, FakeTelegramServer
from tests.support.net import free_port
from tests.support.paths import TEST_PACKS

pytestmark = [
    pytest.mark.skipif(not TEST_DATABASE_URL, reason="TEST_DATABASE_URL is not set"),
    pytest.mark.asyncio(loop_scope="module"),
]

WORKERS = 3
SECRET = "workers_Secret-7"
STARTUP_SECONDS = 90  # three cold starts sharing the CPU with the test run
TOPIC = "fx-observability"  # one question: fx-three-pillars
RIGHT = "Logs, metrics and traces."
BOB = FakeTelegramServer.user(222, "Bob")
CAROL = FakeTelegramServer.user(333, "Carol")
DAN = FakeTelegramServer.user(444, "Dan")
ERIN = FakeTelegramServer.user(555, "Erin")


@dataclass
class Worker:
    """One webhook worker process and the port its listener takes updates on."""

    process: asyncio.subprocess.Process
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/tg"


@dataclass
class Cluster:
    """The fake Bot API, the workers behind it, and the database they share."""

    server: FakeTelegramServer
    workers: list[Worker]
    database_url: str
    update_ids: Any

    def update(self, message: dict[str, Any]) -> dict[str, Any]:
        """A message as an update with a new id."""
        return {"update_id": next(self.update_ids), "message": message}

    async def deliver(self, worker: int, update: dict[str, Any]) -> None:
        """Post an update to one worker as Telegram does; it must take it (200)."""
        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        async with aiohttp.ClientSession() as http:
            response = await http.post(self.workers[worker].url, json=update, headers=headers)
        assert response.status == 200, await response.text()

    def logs(self) -> str:
        """Every worker's log so far."""
        return "\n".join(worker.log.read_text(encoding="utf-8", errors="replace") for worker in self.workers)


def text_message(server: FakeTelegramServer, chat: dict, user: dict, text: str, reply_to: int | None = None):
    """A user's text message in a chat (stored by the fake server, so the bot's replies can quote it)."""
    content: dict[str, Any] = {"text": text}
    if text.startswith("/"):
        content["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    if reply_to is not None:
        content["reply_to_message"] = server.messages[(chat["id"], reply_to)]
    return server.raw_message(chat, user, **content)


async def start_worker(server: FakeTelegramServer, database_url: str, tmp_path: Path, index: int) -> Worker:
    """``interview-bot telegram --webhook`` in a child process of its own."""
    port = free_port()
    env = {
        **os.environ,
        "TELEGRAM_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": server.base_url,
        "TELEGRAM_WEBHOOK_SECRET": SECRET,
        "DATABASE_URL": database_url,
        "CONTENT_DIRS": f'["{TEST_PACKS / "valid"}"]',
        "LOG_LEVEL": "INFO",
    }
    log = tmp_path / f"worker-{index}.log"
    command = ["telegram", "--webhook", "https://bot.example.com/tg", "--listen", "127.0.0.1"]
    with log.open("wb") as sink:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            "from interview_bot.cli import main; main()",
            *command,
            "--port",
            str(port),
            cwd=tmp_path,
            env=env,
            stdout=sink,
            stderr=sink,
        )
    return Worker(process, port, log)


async def listening(worker: Worker) -> bool:
    """Whether the worker's listener accepts connections yet."""
    try:
        _, writer = await asyncio.open_connection("127.0.0.1", worker.port)
    except OSError:
        return False
    writer.close()
    await writer.wait_closed()
    return True


async def wait_started(server: FakeTelegramServer, workers: list[Worker]) -> None:
    """Wait until every worker has registered its webhook and listens, or fail with their logs."""

    async def ready() -> bool:
        if any(worker.process.returncode is not None for worker in workers):
            raise AssertionError("a worker exited: " + "\n".join(w.log.read_text() for w in workers))
        if len(server.requests("setWebhook")) < len(workers):
            return False
        return all([await listening(worker) for worker in workers])

    deadline = asyncio.get_running_loop().time() + STARTUP_SECONDS
    while not await ready():
        assert asyncio.get_running_loop().time() < deadline, "\n".join(w.log.read_text() for w in workers)
        await asyncio.sleep(0.1)


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def cluster(
    private_postgres_url: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Cluster]:
    """Three webhook workers on one fresh PostgreSQL database, all calling one fake Bot API."""
    await reset_postgres(private_postgres_url)
    server = FakeTelegramServer()
    await server.start()
    tmp_path = tmp_path_factory.mktemp("workers")
    workers = [await start_worker(server, private_postgres_url, tmp_path, i) for i in range(WORKERS)]
    try:
        await wait_started(server, workers)
        yield Cluster(server, workers, private_postgres_url, iter(range(1000, 10**6)))
    finally:
        for worker in workers:
            if worker.process.returncode is None:
                worker.process.send_signal(signal.SIGTERM)
        codes = [await asyncio.wait_for(worker.process.wait(), 60) for worker in workers]
        await server.close()
    assert codes == [0] * WORKERS, "\n".join(worker.log.read_text() for worker in workers)


async def settle(cluster: Cluster, chat: dict, asker: dict) -> None:
    """Wait until every worker has handled every update posted to it so far.

    A worker handles its updates one at a time, in order: once it has answered a /topics sent to it
    after the others, it is done with them.
    """
    server = cluster.server
    sentinels = [cluster.update(text_message(server, chat, asker, "/topics")) for _ in range(WORKERS)]
    for index, sentinel in enumerate(sentinels):
        await cluster.deliver(index, sentinel)
    ids = [sentinel["message"]["message_id"] for sentinel in sentinels]
    await server.wait_for(lambda: all(replies_to(server, chat, i) for i in ids), timeout=60)


def replies_to(server: FakeTelegramServer, chat: dict, message_id: int) -> list[dict[str, Any]]:
    """The bot's messages in a chat that answer one message."""
    sent = server.requests("sendMessage", chat_id=chat["id"])
    return [s for s in sent if (s.get("reply_parameters") or {}).get("message_id") == message_id]


async def stored(cluster: Cluster, chat: dict) -> tuple[list[asyncpg.Record], list[asyncpg.Record]]:
    """The chat's open questions and their attempts, as the workers stored them."""
    connection = await asyncpg.connect(asyncpg_dsn(cluster.database_url))
    try:
        questions = await connection.fetch(
            "SELECT id, question_id, closed_at FROM open_questions WHERE chat_id = $1", str(chat["id"])
        )
        attempts = await connection.fetch(
            "SELECT u.platform_user_id AS user, a.verdict, a.open_question_id FROM attempts a "
            "JOIN users u ON u.id = a.user_id JOIN places p ON p.id = a.place_id "
            "WHERE p.platform_place_id = $1 ORDER BY u.platform_user_id",
            str(chat["id"]),
        )
    finally:
        await connection.close()
    return questions, attempts


async def ask(cluster: Cluster, chat: dict, *workers: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """Bob's /quiz delivered to the given workers at once; the update and the bot's question message."""
    server = cluster.server
    server.add_chat(chat)
    quiz = cluster.update(text_message(server, chat, BOB, f"/quiz {TOPIC}"))
    await asyncio.gather(*(cluster.deliver(worker, quiz) for worker in workers))
    (question, *_) = await server.wait_sent(chat["id"], 1, timeout=60)
    return quiz, question


async def test_members_answering_through_different_workers_are_each_graded_once(cluster: Cluster) -> None:
    server, chat = cluster.server, FakeTelegramServer.group_chat(-100701, "Workers")
    _, question = await ask(cluster, chat, 0)
    asked = question["result"]["message_id"]
    members = [BOB, CAROL, DAN]
    answers = [cluster.update(text_message(server, chat, m, RIGHT, reply_to=asked)) for m in members]
    # Bob's answer on worker 1 alone, then Carol's and Dan's at the same moment on workers 2 and 0
    await cluster.deliver(1, answers[0])
    await server.wait_for(lambda: replies_to(server, chat, answers[0]["message"]["message_id"]), 60)
    await asyncio.gather(cluster.deliver(2, answers[1]), cluster.deliver(0, answers[2]))
    await settle(cluster, chat, ERIN)

    questions, attempts = await stored(cluster, chat)
    assert [(q["question_id"], q["closed_at"]) for q in questions] == [("fx-three-pillars", None)]
    assert [(a["user"], a["verdict"], a["open_question_id"]) for a in attempts] == [
        (str(m["id"]), "correct", questions[0]["id"]) for m in members
    ]
    for member, answer in zip(members, answers, strict=True):
        (grade,) = replies_to(server, chat, answer["message"]["message_id"])
        assert f"tg://user?id={member['id']}" in grade["text"] and "✅ Correct" in grade["text"]
    sent = server.requests("sendMessage", chat_id=chat["id"])
    assert len(sent) == 1 + len(members) + WORKERS  # the question, a grade each, the three /topics
    assert not [call for call in server.calls if call.error], [c for c in server.calls if c.error]
    assert " failed" not in cluster.logs() and "Traceback" not in cluster.logs()


async def test_an_update_delivered_to_two_workers_is_handled_once(cluster: Cluster) -> None:
    server, chat = cluster.server, FakeTelegramServer.group_chat(-100702, "Redelivered")
    quiz, question = await ask(cluster, chat, 0, 1)
    asked = question["result"]["message_id"]
    answer = cluster.update(text_message(server, chat, CAROL, RIGHT, reply_to=asked))
    await asyncio.gather(cluster.deliver(1, answer), cluster.deliver(2, answer))
    await settle(cluster, chat, ERIN)

    questions, attempts = await stored(cluster, chat)
    grades = replies_to(server, chat, answer["message"]["message_id"])
    handled = {
        "open questions": len(questions),
        "question messages": len(replies_to(server, chat, quiz["message"]["message_id"])),
        "attempts": [(a["user"], a["verdict"]) for a in attempts],
        "replies to the answer": len(grades),
        "failed calls": [call.method for call in server.calls if call.error],
        "worker errors": cluster.logs().count(" failed"),
    }
    assert handled == {
        "open questions": 1,
        "question messages": 1,
        "attempts": [("333", "correct")],
        "replies to the answer": 1,
        "failed calls": [],
        "worker errors": 0,
    }
    assert "✅ Correct" in grades[0]["text"]
