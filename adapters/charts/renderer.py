"""The ``ChartRenderer`` port (bot/history.py): draws charts in worker threads, off the event loop.

Drawing a chart takes a few hundred milliseconds of CPU; a small pool of its own keeps it from stalling the
event loop the platform clients share, and bounds how many are drawn at once.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from bot.model.history import ProgressChart

DEFAULT_WORKERS = 2


def _draw(chart: ProgressChart) -> bytes:
    """Draw in a worker; matplotlib is imported on the first chart, not when a command starts."""
    from adapters.charts.progress import draw_progress

    return draw_progress(chart)


class ProgressCharts:
    """Draws progress charts as PNG images in a pool of ``workers`` threads."""

    def __init__(self, workers: int = DEFAULT_WORKERS) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="charts")

    async def progress_png(self, chart: ProgressChart) -> bytes:
        """The progress chart as PNG bytes, drawn in the pool."""
        return await asyncio.get_running_loop().run_in_executor(self._pool, _draw, chart)

    def close(self) -> None:
        """Stop the pool's threads once the charts being drawn are done."""
        self._pool.shutdown(wait=True)
