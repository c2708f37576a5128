"""``interview-bot content check``: the shipped packs' labelled examples agree with the grader and their
model answers grade correct (the CI gate); a pack whose examples disagree fails with each disagreement
located, and one whose model answer misses a key point fails with the miss printed."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

from content import load_bank
from content.check import THRESHOLD
from tests.support.paths import ROOT

PACK = """\
pack: fx-cli-check
title: CLI check fixture
topics:
  fx-cli: CLI
questions:
  - id: fx-retry
    topic: fx-cli
    difficulty: easy
    prompt: Why do payment APIs accept an idempotency key?
    model_answer: So a client can retry safely.
    hints: [Retries.]
    key_points:
      - id: fx-safe-retry
        text: The client can retry safely.
        concepts: [[retry, retries, resend], [safe, safely]]
    examples:
      - label: correct
        answer: Clients can safely retry the request.
      - label: correct
        answer: It is a kind of password.
        note: deliberately mislabelled
"""

RunCli = Callable[..., CompletedProcess[str]]


def test_the_shipped_examples_pass_the_check(run_cli: RunCli) -> None:
    """CI runs the packs' own regression test: every shipped example graded as labelled."""
    result = run_cli("content", "check")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1].endswith(": passed.")
    agreement = float(re.search(r"Agreement (\d\.\d+)", lines[-1]).group(1))
    assert agreement >= THRESHOLD and "severe errors 0" in lines[-1]
    assert f"model answers not correct 0/{len(load_bank().questions())};" in lines[-1]
    assert any(line.startswith("label \\ graded") for line in lines)
    per_question = [line for line in lines if re.match(r"^[a-z0-9-]+\s+\d+/\d+\s+\d\.\d\d$", line)]
    assert len(per_question) == len(load_bank().questions())


def test_a_severe_disagreement_fails_and_is_located(run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text(PACK, encoding="utf-8")
    result = run_cli("content", "check", str(path))
    assert result.returncode == 1
    line = PACK.splitlines().index("        answer: It is a kind of password.") + 1
    assert (
        f"SEVERE {path}:{line}: labelled correct, graded wrong: “It is a kind of password.”" in result.stdout
    )
    assert "fx-retry                         1/2  0.50" in result.stdout
    assert result.stdout.splitlines()[-1].endswith("FAILED.")


def test_the_threshold_is_an_option(run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text(
        PACK.replace(
            "      - label: correct\n        answer: It is", "      - label: partial\n        answer: It is"
        ),
        encoding="utf-8",
    )
    assert run_cli("content", "check", str(path)).returncode == 1  # 0.5 < 0.95
    assert run_cli("content", "check", "--threshold", "0.5", str(path)).returncode == 0


def test_a_pack_that_does_not_load_fails(run_cli: RunCli) -> None:
    broken = ROOT / "tests" / "data" / "packs" / "broken" / "bad_yaml.yaml"
    result = run_cli("content", "check", str(broken))
    assert result.returncode == 1 and "invalid YAML" in result.stdout


def test_a_model_answer_that_misses_its_own_key_point_fails(run_cli: RunCli, tmp_path: Path) -> None:
    """The model answer is shown as a good answer: one graded less than correct fails the check, with
    the question, verdict, score and each missed key point printed."""
    thin = PACK.replace(
        "    model_answer: So a client can retry safely.\n",
        "    model_answer: So a client can retry safely, and the server hands back the first response.\n",
    ).replace(
        "        concepts: [[retry, retries, resend], [safe, safely]]\n",
        "        concepts: [[retry, retries, resend], [safe, safely]]\n"
        "      - id: fx-replay\n"
        "        text: The server replays the first result.\n"
        "        concepts: [[replay*], [result]]\n",
    )
    path = tmp_path / "pack.yaml"
    path.write_text(
        thin.replace(
            "      - label: correct\n        answer: It is", "      - label: wrong\n        answer: It is"
        )
    )
    result = run_cli("content", "check", str(path))
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert "Model answers not graded correct against their own key points (1):" in lines
    assert (
        "  MODEL ANSWER fx-retry: graded partial, score 0.50 (Some key points are there; 1 missing.)" in lines
    )
    assert "    missed fx-replay “The server replays the first result.”: not mentioned" in lines
    assert "model answers not correct 1/1" in lines[-1] and "severe errors 0" in lines[-1]
    assert lines[-1].endswith("FAILED.")
