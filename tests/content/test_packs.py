"""Question packs: the shipped packs validate, broken packs are refused at the right file and line,
the bank answers the core's questions, and ``interview-bot content`` reports what it finds."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.model.questions import Difficulty, KeyPoint, Misconception, Question
from content import PackError, PackProblem, check_bank, lint_paths, lint_report, load_bank
from content.schema import KeyPointSpec, MisconceptionSpec, QuestionSpec
from interview_bot.cli import app
from interview_bot.config import Settings
from tests.support.paths import ROOT, TEST_PACKS
from tests.support.yaml_data import yaml_data

SHIPPED = ROOT / "content" / "packs"
PACKS = TEST_PACKS
VALID = PACKS / "valid"
BROKEN = PACKS / "broken"
DUP_ACROSS = PACKS / "dup_across"

DESIGN_TABLE = {
    "core": [
        "monolith-vs-microservices",
        "client-server",
        "http-methods",
        "http-status-codes",
        "rest-principles",
        "rest-vs-graphql",
    ],
    "databases": ["sql-vs-nosql", "db-indexing", "normalization", "acid-transactions"],
    "security": ["authn-vs-authz", "jwt", "securing-apis", "cors"],
    "system-design": ["scaling-backend", "load-balancing", "caching", "message-queues", "rate-limiting"],
    "advanced": [
        "middleware",
        "session-management",
        "reverse-proxy",
        "microservice-communication",
        "api-error-handling",
        "docker",
    ],
}

EXPECT_MARK = re.compile(r"#\s*expect:\s*(.+?)\s*$")


def expectations(path: Path) -> list[tuple[int, str]]:
    """The ``# expect: <text>`` markers of a fixture: (line, text the problem on that line must contain)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(number, m.group(1)) for number, line in enumerate(lines, 1) if (m := EXPECT_MARK.search(line))]


def line_of(path: Path, text: str) -> int:
    """The first line of ``path`` containing ``text``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def write_pack(folder: Path, name: str, text: str) -> Path:
    """Write a pack file into a test directory."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def minimal_question(qid: str, topic: str, prompt: str = "What is it?") -> str:
    """The YAML of one valid question (as a list item)."""
    return (
        f"  - id: {qid}\n    topic: {topic}\n    difficulty: easy\n"
        f"    prompt: {json.dumps(prompt, ensure_ascii=False)}\n"
        "    model_answer: It is.\n    hints: [look]\n"
        "    key_points:\n      - id: p\n        text: P\n        phrasings: [p]\n"
    )


# --- the shipped packs -------------------------------------------------------------------------------


def shipped_pack_paths() -> list[Path]:
    """The pack files in the source tree's ``content/packs``."""
    return sorted([*SHIPPED.glob("*.yaml"), *SHIPPED.glob("*.yml")])


def test_every_shipped_pack_validates() -> None:
    packs = shipped_pack_paths()
    assert packs, f"no pack in {SHIPPED}"
    # all at once: each is checked against the others, as linting it alone checks it against the rest
    assert [str(problem) for problem in lint_paths(packs)] == []


def test_shipped_bank_holds_the_25_design_questions_under_their_topics() -> None:
    bank = load_bank()
    by_topic = {topic.name: {q.id for q in bank.questions(topic.name)} for topic in bank.topics()}
    for topic, ids in DESIGN_TABLE.items():
        assert set(ids) <= by_topic[topic], topic
    assert [topic.name for topic in bank.topics()][: len(DESIGN_TABLE)] == list(DESIGN_TABLE)


def test_shipped_questions_are_complete() -> None:
    for question in load_bank().questions():
        assert question.prompt and question.model_answer, question.id
        assert 1 <= len(question.hints) <= 3, question.id
        assert question.required_points, question.id


# --- the fixture pack and the core's model --------------------------------------------------------


def test_fixture_packs_load_into_the_core_model() -> None:
    bank = load_bank([VALID])
    question = bank.get("fx-idempotency-keys")
    assert isinstance(question, Question)
    assert question.difficulty is Difficulty.MEDIUM
    assert question.model_answer.startswith("So that a client") and not question.model_answer.endswith("\n")
    assert question.hints == ("Think about retries after a timeout.",)
    assert question.tags == ("payments", "retries")
    retry, double, stored = question.key_points
    assert retry == KeyPoint(
        "fx-safe-retry",
        "The client can retry safely.",
        (("retry", "retries", "resend"),),
        ("retries are safe",),
    )
    assert (
        double.concepts == (("charge", "payment"), ("twice", "duplicate", "double")) and double.weight == 2.0
    )
    assert stored.required is False and stored.weight == 0.5 and stored.concepts == ()
    concepts = (("idempotency key",), ("authenticate", "authentication"))
    assert question.misconceptions == (
        Misconception("fx-key-is-auth", "The key authenticates the client.", concepts, central=False),
    )
    assert question.required_points == (retry, double)


