"""Per-answer latency of the engine: quiz, then answer, N times; and how commands grow with history.

Usage: python -m benchmarks.engine_latency [--answers 1000] [--history 10000] [--database-url URL]
Uses the shipped packs, the real grader (its patterns compiled first, as the bots do when they start)
and a fresh SQLite file (or the given database).  With
``--history`` it also measures ``benchmarks.engine_growth``.  The last line is
``engine: db=... answer_p50_ms=... answer_p99_ms=... quiz_p99_ms=... growth_quiz=... growth_stats=...
growth_leaderboard=...``.
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.engine_growth import growth
from bot import grading
from bot.clock import SystemClock
from bot.engine import Engine
from bot.flows.answer_limit import AnswerLimit
from bot.model.messages import Chat, Incoming, Sender
from content import load_bank
from storage import open_database


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of the sorted values lie."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def run(answers: int, database_url: str, history: int = 0) -> dict[str, float]:
    """Ask and answer ``answers`` questions across 20 users; return latency figures in milliseconds."""
    bank = load_bank()
    clock = SystemClock()
    database = await open_database(database_url, clock=clock)
    store = database.store
    # The benchmark answers far faster than a person may: lift the per-user limit.
    limit = AnswerLimit(per_window=1_000_000)
    engine = Engine(bank, store, clock, grader=grading.grade, nudger=grading.nudge, answer_limit=limit)
    engine.prepare()  # as the bots do before their first update
    questions = bank.questions()
    ask_ms: list[float] = []
    answer_ms: list[float] = []
    try:
        for i in range(answers):
            sender = Sender("bench", f"user-{i % 20}", f"User {i % 20}")
            chat = Chat("bench", f"dm-{i % 20}", is_private=True)
            start = time.perf_counter()
            await engine.handle(Incoming.for_command(sender, chat, "quiz"))
            ask_ms.append((time.perf_counter() - start) * 1000)
            pending = await store.find_open_question(chat.chat_id, for_user_id=(await _uid(store, sender)))
            question = bank.get(pending.question_id) if pending else questions[0]
            text = question.model_answer if i % 2 == 0 else question.model_answer.split(".")[0]
            start = time.perf_counter()
            await engine.handle(Incoming.for_text(sender, chat, text))
            answer_ms.append((time.perf_counter() - start) * 1000)
        grown = await growth(engine, history) if history else {}
    finally:
        await database.close()
    return {
        "answer_p50_ms": statistics.median(answer_ms),
        "answer_p99_ms": percentile(answer_ms, 0.99),
        "quiz_p50_ms": statistics.median(ask_ms),
        "quiz_p99_ms": percentile(ask_ms, 0.99),
        **grown,
    }


async def _uid(store, sender: Sender) -> int:
    return (await store.ensure_user(sender.platform, sender.user_id, sender.display_name)).id


def main() -> None:
    """Parse arguments, run the benchmark, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--answers", type=int, default=1000)
    parser.add_argument("--history", type=int, default=0, help="earlier attempts for the growth figures")
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}"
        figures = asyncio.run(run(args.answers, url, args.history))
    backend = url.split(":")[0].split("+")[0]
    print(f"machine: {platform.machine()} {platform.python_implementation()} {platform.python_version()}")
    print(f"details: answers={args.answers} history={args.history} " + _pairs(figures))
    keys = ["answer_p50_ms", "answer_p99_ms", "quiz_p99_ms"]
    if args.history:
        keys += ["growth_quiz", "growth_stats", "growth_leaderboard"]
    print(f"engine: db={backend} " + _pairs({key: figures[key] for key in keys}))


def _pairs(figures: dict[str, float]) -> str:
    return " ".join(f"{key}={value:.2f}" for key, value in figures.items())


if __name__ == "__main__":
    main()
