"""``interview-bot practice --difficulty`` and ``/topics`` from a pipe, over the many-topics test pack:
a topic's questions of one difficulty, a clear refusal when it has none, and a numbered topic menu
answered by a number."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from tests.support.many_topics import MANY_TOPICS

RunCli = Callable[..., CompletedProcess[str]]


@pytest.fixture(autouse=True)
def many_topics(tmp_path: Path) -> None:
    """The many-topics test pack as a content directory (``.env`` in the working directory)."""
    (tmp_path / ".env").write_text(f"CONTENT_DIRS={MANY_TOPICS}\n", encoding="utf-8")


def test_practice_asks_only_the_difficulty_given(run_cli: RunCli) -> None:
    reveal = "/answer\n"  # the model answer, then the next question follows at once
    result = run_cli("practice", "--topic", "fx-caching", "--difficulty", "hard", stdin=reveal + "/quit\n")
    assert result.returncode == 0, result.stderr
    asked = [line for line in result.stdout.splitlines() if line.startswith("fx-caching · ")]
    assert asked == ["fx-caching · hard", "fx-caching · hard"]


def test_practice_refuses_a_difficulty_the_topic_has_none_of(run_cli: RunCli) -> None:
    result = run_cli("practice", "--topic", "fx-delivery", "-d", "hard", stdin="")
    assert result.returncode == 2
    assert "There are no hard questions in fx-delivery yet." in result.stdout
    assert "There are easy and medium ones: try /quiz fx-delivery easy." in result.stdout
    bad = run_cli("practice", "--difficulty", "expert", stdin="")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_topics_from_a_pipe_is_a_numbered_menu(run_cli: RunCli) -> None:
    listed = run_cli("practice", "--question", "fx-caching-latency", stdin="/topics\n/quit\n")
    number = re.search(r"^\s*(\d+)  fx-db-depth – Databases in depth \(15 questions\)$", listed.stdout, re.M)
    assert number is not None and re.search(r"^\s*0  any topic$", listed.stdout, re.M), listed.stdout
    result = run_cli("practice", "--question", "fx-caching-latency", stdin=f"/topics\n{number[1]}\n/quit\n")
    assert result.returncode == 0, result.stderr
    after_menu = result.stdout.split("any topic", 1)[1]
    assert "\nfx-db-depth · " in after_menu
