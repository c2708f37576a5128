"""A follow-up in the real line editor (pseudo-terminal): asked after the grade, answered by the next line."""

from __future__ import annotations

PARTIAL = "Indexes make queries faster because the database doesn't have to scan the whole table."


def test_a_follow_up_is_asked_after_the_grade_and_the_next_line_answers_it(terminal) -> None:
    session = terminal("--question", "db-indexing")
    assert "What is database indexing" in session.wait_prompt()
    session.type_line(PARTIAL)
    graded = session.wait_prompt()
    assert "Partly right – 33%" in graded
    assert "🔁 Follow-up" in graded and "You didn't say what an index is." in graded
    assert graded.index("Partly right") < graded.index("🔁 Follow-up")
    assert "What is database indexing" not in graded.split("🔁 Follow-up")[1], "no new question yet"
    session.type_line("It builds a B-tree on the column that points to the rows.")
    followed = session.wait_prompt()
    assert "recovered 1 of 2" in followed
    assert "Your score stays 33%" in " ".join(followed.split())
    session.type_line("/quit")
    out = session.finish()
    assert "Practised 1 answer(s) this session (1 partly right)." in out
    assert session.child.exitstatus == 0


def test_skip_on_a_follow_up_moves_on(terminal) -> None:
    session = terminal("--question", "db-indexing")
    session.wait_prompt()
    session.type_line(PARTIAL)
    session.wait_prompt()
    session.type_line("/skip")
    skipped = session.wait_prompt()
    assert "Follow-up skipped." in skipped and "Your grade stays 33%." in skipped
    assert "Answer below" in skipped, "the next question is shown"
