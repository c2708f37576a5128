"""``interview-bot interview`` fed through a pipe: one line is one answer, the times, the scorecard,
/skip, /interview stop, /quiz refused, leaving and coming back, and bad options."""

from __future__ import annotations

import re

from content import load_bank

SECURITY = {question.id for question in load_bank().questions("security")}


def asked_ids(out: str) -> list[str]:
    """The question ids the scorecard lists, in order."""
    return re.findall(r"^\d+\. ([a-z0-9-]+) \(", out, re.M)


def test_a_piped_three_question_interview_ends_with_its_scorecard(run_cli) -> None:
    answers = "Authentication checks who you are.\nI am not sure.\n/skip\n"
    result = run_cli("interview", "--topic", "security", "--questions", "3", stdin=answers)
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "🎤 Mock interview: 3 security questions" in out
    for number in (1, 2, 3):
        assert f"Question {number} of 3 · security" in out
    assert re.search(r"Question 1 of 3 answered in \d+ s\.", out)
    assert re.search(r"Question 2 of 3 answered in \d+ s\.", out)
    assert re.search(r"Question 3 of 3 skipped after \d+ s\.", out)
    assert "Model answer" not in out and "Key points you missed" not in out, "no grades during"
    assert "📋 Mock interview scorecard – " in out
    assert re.search(r"2 of 3 answered, 1 skipped, \d+ s in all\.", out)
    ids = asked_ids(out)
    assert len(ids) == 3 and set(ids) <= SECURITY
    assert "✗ missed: " in out and "⏭ skipped" in out
    assert "Review next:" in out and f"/quiz {ids[2]}" in out
    assert "paused" not in out


def test_each_line_is_one_answer_even_two_short_ones(run_cli) -> None:
    result = run_cli("interview", "-n", "2", stdin="first line\nsecond line\n")
    assert result.returncode == 0
    assert "Question 1 of 2 answered" in result.stdout and "Question 2 of 2 answered" in result.stdout
    assert "2 of 2 answered, 0 skipped" in result.stdout


def test_the_interview_is_paused_at_the_end_of_input_and_goes_on_next_time(run_cli) -> None:
    first = run_cli("interview", "-n", "3", stdin="an answer\n")
    assert first.returncode == 0
    assert "Question 2 of 3 ·" in first.stdout and "The interview is paused" in first.stdout
    second = run_cli("interview", stdin="another answer\nlast answer\n")
    assert "You are in a mock interview: question 2 of 3." in second.stdout
    assert "3 of 3 answered, 0 skipped" in second.stdout
    stats = run_cli("stats", "--plain")
    assert "3 answers · " in stats.stdout, "interview answers count in the progress"


def test_stop_ends_early_and_quiz_is_refused_meanwhile(run_cli) -> None:
    result = run_cli("interview", "-n", "4", stdin="an answer\n/quiz\n/hint\n/interview stop\n")
    out = result.stdout
    assert result.returncode == 0
    assert "A mock interview is running (question 2 of 4)." in out
    assert "No hints in a mock interview." in out
    assert "Stopped early. 1 of 4 answered, 0 skipped" in out
    assert re.search(r"^2\. [a-z0-9-]+ \([a-z-]+\) – not answered", out, re.M)
    again = run_cli("interview", "--dry-run", "-n", "1", stdin="x\n")
    assert "You are in a mock interview" not in again.stdout


def test_bad_options_are_refused_clearly(run_cli) -> None:
    too_many = run_cli("interview", "-n", "11")
    assert too_many.returncode == 2 and "--questions" in too_many.stderr
    unknown = run_cli("interview", "--topic", "cooking")
    assert unknown.returncode == 2 and "There is no topic “cooking”." in unknown.stdout