CONTENT_ONLY_FIELDS = {"examples"}  # the pack's own regression test: content check reads it, the core never


def test_every_core_field_has_a_pack_field() -> None:
    """If a field is added to the core model, the pack schema must learn it too."""
    for core, spec in [
        (KeyPoint, KeyPointSpec),
        (Misconception, MisconceptionSpec),
        (Question, QuestionSpec),
    ]:
        fields = set(spec.model_fields) - CONTENT_ONLY_FIELDS
        assert {f.name for f in dataclasses.fields(core)} == fields, core.__name__


def test_fixture_topics_come_in_declaration_order_with_counts() -> None:
    topics = [(t.name, t.title, t.question_count) for t in load_bank([VALID]).topics()]
    fixture = [t for t in topics if t[0].startswith("fx-")]
    assert fixture == [("fx-payments", "Payments", 2), ("fx-observability", "Observability", 1)]


def test_topic_lookup_is_lenient_but_never_guesses() -> None:
    bank = load_bank([VALID])
    payments = ["fx-idempotency-keys", "fx-chargebacks"]
    assert sorted(q.id for q in bank.questions("fx-payments")) == sorted(payments)
    assert sorted(q.id for q in bank.questions("FX-Payments")) == sorted(payments)
    assert sorted(q.id for q in bank.questions("  fx-pay ")) == sorted(payments)
    assert [q.id for q in bank.questions("fx-obs")] == ["fx-three-pillars"]
    assert bank.questions("fx-") == []  # ambiguous prefix
    assert bank.questions("nope") == [] and bank.questions("") == []
    assert bank.resolve_topic("fx pay") == "fx-payments"
    assert bank.get(" FX-THREE-PILLARS ") is not None and bank.get("missing") is None


def test_questions_are_grouped_by_topic_and_stable() -> None:
    first, second = load_bank([VALID]), load_bank([VALID])
    ids = [q.id for q in first.questions()]
    assert ids == [q.id for q in second.questions()]
    fixture = [q for q in first.questions() if q.topic.startswith("fx-")]
    assert [q.topic for q in fixture] == ["fx-payments", "fx-payments", "fx-observability"]
    assert set(first.topic_names()) >= {"fx-payments", "fx-observability"}


def test_a_declared_topic_without_questions_is_not_offered(tmp_path: Path) -> None:
    text = "pack: fx-t\ntitle: T\ntopics:\n  fx-empty-topic: Nothing yet\n  fx-full: Full\nquestions:\n"
    write_pack(tmp_path, "t.yaml", text + minimal_question("fx-q", "fx-full"))
    bank = load_bank([tmp_path])
    assert "fx-empty-topic" not in bank.topic_names() and "fx-full" in bank.topic_names()
    assert bank.questions("fx-empty-topic") == []


# --- broken packs ------------------------------------------------------------------------------------

BROKEN_CASES = [
    "duplicate_ids.yaml",
    "unknown_topic.yaml",
    "empty_key_points.yaml",
    "bad_yaml.yaml",
    "unclosed_quote.yaml",
    "unknown_field.yaml",
    "bad_difficulty.yaml",
    "missing_prompt.yaml",
    "duplicate_key.yaml",
    "empty.yaml",
    "not_a_mapping.yaml",
    "many_problems.yaml",
]


def test_every_broken_fixture_is_checked() -> None:
    assert sorted(p.name for p in BROKEN.iterdir()) == sorted(BROKEN_CASES)


@pytest.mark.parametrize("name", BROKEN_CASES)
def test_broken_pack_reports_each_problem_at_its_line(name: str) -> None:
    path = BROKEN / name
    expected = expectations(path)
    assert expected, "a broken fixture marks its problems with '# expect:'"
    problems = lint_paths([path])
    assert all(p.path == path for p in problems)
    found = [(p.line, p.reason) for p in problems]
    for line, text in expected:
        assert any(at == line and text in reason for at, reason in found), (line, text, found)
    assert len(problems) == len(expected), found


def test_problem_reads_file_line_reason() -> None:
    path = BROKEN / "bad_difficulty.yaml"
    [problem] = lint_paths([path])
    assert str(problem) == (
        f"{path}:8: question 'fx-extreme': "
        "difficulty: must be one of 'easy', 'medium' or 'hard' (got 'extreme')"
    )


def test_duplicate_id_across_packs_names_both_places() -> None:
    first, second = DUP_ACROSS / "a.yaml", DUP_ACROSS / "b.yaml"
    [problem] = lint_paths([DUP_ACROSS])
    assert (problem.path, problem.line) == (second, line_of(second, "id: fx-shared"))
    assert f"(first defined at {first}:{line_of(first, 'id: fx-shared')})" in problem.reason


