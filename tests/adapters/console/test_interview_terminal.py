"""``interview-bot interview`` in a pseudo-terminal (pexpect), as a person types: the question number,
the time taken, /skip, the scorecard, and Ctrl-D pausing the interview."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.adapters.console.conftest import Terminal, terminals


@pytest.fixture
def interview(tmp_path: Path) -> Iterator[Callable[..., Terminal]]:
    """Start ``interview-bot interview ARGS`` in a 60-column pseudo-terminal on a private SQLite database."""
    yield from terminals(tmp_path, "interview")


def test_a_typed_interview_shows_numbers_and_times_then_the_scorecard(interview) -> None:
    session = interview("--topic", "databases", "--questions", "2")
    first = session.wait_prompt()
    assert "Mock interview: 2 databases questions" in first
    assert "Question 1 of 2 · databases" in first
    session.type_line("An index is a lookup structure that speeds up reads but slows writes.")
    answered = session.wait_prompt()
    assert "Question 1 of 2 answered in" in answered
    assert "Question 2 of 2 · databases" in answered
    assert "Correct" not in answered and "Model answer" not in answered
    session.type_line("/skip")
    out = session.finish()
    assert "Question 2 of 2 skipped after" in out
    assert "Mock interview scorecard" in out
    assert "1 of 2 answered, 1 skipped" in out
    assert "Review next" in out
    assert session.child.exitstatus == 0


def test_ctrl_d_pauses_and_the_next_run_goes_on(interview) -> None:
    session = interview("--questions", "2")
    session.wait_prompt()
    session.child.sendcontrol("d")
    out = session.finish()
    assert "The interview is paused" in out
    assert session.child.exitstatus == 0
    again = interview()
    resumed = again.wait_prompt()
    assert "You are in a mock interview: question 1 of 2." in resumed
    assert "Question 1 of 2 ·" in resumed
    again.type_line("/interview stop")
    stopped = again.finish()
    assert "Stopped early. 0 of 2 answered" in stopped
