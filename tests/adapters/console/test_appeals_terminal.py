"""``/disagree [why]`` in the real line editor (pseudo-terminal): it appeals the grade just shown, even
while a follow-up waits, and a second ``/disagree`` updates the reason of the same appeal."""

from __future__ import annotations


def flat(text: str) -> str:
    """The panel's text as one line: borders dropped, wrapped lines joined."""
    return " ".join(text.replace("│", " ").split())


PARTIAL = "Indexes make queries faster because the database doesn't have to scan the whole table."


def test_disagree_records_the_appeal_of_the_grade_above_and_updates_its_reason(terminal) -> None:
    session = terminal("--question", "db-indexing")
    session.wait_prompt()
    session.type_line(PARTIAL)
    assert "Partly right – 33%" in session.wait_prompt()
    session.type_line("/disagree")
    recorded = flat(session.wait_prompt())
    assert "Thanks — recorded for the pack's authors." in recorded
    assert (
        "Appeal #1: your answer to db-indexing was graded partly right (33%); you say it is correct."
        in recorded
    )
    assert "Add why with /disagree <why>." in recorded
    session.type_line("/disagree faster lookups is what an index is for")
    updated = flat(session.wait_prompt())
    assert "Appeal #1" in updated and "Reason updated: faster lookups is what an index is for" in updated
    session.type_line("/quit")
    session.finish()
    assert session.child.exitstatus == 0
