"""Follow-ups in the terminal through a pipe: the line after a partial answer answers the follow-up."""

from __future__ import annotations

PARTIAL = "Indexes make queries faster because the database doesn't have to scan the whole table.\n"


def test_the_next_piped_line_answers_the_follow_up_and_recovers_a_point(run_cli) -> None:
    stdin = PARTIAL + "It builds a B-tree on the column that points to the rows.\n/quit\n"
    result = run_cli("practice", "--question", "db-indexing", stdin=stdin)
    out = result.stdout
    assert result.returncode == 0, result.stderr
    asked = out.index("🔁 Follow-up\n")
    assert "🟡 Partly right – 33%" in out[:asked]
    assert "You didn't say what an index is." in out[asked:]
    recovered = out.index("🔁 Follow-up: recovered 1 of 2")
    assert "+ An index is an extra lookup structure" in out[recovered:]
    assert "Your score stays 33% (the first answer's)" in out[recovered:]
    assert out.index("What is database indexing") < asked < recovered
    assert "Practised 1 answer(s) this session (1 partly right)." in out  # the follow-up is not an answer
    history = run_cli("stats", "--plain").stdout
    assert "1 answers · " in history


def test_skip_leaves_the_follow_up_and_the_next_question_follows(run_cli) -> None:
    result = run_cli("practice", "--question", "db-indexing", stdin=PARTIAL + "/skip\n/quit\n")
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "Follow-up skipped.\nYour grade stays 33%." in out
    assert out.count("(answer below, or /hint") == 2, "a new question follows the skipped follow-up"
    assert "🔁 Follow-up:" not in out
    assert "Practised 1 answer(s) this session (1 partly right)." in out


def test_a_correct_answer_gets_no_follow_up_and_the_next_question_comes_at_once(run_cli) -> None:
    answer = (
        "An index is an extra B-tree structure on columns pointing to the rows, so reads avoid full table "
        "scans; the cost is slower writes since the index is maintained on every insert, and extra storage.\n"
    )
    out = run_cli("practice", "--question", "db-indexing", stdin=answer + "/quit\n").stdout
    assert "✅ Correct" in out and "🔁 Follow-up" not in out
    assert out.count("(answer below, or /hint") == 2
