"""Telegram load: CPU per update of the product's bot against a bare python-telegram-bot bot.

Usage: python -m benchmarks.telegram_load [--updates 600] [--users 50] [--runs 3]

In one run, two bots long-poll the same kind of fake Bot API (``tests.support.fake_telegram_server``,
on 127.0.0.1) serving the same updates: ``--users`` users each alternate ``/quiz`` and a plausible
answer in their DMs, ``--updates`` in all, sent in waves (every user sends one message, and the next
wave goes once each of them has had a reply and the bot has gone quiet, so every reply to the wave, a
follow-up too, has been sent, as people answer the last thing they were sent).  An answer
is the question's key points but the last, as a fair but incomplete answer reads (a fixed paragraph
when the question is not recognised).  The product runs first in each run; the bare bot is then sent
exactly the texts the product was sent.

* **bare**: ``benchmarks.telegram_bare_child``, an ``Application`` with the product's
  ``AIORateLimiter`` (same retries, no job queue) that answers every update with one message;
* **product**: ``interview-bot telegram`` itself (``python -m interview_bot telegram``), so the bot is
  built exactly as the command builds it (settings, shipped packs, a migrated temporary SQLite
  database, the drills runtime, long polling), with only ``TELEGRAM_TOKEN``, ``TELEGRAM_API_BASE_URL``,
  ``DATABASE_URL`` and ``LOG_LEVEL=INFO`` (the default) set.

How CPU is measured, and why: each bot runs in a **child process** and the fake server runs in this
(the benchmark's) process, so the server's CPU, JSON and HTML checks included, is never counted.  The
figure is the child's user + system CPU time (``/proc/PID/stat``, every thread of the process, which
matters for the product: aiosqlite runs SQLite in a thread of its own, and that work is the bot's)
from the moment the bot is ready (its first ``getUpdates``, then a short settle so start-up, imports
and migrations are left out) until every update has been answered and the bot has been quiet for a
moment.  Divided by the number of updates, that is ``*_cpu_ms`` (milliseconds of CPU per update);
``ratio`` is product over bare.  The rate limiter holds both bots to 30 messages a second, so a run
takes about ``updates / 30`` seconds of wall time per bot; idle long polling costs next to nothing.
Each of ``--runs`` runs starts both bots afresh (fresh server, fresh database); the median is printed.

Each run's line also shows the Bot API calls the bot made per update while measured, by method (a
diagnostic).  The last line is ``telegram_load: updates=N product_cpu_ms=X bare_cpu_ms=Y ratio=Z``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import signal
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bot.model.questions import Question
from content import load_bank
from tests.support.fake_telegram_server import TOKEN, FakeTelegramServer

REPO = Path(__file__).resolve().parent.parent
Wave = list[tuple[int, str]]
"""One message from each of some users: (user number, text)."""
QUIZ = "/quiz"
ANSWERS = (
    "I would make the operation idempotent: the client sends an idempotency key, the server stores it "
    "with the result under a unique constraint, and a retry returns the stored result instead of "
    "charging twice.",
    "Use a ledger with double-entry rows in one transaction, reconcile against the provider's "
    "settlement file every day, and alert on any difference rather than fixing balances by hand.",
    "Keep amounts as integers in minor units with the currency code, round only at the edges with a "
    "documented rule, and never use floats for money.",
)
SETTLE_S = 0.5
"""Quiet time before the first CPU reading (start-up finishing) and after the last reply."""
WAVE_QUIET_S = 0.2
"""Quiet time that ends a wave: the rate limiter spaces a queue of sends about 33 ms apart, so 0.2 s with
no call means every reply to the wave has gone."""
WAVE_TIMEOUT_S = 120.0
CHILD_STOP_S = 30.0


@dataclass(frozen=True)
class Outcome:
    """One bot's run: CPU seconds while handling the updates, wall seconds, updates, messages sent."""

    cpu_s: float
    wall_s: float
    updates: int
    sent: int
    calls: dict[str, int] = field(default_factory=dict)
    """Bot API calls made while measured, by method (a diagnostic: which calls an update costs)."""

    @property
    def cpu_ms_per_update(self) -> float:
        """Milliseconds of CPU per update."""
        return 1000 * self.cpu_s / self.updates


