"""Loading a pack written inline in a test, as the bot loads packs, and what an answer states of it."""

from __future__ import annotations

from pathlib import Path

from bot.grading import grade
from bot.model.questions import Question
from content.loader import load_packs


def load_pack_text(directory: Path, text: str, name: str = "pack.yaml") -> dict[str, Question]:
    """The questions of the pack ``text`` (written to ``directory/name``), by id; it must load cleanly."""
    path = directory / name
    path.write_text(text, encoding="utf-8")
    result = load_packs([path])
    assert [str(p) for p in result.problems] == []
    return {q.id: q for q in result.questions}


def stated(question: Question, answer: str) -> set[str]:
    """The key points an answer states."""
    return set(grade(question, answer).matched)
