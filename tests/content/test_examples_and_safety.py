"""Pack examples, pack safety and authoring help: labelled examples are validated and graded, packs
that expand beyond the limits are refused before compiling, lint warns about synonym traps, and a
nudge never gives the key point's text away."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bot.grading import grade, nudge
from bot.model.grades import Verdict
from content import check_packs, lint_paths, lint_report, load_bank
from content import limits as pack_limits

HEADER = "pack: fx-check\ntitle: Check fixture\ntopics:\n  fx-check: Check\nquestions:\n"
QUESTION = """\
  - id: fx-idem
    topic: fx-check
    difficulty: easy
    prompt: Why do payment APIs accept an idempotency key?
    model_answer: So a client can retry safely without charging twice.
    hints: [Retries.]
    key_points:
      - id: fx-retry
        text: The client can retry safely.
        concepts: [[retry, retries, resend], [safe, safely]]
      - id: fx-replay
        text: The server remembers the key and replays the first result.
        concepts: [[remember*, store*, keep*], [result, response]]
"""


def line_of(path: Path, text: str) -> int:
    """The first line of ``path`` containing ``text``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def write(tmp_path: Path, body: str, name: str = "pack.yaml") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def examples(*rows: tuple[str, str]) -> str:
    lines = ["    examples:"]
    for label, answer in rows:
        lines += [f"      - label: {label}", f"        answer: {answer}"]
    return "\n".join(lines) + "\n"


GOOD = examples(
    ("correct", "Retries are safe because the server stores the key and returns the first response."),
    ("partial", "you can retry safely"),
    ("wrong", "It is a kind of password."),
)


# --- examples in packs ----------------------------------------------------------------------------------


def test_examples_are_validated_with_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, QUESTION + examples(("right", "ok")) + "      - answer: missing label\n")
    problems = [(p.line, p.reason) for p in lint_paths([path])]
    label = "question 'fx-idem': examples[0].label: must be one of 'correct', 'partial' or 'wrong'"
    label += " (got 'right')"
    assert (line_of(path, "label: right"), label) in problems
    missing = "question 'fx-idem': examples[1]: missing required field 'label'"
    assert (line_of(path, "missing label"), missing) in problems


def test_content_check_grades_every_example_against_its_label(tmp_path: Path) -> None:
    report, lint = check_packs([write(tmp_path, QUESTION + GOOD)])
    assert lint.problems == []
    assert [o.verdict for o in report.outcomes["fx-idem"]] == ["correct", "partial", "wrong"]
    assert report.agreement == 1.0 and report.passed


def test_a_disagreement_is_located_and_a_severe_one_fails(tmp_path: Path) -> None:
    body = QUESTION + examples(("correct", "It is a kind of password."), ("partial", "you can retry safely"))
    path = write(tmp_path, body)
    report, _ = check_packs([path])
    (severe,) = report.severe
    assert severe.example.line == line_of(path, "a kind of password")
    assert severe.example.label == "correct" and severe.verdict == "wrong"
    assert report.agreement == 0.5 and not report.passed
    assert report.confusion[("correct", "wrong")] == 1


def test_the_shipped_examples_cover_every_question_with_every_label() -> None:
    report, lint = check_packs([Path(__file__).parents[2] / "content" / "packs"])
    assert lint.problems == []
    assert set(report.outcomes) == {question.id for question in load_bank().questions()}
    for question, outcomes in report.outcomes.items():
        assert len(outcomes) >= 4, question
        assert {o.example.label for o in outcomes} == {"correct", "partial", "wrong"}, question


# --- pack safety ------------------------------------------------------------------------------------------


