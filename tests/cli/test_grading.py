"""``interview-bot grade``: JSON Lines in and out, errors per line, and the single-answer form."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from interview_bot.cli import app


@pytest.fixture(autouse=True)
def _shipped_packs_only(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Run from an empty directory with no CONTENT_DIRS, so only the shipped packs load."""
    monkeypatch.delenv("CONTENT_DIRS", raising=False)
    monkeypatch.chdir(tmp_path)


def _rows(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_jsonl_from_stdin_writes_one_line_per_input_in_order() -> None:
    lines = [
        {"question": "authn-vs-authz", "answer": "authn = who you are, authz = what you may do"},
        {"question": "jwt", "answer": "JWT is not signed"},
        {"question": "http-methods", "answer": "GET reads data"},
    ]
    stdin = "".join(json.dumps(line) + "\n" for line in lines)
    result = CliRunner().invoke(app, ["grade", "--jsonl", "-"], input=stdin)
    assert result.exit_code == 0, result.output
    rows = _rows(result.stdout)
    assert [r["question"] for r in rows] == ["authn-vs-authz", "jwt", "http-methods"]
    assert [r["verdict"] for r in rows] == ["correct", "wrong", "partial"]
    assert rows[0]["score"] == 1.0 and rows[0]["missed"] == []
    assert rows[2]["matched"] == ["get-retrieves"] and "post-creates" in rows[2]["missed"]
    assert set(rows[1]) == {"question", "score", "verdict", "matched", "missed"}


def test_unknown_id_and_malformed_lines_get_an_error_and_exit_1(tmp_path: Path) -> None:
    source = tmp_path / "answers.jsonl"
    source.write_text(
        "\n".join(
            [
                json.dumps({"question": "no-such-question", "answer": "x"}),
                "this is not json",
                json.dumps(["a", "list"]),
                json.dumps({"question": "cors"}),
                json.dumps({"question": "cors", "answer": "browser checks Access-Control-Allow-Origin"}),
            ]
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["grade", "--jsonl", str(source)])
    assert result.exit_code == 1
    rows = _rows(result.stdout)
    assert len(rows) == 5
    assert rows[0] == {"question": "no-such-question", "error": "unknown question id 'no-such-question'"}
    assert all("error" in row for row in rows[:4])
    assert "error" not in rows[4] and rows[4]["verdict"] in {"correct", "partial"}


def test_missing_file_is_a_clear_error() -> None:
    result = CliRunner().invoke(app, ["grade", "--jsonl", "does-not-exist.jsonl"])
    assert result.exit_code == 2
    assert "cannot read" in result.output


def test_single_answer_is_shown_readably() -> None:
    answer = "Caching keeps frequently used data in memory so later requests skip the database."
    result = CliRunner().invoke(app, ["grade", "caching", answer])
    assert result.exit_code == 0, result.output
    assert "CORRECT" in result.stdout
    assert "Temporarily storing copies" in result.stdout
    last = json.loads(result.stdout.strip().splitlines()[-1])
    assert last["verdict"] == "correct" and last["question"] == "caching"


def test_single_answer_with_unknown_id_exits_1() -> None:
    result = CliRunner().invoke(app, ["grade", "no-such-question", "anything"])
    assert result.exit_code == 1
    assert "Unknown question id" in result.stdout


def test_no_arguments_explains_the_usage() -> None:
    result = CliRunner().invoke(app, ["grade"])
    assert result.exit_code == 2
    assert "--jsonl" in result.output
