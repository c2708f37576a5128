"""The real terminal adapter (prompt_toolkit) in a pseudo-terminal, as a person types and pastes."""

from __future__ import annotations

import time

NORMALIZATION = (
    "Normalization splits tables to remove redundancy.\n"
    "Denormalization duplicates data so that reads are faster."
)
FILLER = "Let me walk through my reasoning step by step before I give the answer. "


def test_a_pasted_two_line_answer_is_one_correct_answer(terminal) -> None:
    session = terminal("--question", "normalization")
    assert "What are normalization and denormalization?" in session.wait_prompt()
    session.paste(NORMALIZATION)
    graded = session.wait_prompt()
    assert "✅ Correct" in graded and "Question: normalization" in graded
    assert graded.count("Question: ") == 1, "the second line is not a second answer"
    session.type_line("/quit")
    out = session.finish()
    assert "Practised 1 answer(s) this session (1 correct)." in out
    assert session.child.exitstatus == 0


def test_esc_enter_adds_a_line_and_enter_sends(terminal) -> None:
    session = terminal("--question", "normalization")
    session.wait_prompt()
    first, second = NORMALIZATION.split("\n")
    session.child.send(first + "\x1b\r" + second + "\r")
    graded = session.wait_prompt()
    assert "✅ Correct" in graded and graded.count("Question: ") == 1


def test_a_4500_character_answer_is_read_whole(terminal) -> None:
    substance = " " + NORMALIZATION.replace("\n", " ")
    answer = (FILLER * 80)[: 4500 - len(substance)] + substance
    assert len(answer) == 4500
    session = terminal("--question", "normalization")
    session.wait_prompt()
    session.paste(answer)
    assert "✅ Correct" in session.wait_prompt(), "the end of a long answer is not cut off"


def test_a_5500_character_answer_is_refused_with_its_length(terminal) -> None:
    session = terminal("--question", "normalization")
    session.wait_prompt()
    session.paste((FILLER * 80)[:5500])
    refused = session.wait_prompt()
    assert "Your answer is 5,500 characters" in refused
    assert "Question: " not in refused, "nothing was graded"


def test_ctrl_c_leaves_at_once_with_the_summary(terminal) -> None:
    session = terminal("--question", "normalization")
    session.wait_prompt()
    session.paste(NORMALIZATION)
    session.wait_prompt()
    pressed = time.monotonic()
    session.child.sendcontrol("c")
    session.child.expect("Practised 1 answer", timeout=1)
    assert time.monotonic() - pressed < 1
    session.finish(timeout=5)
    assert session.child.exitstatus == 130


def test_ctrl_d_on_an_empty_line_says_goodbye_on_its_own_line(terminal) -> None:
    session = terminal("--question", "jwt")
    session.wait_prompt()
    session.child.sendcontrol("d")
    out = session.finish()
    assert "\nPractised 0 answer(s) this session." in out.replace("\r", "")
    assert session.child.exitstatus == 0


def test_two_sessions_on_one_database_keep_their_own_questions(terminal) -> None:
    first = terminal("--question", "normalization")
    first.wait_prompt()
    second = terminal("--question", "authn-vs-authz")
    assert "authentication" in second.wait_prompt().lower()
    first.paste(NORMALIZATION)
    graded = first.wait_prompt()
    assert "Question: normalization" in graded and "✅ Correct" in graded
    second.paste("Authentication verifies who you are; authorization decides what you are allowed to do.")
    graded = second.wait_prompt()
    assert "Question: authn-vs-authz" in graded and "✅ Correct" in graded


def test_up_brings_back_an_earlier_answer_of_the_session(terminal) -> None:
    session = terminal("--question", "normalization")
    session.wait_prompt()
    session.type_line("Normalization removes redundancy.")
    session.wait_prompt()
    session.child.send("\x1b[A")
    session.child.expect("Normalization removes redundancy", timeout=10)
    session.child.send("\r")
    assert "Question: " in session.wait_prompt(), "the recalled answer is sent like a typed one"
