"""Model answers: the bot shows each question's model answer as a good answer, so every shipped one
grades correct against its own key points, and ``content check`` reports one that does not."""

from __future__ import annotations

from pathlib import Path

from bot.grading import grade
from bot.model.grades import Verdict
from content import check_packs, load_bank
from content.check import model_answer_miss

PACK = """\
pack: fx-model
title: Model answer fixture
topics:
  fx-model: Model
questions:
  - id: fx-idem
    topic: fx-model
    difficulty: easy
    prompt: Why do payment APIs accept an idempotency key?
    model_answer: >
      So a client can retry the request safely: the server stores the key and hands back the first
      response instead of charging twice.
    hints: [Retries.]
    key_points:
      - id: fx-retry
        text: The client can retry safely.
        concepts: [[retry, retries, resend], [safe, safely]]
      - id: fx-replay
        text: The server remembers the key and replays the first result.
        concepts: [[remember*, store*, keep*], [result, response]]
    examples:
      - label: correct
        answer: Retries are safe because the server stores the key and returns the first response.
      - label: partial
        answer: you can retry safely
"""

THIN = PACK.replace("[[remember*, store*, keep*], [result, response]]", "[[replay*], [result]]").replace(
    "the server stores the key and returns the first response.", "the server replays the first result."
)
"""The same pack with a key point narrower than the model answer's own wording."""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_shipped_model_answer_grades_correct() -> None:
    questions = load_bank().questions()
    assert questions
    not_correct = {
        question.id: grade(question, question.model_answer)
        for question in questions
        if grade(question, question.model_answer).verdict is not Verdict.CORRECT
    }
    assert not_correct == {}


def test_a_model_answer_that_states_every_point_passes(tmp_path: Path) -> None:
    report, lint = check_packs([write(tmp_path, PACK)])
    assert lint.problems == []
    assert report.model_answers == 1 and report.model_answer_misses == []
    assert report.passed and report.passed_all


def test_a_thin_key_point_makes_its_model_answer_a_miss(tmp_path: Path) -> None:
    report, lint = check_packs([write(tmp_path, THIN)])
    assert lint.problems == []
    assert report.passed  # the examples still agree with their labels
    (miss,) = report.model_answer_misses
    assert miss.question == "fx-idem"
    assert miss.grade.verdict is Verdict.PARTIAL
    assert [(point.id, point.reason) for point in miss.missed] == [("fx-replay", "not mentioned")]
    assert not miss.correct_on_one_line
    assert not report.passed_all


def test_a_miss_caused_by_hard_wrapped_lines_says_so(tmp_path: Path) -> None:
    folded = "hands back the first\n      response"
    wrapped = PACK.replace("model_answer: >", "model_answer: |").replace(
        folded, "hands back the\n      first\n      response"
    )
    assert wrapped != PACK
    report, _ = check_packs([write(tmp_path, wrapped)])
    (miss,) = report.model_answer_misses
    assert [point.id for point in miss.missed] == ["fx-replay"]
    assert miss.correct_on_one_line


def test_model_answer_miss_is_none_for_a_correct_answer() -> None:
    question = load_bank().questions()[0]
    assert model_answer_miss(question) is None