def process_cpu_s(pid: int) -> float:
    """User + system CPU seconds of process ``pid`` so far, all its threads (Linux ``/proc``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of the whole line)
    return ticks / os.sysconf("SC_CLK_TCK")


def script(updates: int, users: int) -> list[Wave]:
    """The updates as waves: each user alternates ``/quiz`` and an answer (a fixed one, for now)."""
    waves: list[Wave] = []
    for index in range(updates):
        wave, user = divmod(index, users)
        if user == 0:
            waves.append([])
        text = QUIZ if wave % 2 == 0 else ANSWERS[(wave // 2 + user) % len(ANSWERS)]
        waves[-1].append((user, text))
    return waves


def plausible_answer(questions: Sequence[Question], asked: str, fallback: str) -> str:
    """An answer to the question whose prompt is in ``asked``: its key points but the last one."""
    for question in questions:
        if question.prompt in asked:
            points = [point.text for point in question.key_points]
            return " ".join(points[: max(1, len(points) - 1)])
    return fallback


def _child_command(kind: str, base_url: str) -> list[str]:
    if kind == "bare":
        return [sys.executable, "-m", "benchmarks.telegram_bare_child", base_url, TOKEN]
    return [sys.executable, "-m", "interview_bot", "telegram"]


def _child_env(kind: str, base_url: str, workdir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DISCORD_"))}
    env.pop("CONTENT_DIRS", None)  # the shipped packs only
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    if kind == "product":
        env.update(
            TELEGRAM_TOKEN=TOKEN,
            TELEGRAM_API_BASE_URL=base_url,
            DATABASE_URL=f"sqlite+aiosqlite:///{workdir / 'bot.db'}",
            LOG_LEVEL="INFO",
        )
    return env


async def _quiet(server: FakeTelegramServer, seconds: float) -> None:
    """Wait until the bot has made no call but a long poll for ``seconds``."""
    while True:
        busy = sum(1 for c in server.calls if c.method != "getUpdates")
        await asyncio.sleep(seconds)
        if sum(1 for c in server.calls if c.method != "getUpdates") == busy:
            return


async def run_bot(
    kind: str, waves: list[Wave], users: int, questions: Sequence[Question] = ()
) -> tuple[Outcome, list[Wave]]:
    """Start the ``kind`` bot ("bare" or "product") in a child process against a fresh fake Bot API,
    feed it the waves, and return what handling them cost the child, and the waves as sent.

    With ``questions``, each answer is made for the question the bot last sent to that user.
    """
    server = FakeTelegramServer()
    await server.start()
    workdir = Path(tempfile.mkdtemp(prefix=f"telegram_load_{kind}_"))
    log_path = workdir / "bot.log"
    people = [FakeTelegramServer.user(5_000_000 + n, f"User{n}") for n in range(users)]
    chats = [FakeTelegramServer.private_chat(p) for p in people]
    with log_path.open("wb") as log:
        child = await asyncio.create_subprocess_exec(
            *_child_command(kind, server.base_url),
            cwd=REPO if kind == "bare" else workdir,
            env=_child_env(kind, server.base_url, workdir),
            stdout=log,
            stderr=log,
        )
    try:
        await _ready(server, child, log_path)
        await _quiet(server, SETTLE_S)
        cpu_before, wall_before = process_cpu_s(child.pid), time.perf_counter()
        calls_before = len(server.calls)
        sent_waves = []
        for wave in waves:
            if questions:
                wave = [(user, _answer_to_last(server, chats[user], text, questions)) for user, text in wave]
            replied = dict(server.per_chat)
            for user, text in wave:
                server.push_text(chats[user], people[user], text)
            sent_waves.append(wave)
            await _answered(server, [chats[user] for user, _ in wave], replied, child, log_path)
            await _quiet(server, WAVE_QUIET_S)
        await _quiet(server, SETTLE_S)
        cpu_after, wall_after = process_cpu_s(child.pid), time.perf_counter() - SETTLE_S
        sent = len(server.requests("sendMessage"))
        calls = dict(Counter(call.method for call in server.calls[calls_before:]))
    finally:
        await _stop(child)
        await server.close()
    updates = sum(len(wave) for wave in waves)
    return Outcome(cpu_after - cpu_before, wall_after - wall_before, updates, sent, calls), sent_waves


def _answer_to_last(
    server: FakeTelegramServer,
    chat: dict,  # type: ignore[type-arg]
    text: str,
    questions: Sequence[Question],
) -> str:
    """``text``, or for an answer, a plausible answer to the last message the bot sent to ``chat``."""
    if text == QUIZ:
        return text
    sent = server.requests("sendMessage", chat_id=chat["id"])
    asked = sent[-1]["result"]["text"] if sent else ""
    return plausible_answer(questions, asked, text)


async def _ready(server: FakeTelegramServer, child: asyncio.subprocess.Process, log_path: Path) -> None:
    deadline = time.monotonic() + WAVE_TIMEOUT_S
    while not any(c.method == "getUpdates" for c in server.calls):
        _check_alive(child, log_path, deadline)
        await asyncio.sleep(0.05)


async def _answered(
    server: FakeTelegramServer,
    chats: list[dict],  # type: ignore[type-arg]
    replied: dict[str, int],
    child: asyncio.subprocess.Process,
    log_path: Path,
) -> None:
    """Wait until each of ``chats`` has had a reply since ``replied`` (replies per chat before the wave)."""
    deadline = time.monotonic() + WAVE_TIMEOUT_S
    while True:
        per_chat = server.per_chat
        if all(per_chat[str(chat["id"])] > replied.get(str(chat["id"]), 0) for chat in chats):
            return
        _check_alive(child, log_path, deadline)
        await asyncio.sleep(0.02)


def _check_alive(child: asyncio.subprocess.Process, log_path: Path, deadline: float) -> None:
    if child.returncode is not None or time.monotonic() > deadline:
        tail = log_path.read_text(errors="replace")[-3000:]
        state = f"exited with {child.returncode}" if child.returncode is not None else "timed out"
        raise RuntimeError(f"the bot {state}; the end of its log ({log_path}):\n{tail}")


async def _stop(child: asyncio.subprocess.Process) -> None:
    if child.returncode is not None:
        return
    child.send_signal(signal.SIGTERM)
    try:
        await asyncio.wait_for(child.wait(), CHILD_STOP_S)
    except TimeoutError:
        child.kill()
        await child.wait()


def per_update(outcome: Outcome) -> str:
    """The Bot API calls the bot made per update while measured, by method (most frequent first)."""
    ranked = sorted(outcome.calls.items(), key=lambda item: -item[1])
    return " ".join(f"{method}={count / outcome.updates:.2f}" for method, count in ranked)


async def main(args: argparse.Namespace) -> None:
    """Run both bots ``--runs`` times, print each run and the medians, then the machine-readable line."""
    print(
        f"python {platform.python_version()} on {platform.machine()} ({os.cpu_count()} CPUs); "
        f"{args.updates} updates from {args.users} users, {args.runs} run(s)"
    )
    print(
        f"{'run':>4} {'bot':<8} {'cpu ms/update':>14} {'cpu s':>7} {'wall s':>7} {'sent':>5}   "
        "API calls per update"
    )
    questions = list(load_bank().questions())
    results: dict[str, list[Outcome]] = {"bare": [], "product": []}
    for run in range(1, args.runs + 1):
        waves = script(args.updates, args.users)
        product, sent_waves = await run_bot("product", waves, args.users, questions)
        bare, _ = await run_bot("bare", sent_waves, args.users)
        unknown = sum(text in ANSWERS for wave in sent_waves for _, text in wave)
        if unknown:
            print(f"  note: {unknown} answer(s) fell back to a fixed paragraph (question not recognised)")
        for kind, outcome in (("product", product), ("bare", bare)):
            results[kind].append(outcome)
            print(
                f"{run:>4} {kind:<8} {outcome.cpu_ms_per_update:>14.2f} {outcome.cpu_s:>7.2f} "
                f"{outcome.wall_s:>7.1f} {outcome.sent:>5}   {per_update(outcome)}"
            )
    bare = statistics.median(o.cpu_ms_per_update for o in results["bare"])
    product = statistics.median(o.cpu_ms_per_update for o in results["product"])
    ratio = product / bare if bare else float("inf")
    print(f"median: bare {bare:.2f} ms CPU per update, product {product:.2f} ms, ratio {ratio:.2f}")
    print(
        f"telegram_load: updates={args.updates} product_cpu_ms={product:.2f} "
        f"bare_cpu_ms={bare:.2f} ratio={ratio:.2f}"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=600, help="updates in all (default 600)")
    parser.add_argument("--users", type=int, default=50, help="users sending them (default 50)")
    parser.add_argument("--runs", type=int, default=3, help="runs; the median is printed (default 3)")
    asyncio.run(main(parser.parse_args()))