def test_duplicate_id_within_a_pack_names_the_first() -> None:
    path = BROKEN / "duplicate_ids.yaml"
    [problem] = lint_paths([path])
    assert problem.reason == f"duplicate question id 'fx-same-id' (first defined at {path}:6)"


def test_unknown_topic_lists_the_known_topics() -> None:
    [problem] = lint_paths([BROKEN / "unknown_topic.yaml"])
    assert "known topics: " in problem.reason and "fx-caching" in problem.reason.split("known topics: ")[1]


def test_a_topic_may_be_declared_in_another_file_of_the_set() -> None:
    assert lint_paths([VALID]) == []
    [problem] = lint_paths([VALID / "more.yml"])  # without team.yaml, fx-payments is unknown
    assert problem.line == line_of(VALID / "more.yml", "topic: fx-payments")
    assert "unknown topic 'fx-payments'" in problem.reason


def test_load_bank_refuses_broken_packs_with_every_problem() -> None:
    with pytest.raises(PackError) as caught:
        load_bank([BROKEN])
    problems = caught.value.problems
    assert len(problems) == sum(len(expectations(BROKEN / name)) for name in BROKEN_CASES)
    assert all(isinstance(p, PackProblem) for p in problems)
    assert f"{BROKEN / 'missing_prompt.yaml'}:6: question 'fx-no-prompt'" in str(caught.value)


def test_missing_or_empty_directories_are_problems(tmp_path: Path) -> None:
    missing, empty = tmp_path / "missing", tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(PackError) as caught:
        load_bank([missing, VALID, empty])
    assert [str(p) for p in caught.value.problems] == [
        f"{missing}: no such directory",
        f"{empty}: no pack files (*.yaml, *.yml) in this directory",
    ]
    assert [str(p) for p in lint_paths([missing / "x.yaml"])] == [
        f"{missing / 'x.yaml'}: no such file or directory"
    ]
    assert check_bank([VALID / "team.yaml"]).problems[0].reason.startswith("not a directory")


def test_a_file_named_twice_is_loaded_once() -> None:
    report = lint_report([VALID / "team.yaml", VALID, VALID / "team.yaml"])
    assert report.problems == [] and report.files == 2


def test_topic_redeclared_with_another_title_is_refused(tmp_path: Path) -> None:
    write_pack(tmp_path, "a.yaml", "pack: a\ntitle: A\ntopics:\n  fx-t: Title one\n")
    write_pack(tmp_path, "b.yaml", "pack: b\ntitle: B\ntopics:\n  fx-t: Title one\n")
    assert lint_paths([tmp_path]) == []
    path = write_pack(tmp_path, "c.yaml", "pack: c\ntitle: C\ntopics:\n  fx-t: Title two\n")
    [problem] = lint_paths([tmp_path])
    assert (problem.path, problem.line) == (path, 4)
    assert f"already declared at {tmp_path / 'a.yaml'}:4" in problem.reason


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("---\n", "the file is empty"),
        ("null\n", "the file is empty"),
        ("just text\n", "a pack must be a mapping with 'pack', 'title', 'topics' and 'questions'"),
        ("pack: p\ntitle: T\ntopics:\n", "topics: has no value; expected a mapping"),
        ("pack: p\ntitle: T\n", "the pack declares no topics and no questions"),
    ],
)
def test_odd_top_levels_are_explained(tmp_path: Path, text: str, reason: str) -> None:
    path = write_pack(tmp_path, "odd.yaml", text)
    [problem] = lint_paths([path])
    assert problem.path == path and reason in problem.reason


