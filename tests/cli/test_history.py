"""``interview-bot stats --chart`` and ``interview-bot history [--json]`` run as child processes on SQLite,
after a practice session through a pipe."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from tests.adapters.charts.test_progress_chart import png_size

FIELDS = {"question", "at", "mode", "verdict", "score", "matched", "missed", "follow_up", "appealed"}
ANSWERS = (
    "Authentication verifies who you are; authorization decides what you may do.\n"
    "/skip\n/skip\n"
    "An index speeds up lookups and slows down writes.\n/skip\n/quit\n"
)


def test_stats_chart_writes_a_png_and_history_lists_each_answer(run_cli, tmp_path) -> None:
    practised = run_cli("practice", "--question", "authn-vs-authz", stdin=ANSWERS)
    assert practised.returncode == 0, practised.stderr

    chart = tmp_path / "out" / "progress.png"
    result = run_cli("stats", "--plain", "--chart", str(chart))
    assert result.returncode == 0, result.stderr
    assert "answers · " in result.stdout
    assert f"Chart saved to {chart}" in result.stdout
    assert png_size(chart.read_bytes()) == (1000, 750)

    lines = run_cli("history", "--json")
    assert lines.returncode == 0, lines.stderr
    attempts = [json.loads(line) for line in lines.stdout.splitlines()]
    assert attempts and all(set(a) == FIELDS for a in attempts)
    assert attempts[0]["question"] == "authn-vs-authz"
    assert all(a["mode"] == "practice" for a in attempts)
    assert all(isinstance(a["follow_up"]["asked"], bool) for a in attempts)
    assert [a["at"] for a in attempts] == sorted(a["at"] for a in attempts)

    table = run_cli("history")
    assert table.returncode == 0, table.stderr
    assert "Question" in table.stdout and "authn-vs-authz" in table.stdout
    assert table.stdout.count("practice") == len(attempts)


def test_with_no_answers_there_is_no_chart_and_a_clear_line(run_cli, tmp_path) -> None:
    chart = tmp_path / "progress.png"
    result = run_cli("stats", "--plain", "--chart", str(chart))
    assert result.returncode == 1
    assert "No answers yet." in result.stdout
    assert "No chart written" in result.stderr
    assert not chart.exists()
    empty = run_cli("history", "--json")
    assert empty.returncode == 0 and empty.stdout == ""
    assert "No answers yet" in run_cli("history").stdout


def test_stats_without_chart_draws_nothing(run_cli, tmp_path) -> None:
    run_cli("practice", "--question", "authn-vs-authz", stdin=ANSWERS)
    result = run_cli("stats", "--plain")
    assert result.returncode == 0 and "Chart saved" not in result.stdout


def test_stats_inside_a_piped_practice_session_saves_the_chart_and_prints_its_path(tmp_path) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
        "TMPDIR": str(tmp_path / "tmp"),
        "COLUMNS": "200",
    }
    env.pop("CONTENT_DIRS", None)
    (tmp_path / "tmp").mkdir()
    script = (
        "Authentication verifies who you are; authorization decides what you may do.\n/skip\n/stats\n/quit\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "interview_bot", "practice", "--question", "authn-vs-authz"],
        input=script,
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    saved = re.search(r"📎 Chart saved to (\S+\.png)", result.stdout)
    assert saved, result.stdout[-2000:]
    path = Path(saved.group(1))
    assert path.parent == tmp_path / "tmp" / "interview-bot-files"
    assert png_size(path.read_bytes()) == (1000, 750)
