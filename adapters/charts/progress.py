"""The progress picture: scores over time per topic, retention per topic, and a streak calendar.

Drawn with matplotlib's object API on an Agg canvas (no pyplot, no global figure state), so charts
can be drawn in several threads at once.  Text that comes from people (a display name) is never
read as mathtext.
"""

from __future__ import annotations

import io
from datetime import date, timedelta

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import ListedColormap
from matplotlib.dates import DateFormatter
from matplotlib.figure import Figure

from bot.model.history import ProgressChart

WIDTH, HEIGHT, DPI = 10.0, 7.5, 100
CALENDAR_COLOURS = ListedColormap(["#ebedf0", "#9be9a8", "#40c463", "#30a14e", "#216e39"])
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
TITLE_LIMIT = 60
MIN_BAR_ROWS = 5


def _plain(text: str) -> str:
    """Text shown as it is: a ``$`` would otherwise start matplotlib's mathtext."""
    return text.replace("$", r"\$")


def draw_progress(chart: ProgressChart) -> bytes:
    """The chart as a PNG image."""
    figure = Figure(figsize=(WIDTH, HEIGHT), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    grid = figure.add_gridspec(2, 2, height_ratios=(1.1, 1), width_ratios=(1, 1.15))
    title = chart.title if len(chart.title) <= TITLE_LIMIT else chart.title[: TITLE_LIMIT - 1] + "…"
    figure.suptitle(title, fontsize=15, fontweight="bold", parse_math=False)
    _scores(figure.add_subplot(grid[0, :]), chart)
    _recall(figure.add_subplot(grid[1, 0]), chart)
    _calendar(figure.add_subplot(grid[1, 1]), chart)
    out = io.BytesIO()
    figure.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()


def _scores(ax: Axes, chart: ProgressChart) -> None:
    """Average score per week, a line per topic."""
    ax.set_title("Average score per week, by topic", loc="left")
    ax.set_ylim(-5, 105)
    ax.set_xlim(chart.first_day - timedelta(days=3), chart.last_day + timedelta(days=3))
    ax.set_ylabel("score %")
    ax.grid(alpha=0.3)
    if not chart.scores:
        empty = "No graded answers in these weeks"
        ax.text(0.5, 0.5, empty, ha="center", va="center", transform=ax.transAxes)
        return
    for series in chart.scores:
        weeks = [week for week, _ in series.weeks]
        values = [score * 100 for _, score in series.weeks]
        ax.plot(weeks, values, marker="o", linewidth=2, label=_plain(series.topic))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    ax.xaxis.set_major_formatter(DateFormatter("%d %b"))


def _recall(ax: Axes, chart: ProgressChart) -> None:
    """Per topic, the share of the questions met whose last answer was remembered."""
    if chart.reviewed:
        heading = f"Retention: {round(100 * chart.recalled / chart.reviewed)}% of {chart.reviewed} reviews"
    else:
        heading = "Retention: no repeat answers yet"
    ax.set_title(heading, loc="left")
    ax.set_xlim(0, 100)
    ax.set_xlabel("questions remembered at the last answer, %")
    if not chart.recall:
        return
    topics = [_plain(r.topic) for r in chart.recall]
    shares = [100 * r.remembered / r.met if r.met else 0 for r in chart.recall]
    positions = np.arange(len(topics))
    ax.barh(positions, shares, color="#4c78a8")
    ax.set_yticks(positions, labels=topics)
    ax.set_ylim(max(len(topics), MIN_BAR_ROWS) - 0.5, -0.5)  # top to bottom; few topics keep thin bars
    for position, recall in zip(positions, chart.recall, strict=True):
        ax.text(1, position, f"{recall.remembered}/{recall.met}", va="center", color="white", fontsize=8)


def _calendar(ax: Axes, chart: ProgressChart) -> None:
    """A week per column, a weekday per row: how many graded answers each day had."""
    start = chart.first_day - timedelta(days=chart.first_day.weekday())
    weeks = (chart.last_day - start).days // 7 + 1
    counts = np.zeros((7, weeks))
    for day, answers in chart.days:
        offset = (day - start).days
        counts[offset % 7, offset // 7] = answers
    levels = np.digitize(counts, [1, 2, 4, 7]).astype(float)
    future = np.zeros((7, weeks), dtype=bool)
    for index in range((chart.last_day - start).days + 1, weeks * 7):
        future[index % 7, index // 7] = True
    ax.imshow(np.ma.masked_array(levels, future), cmap=CALENDAR_COLOURS, vmin=0, vmax=4, aspect="equal")
    ax.set_title(f"Days answered · streak {chart.streak} · best {chart.best}", loc="left")
    ax.set_yticks(range(7), labels=WEEKDAYS, fontsize=8)
    ax.set_xticks(range(0, weeks, 2), labels=[_short(start + timedelta(weeks=w)) for w in range(0, weeks, 2)])
    ax.tick_params(axis="x", labelsize=8)
    ax.set_xticks(np.arange(-0.5, weeks, 1), minor=True)
    ax.set_yticks(np.arange(-0.5, 7, 1), minor=True)
    ax.grid(which="minor", color="white", linewidth=2)
    ax.tick_params(which="minor", length=0)
    for side in ax.spines.values():
        side.set_visible(False)


def _short(day: date) -> str:
    return f"{day:%d %b}"
