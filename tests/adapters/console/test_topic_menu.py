"""The terminal's topic menu with many topics, in a pseudo-terminal: ``/topics`` numbers the topics,
typing a number practises that topic, and ``/quiz <topic> [easy|medium|hard]`` picks the difficulty.

The many-topics test pack comes in through ``CONTENT_DIRS`` (a ``.env`` file in the working directory);
the shipped packs load too, so the tests read the numbers from the menu rather than assume them.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.support.many_topics import MANY_TOPICS, many_topics_bank


def test_topics_is_a_numbered_menu_and_a_number_practises_that_topic(terminal, tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(f"CONTENT_DIRS={MANY_TOPICS}\n", encoding="utf-8")
    session = terminal("--question", "jwt")
    session.wait_prompt()
    session.type_line("/topics")
    menu = session.wait_prompt()
    assert "Type a number to practise that topic" in menu and re.search(r"\b0  any topic", menu)
    numbers = {name: int(number) for number, name in re.findall(r"(\d+)  (fx-[a-z0-9-]+) – ", menu)}
    assert set(numbers) == {topic.name for topic in many_topics_bank().topics()}
    assert numbers["fx-caching"] == numbers["fx-networking"] + 3  # in the pack's order
    session.type_line(str(numbers["fx-caching"]))
    picked = session.wait_prompt()
    assert "fx-caching · " in picked and "In caching, what does the" in picked
    session.type_line("7")  # the menu answered only the line right after it: this is an answer now
    assert "Question: fx-caching-" in session.wait_prompt()
    session.type_line("/quit")
    session.finish()


def test_quiz_with_a_difficulty_in_the_terminal(terminal, tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(f"CONTENT_DIRS={MANY_TOPICS}\n", encoding="utf-8")
    session = terminal("--question", "jwt")
    session.wait_prompt()
    session.type_line("/quiz fx-caching hard")
    assert "fx-caching · hard" in session.wait_prompt()
    session.type_line("/quiz fx-delivery hard")
    refused = session.wait_prompt()
    assert "There are no hard questions in fx-delivery yet." in refused
    assert "There are easy and medium ones: try /quiz fx-delivery" in refused
    session.type_line("/quit")
    session.finish()
