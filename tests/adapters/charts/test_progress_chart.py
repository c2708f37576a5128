"""The progress chart is a real PNG image of the promised size, drawn off the event loop."""

from __future__ import annotations

import asyncio
import io
import threading
from datetime import date, timedelta

import numpy as np
from matplotlib.image import imread

from adapters.charts import ProgressCharts
from adapters.charts import renderer as renderer_module
from adapters.charts.progress import DPI, HEIGHT, WIDTH, draw_progress
from bot.model.history import ProgressChart, TopicRecall, TopicScores

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
TODAY = date(2026, 3, 4)
FIRST = date(2025, 12, 15)


def a_chart(**changes: object) -> ProgressChart:
    """A chart of a realistic history: four topics, twelve weeks, answers on most days."""
    weeks = [FIRST + timedelta(weeks=w) for w in range(12)]
    scores = tuple(
        TopicScores(topic, tuple((week, min(1.0, 0.3 + 0.05 * i + 0.1 * t)) for i, week in enumerate(weeks)))
        for t, topic in enumerate(("core", "databases", "security", "system-design"))
    )
    days = tuple((FIRST + timedelta(days=d), 1 + d % 6) for d in range((TODAY - FIRST).days + 1) if d % 4)
    values: dict[str, object] = {
        "title": "Alice's progress",
        "first_day": FIRST,
        "last_day": TODAY,
        "scores": scores,
        "recall": (TopicRecall("core", 4, 6), TopicRecall("databases", 3, 3), TopicRecall("security", 0, 2)),
        "reviewed": 40,
        "recalled": 29,
        "days": days,
        "streak": 3,
        "best": 11,
    }
    return ProgressChart(**(values | changes))  # type: ignore[arg-type]


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk (the standard library is enough)."""
    assert data[:8] == PNG_SIGNATURE, "not a PNG"
    assert data[12:16] == b"IHDR"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_the_chart_is_a_png_of_the_promised_size() -> None:
    data = draw_progress(a_chart())
    assert png_size(data) == (int(WIDTH * DPI), int(HEIGHT * DPI))
    pixels = imread(io.BytesIO(data), format="png")
    assert pixels.shape[:2] == (int(HEIGHT * DPI), int(WIDTH * DPI))
    assert np.unique(pixels.reshape(-1, pixels.shape[2]), axis=0).shape[0] > 50, "something is drawn"


def test_an_empty_window_and_text_that_looks_like_mathtext_still_draw() -> None:
    chart = a_chart(title="$\\frac{1}{0}$ Bob ^_^ " + "x" * 200, scores=(), days=(), recall=(), reviewed=0)
    assert png_size(draw_progress(chart)) == (int(WIDTH * DPI), int(HEIGHT * DPI))
    odd_topic = a_chart(scores=(TopicScores("$$ costs", ((FIRST, 0.5),)),), recall=(TopicRecall("$x", 1, 1),))
    assert draw_progress(odd_topic)[:8] == PNG_SIGNATURE


async def test_the_renderer_draws_in_its_own_thread(monkeypatch) -> None:
    threads: list[str] = []
    real = renderer_module._draw

    def spy(chart: ProgressChart) -> bytes:
        threads.append(threading.current_thread().name)
        return real(chart)

    monkeypatch.setattr(renderer_module, "_draw", spy)
    charts = ProgressCharts()
    try:
        first, second = await asyncio.gather(charts.progress_png(a_chart()), charts.progress_png(a_chart()))
    finally:
        charts.close()
    assert first[:8] == second[:8] == PNG_SIGNATURE
    assert threads and all(name.startswith("charts") for name in threads)
    assert threading.current_thread().name not in threads