def test_text_that_is_not_utf8_is_located(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("pack: p\ntitle: Caf\u00e9\n".encode("latin-1"))
    assert [str(p) for p in lint_paths([path])] == [f"{path}:2: the file is not UTF-8 text"]


def test_huge_markup_and_odd_unicode_survive_loading(tmp_path: Path) -> None:
    prompt = "<b>Bold</b> @everyone [link](x) \u202eevil\u202c 🔐 " + "long " * 2000
    head = "pack: fx-odd\ntitle: Odd\ntopics:\n  fx-odd: Ödd ⟨topic⟩\nquestions:\n"
    write_pack(tmp_path, "odd.yaml", head + minimal_question("fx-odd-q", "fx-odd", prompt))
    question = load_bank([tmp_path]).get("fx-odd-q")
    assert question is not None and question.prompt == prompt.strip() and len(question.prompt) > 10_000


def test_numbers_in_concepts_are_text(tmp_path: Path) -> None:
    text = minimal_question("fx-codes", "fx-http").replace("phrasings: [p]", "concepts: [[404, not found]]")
    write_pack(tmp_path, "n.yaml", "pack: n\ntitle: N\ntopics:\n  fx-http: HTTP\nquestions:\n" + text)
    question = load_bank([tmp_path]).get("fx-codes")
    assert question is not None and question.key_points[0].concepts == (("404", "not found"),)


# --- configuration -----------------------------------------------------------------------------------


def test_content_dirs_accepts_pathsep_lists_and_json(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # no stray .env
    monkeypatch.setenv("CONTENT_DIRS", f"/a/packs{os.pathsep}/b/more packs")
    assert Settings().content_dirs == [Path("/a/packs"), Path("/b/more packs")]
    monkeypatch.setenv("CONTENT_DIRS", '["/c", "/d"]')
    assert Settings().content_dirs == [Path("/c"), Path("/d")]
    monkeypatch.setenv("CONTENT_DIRS", "")
    assert Settings().content_dirs == []


# --- the command line --------------------------------------------------------------------------------


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> CliRunner:
    """A runner in an empty directory (no .env) with no CONTENT_DIRS set."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CONTENT_DIRS", raising=False)
    monkeypatch.setenv("COLUMNS", "120")
    return CliRunner()


def test_lint_valid_packs_exits_zero(cli: CliRunner) -> None:
    result = cli.invoke(app, ["content", "lint", str(VALID)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "No problems: 2 files, 3 questions.\n"


def test_lint_broken_pack_prints_file_line_reason_and_exits_one(cli: CliRunner) -> None:
    path = BROKEN / "unknown_field.yaml"
    result = cli.invoke(app, ["content", "lint", str(path)])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:16: question 'fx-typo': key_points[0]: unknown field 'wieght' (did you mean 'weight'?)",
        "1 problem found (1 file checked).",
    ]


def test_lint_without_paths_checks_the_configured_directories(
    cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONTENT_DIRS", str(DUP_ACROSS))
    result = cli.invoke(app, ["content", "lint"])
    assert result.exit_code == 1
    assert f"{DUP_ACROSS / 'b.yaml'}:4: duplicate question id 'fx-shared'" in result.stdout
    monkeypatch.setenv("CONTENT_DIRS", str(VALID))
    result = cli.invoke(app, ["content", "lint"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("No problems: ")


def test_list_shows_topics_counts_difficulty_mix_and_total(
    cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONTENT_DIRS", str(VALID))
    result = cli.invoke(app, ["content", "list"])
    assert result.exit_code == 0, result.output
    rows = {cells[0]: cells[1:] for cells in _table_rows(result.stdout)}
    assert rows["fx-payments"] == ["Payments", "2", "0", "1", "1"]
    assert rows["fx-observability"] == ["Observability", "1", "1", "0", "0"]
    total = len(load_bank([VALID]).questions())
    assert rows["Total"][1] == str(total)
    assert f"{total} questions in " in result.stdout


def test_list_refuses_broken_packs(cli: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONTENT_DIRS", str(BROKEN))
    result = cli.invoke(app, ["content", "list"])
    assert result.exit_code == 2
    assert f"{BROKEN / 'bad_yaml.yaml'}:5: invalid YAML" in result.stderr
    assert "content lint" in result.stderr


def test_lint_runs_as_a_real_process(tmp_path: Path) -> None:
    command = [sys.executable, "-c", "from interview_bot.cli import main; main()", "content", "lint"]

    def run(*paths: Path) -> subprocess.CompletedProcess[str]:
        env = {"PATH": "/usr/bin:/bin"}
        args = [*command, *map(str, paths)]
        return subprocess.run(args, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)

    ok = run(VALID)
    assert (ok.returncode, ok.stdout) == (0, "No problems: 2 files, 3 questions.\n"), ok.stderr
    bad = run(BROKEN / "duplicate_key.yaml")
    assert bad.returncode == 1
    assert f"{BROKEN / 'duplicate_key.yaml'}:10: duplicate key 'prompt' (first at line 9)" in bad.stdout


def _table_rows(output: str) -> list[list[str]]:
    """The cells of each row of a rich table printed with box characters."""
    rows = []
    for line in output.splitlines():
        if line.startswith(("│", "┃")):
            rows.append([cell.strip() for cell in re.split(r"[│┃]", line)[1:-1]])
    return rows


def test_the_shipped_bank_is_big_enough_for_a_season_of_drills() -> None:
    bank = load_bank()
    topics = bank.topics()
    assert len(bank.questions()) >= 200 and len(topics) >= 12
    for topic in topics:
        questions = bank.questions(topic.name)
        assert len(questions) >= 10, topic.name
        assert {q.difficulty for q in questions} >= {"easy", "medium", "hard"}, topic.name
    design_ids = {qid for ids in DESIGN_TABLE.values() for qid in ids}
    for path in shipped_pack_paths():
        for spec in yaml_data(path)["questions"]:
            if spec["id"] not in design_ids:
                assert len(spec.get("examples", [])) >= 8, spec["id"]