def alias_bomb() -> str:
    """A question whose one key point's six groups expand, through aliases, to a million synonyms."""
    levels = ["          - &a [w, w, w, w, w, w, w, w, w, w]"]
    for previous, name in zip("abcde", "bcdef", strict=True):
        levels.append(f"          - &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    head = QUESTION.split("      - id: fx-retry")[0]
    return head + "      - id: fx-bomb\n        text: Boom.\n        concepts:\n" + "\n".join(levels) + "\n"


def test_an_alias_bomb_is_refused_before_it_is_built(tmp_path: Path) -> None:
    path = write(tmp_path, alias_bomb())
    assert path.stat().st_size < 2_000
    problems = lint_paths([path])  # refused from the node tree: the million synonyms are never built
    (problem,) = problems
    assert problem.line == 6 and "expands to more than" in problem.reason and "aliases" in problem.reason


def test_a_recursive_alias_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, QUESTION + "    tags: &loop [a, *loop]\n")
    assert any("expands" in p.reason or "recursive" in p.reason.lower() for p in lint_paths([path]))


def test_a_pack_file_too_large_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pack_limits, "MAX_PACK_BYTES", 100)
    (problem,) = lint_paths([write(tmp_path, QUESTION)])
    assert problem.line is None and "a pack may have at most 100" in problem.reason


def test_a_question_expanding_to_too_many_synonyms_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pack_limits, "MAX_QUESTION_SYNONYMS", 5)
    (problem,) = lint_paths([write(tmp_path, QUESTION)])
    assert problem.line == 6 and "question 'fx-idem' expands to 10 synonyms (at most 5)" in problem.reason


def test_the_shipped_packs_are_within_the_limits() -> None:
    for question in load_bank().questions():
        assert pack_limits.synonym_count(question) <= pack_limits.MAX_QUESTION_SYNONYMS // 4, question.id


# --- authoring warnings -------------------------------------------------------------------------------------


def test_lint_warns_about_a_word_that_satisfies_two_groups(tmp_path: Path) -> None:
    body = QUESTION.replace("[[retry, retries, resend], [safe, safely]]", "[[retry*, safe], [safely, again]]")
    report = lint_report([write(tmp_path, body)])
    assert report.problems == []
    (warning,) = report.warnings
    assert warning.line == 13 and "'safe' satisfies two of its synonym groups (1 and 2)" in warning.reason


def test_lint_warns_about_a_lone_synonym_that_is_a_word_of_the_prompt(tmp_path: Path) -> None:
    body = QUESTION.replace("[[retry, retries, resend], [safe, safely]]", "[[idempotency, retried]]")
    (warning,) = lint_report([write(tmp_path, body)]).warnings
    assert "synonym 'idempotency' is a word of the prompt, so it never counts" in warning.reason


def test_plain_points_and_the_fixture_packs_raise_no_warnings(tmp_path: Path) -> None:
    plain = QUESTION.replace("        concepts: [[retry, retries, resend], [safe, safely]]\n", "")
    assert lint_report([write(tmp_path, plain)]).warnings == []


# --- nudges -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("question_id", ["authn-vs-authz", "caching", "docker", "jwt", "http-methods"])
def test_a_point_without_a_nudge_never_shows_its_text(question_id: str) -> None:
    shipped = load_bank().get(question_id)
    assert shipped is not None
    points = tuple(dataclasses.replace(point, nudge="") for point in shipped.key_points)
    question = dataclasses.replace(shipped, key_points=points)
    result = grade(question, "I am not sure, something about servers.")
    assert result.verdict is not Verdict.CORRECT
    hint = nudge(question, result)
    assert hint and "Think about this" not in hint
    assert all(point.text not in hint for point in question.key_points)


def test_lint_prints_warnings_on_stderr_and_still_passes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from interview_bot.cli import app

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CONTENT_DIRS", raising=False)
    body = QUESTION.replace("[[retry, retries, resend], [safe, safely]]", "[[retry*, safe], [safely, again]]")
    path = write(tmp_path, body)
    result = CliRunner().invoke(app, ["content", "lint", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "No problems: 1 file, 1 question.\n"
    assert f"{path}:13: warning: key point 'fx-retry': 'safe' satisfies two" in result.stderr
