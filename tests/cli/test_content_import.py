"""``interview-bot content import`` and ``content export`` as a user runs them: a CSV, a Markdown deck
and an .apkg become packs that lint and grade; bad files get one clear error and exit code 2; an
exported pack imports back."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from content import load_bank
from tests.content.test_imports import ANKI_CSV, APKG_NOTES, MARKDOWN_DECK, make_apkg
from tests.support.paths import TEST_PACKS

RunCli = Callable[..., CompletedProcess[str]]


def _deck(tmp_path: Path, kind: str) -> Path:
    """A small deck file of the given kind in ``tmp_path``."""
    if kind == "apkg":
        return make_apkg(tmp_path / "deck.apkg", APKG_NOTES)
    path = tmp_path / f"deck.{kind}"
    path.write_text(ANKI_CSV if kind == "csv" else MARKDOWN_DECK, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("kind", "count", "first_id"), [("csv", 2, "tcp"), ("md", 2, "cdn"), ("apkg", 2, "database-index")]
)
def test_an_imported_deck_lints_and_grades(
    run_cli: RunCli, tmp_path: Path, kind: str, count: int, first_id: str
) -> None:
    deck = _deck(tmp_path, kind)
    result = run_cli("content", "import", str(deck), "--topic", "fx-imported", "--out", "team")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith(f"Imported {count} question(s) from {deck.name} into topic 'fx-imported'")
    assert "Needs an author's look:" in result.stdout and "labelled examples" in result.stdout
    assert (
        "The pack lints. Practise it: CONTENT_DIRS=team interview-bot practice --topic fx-imported"
        in result.stdout
    )
    pack = tmp_path / "team" / "fx-imported.yaml"
    lint = run_cli("content", "lint", str(pack))
    assert lint.returncode == 0 and lint.stdout.strip().endswith(f"No problems: 1 file, {count} questions.")
    (tmp_path / ".env").write_text("CONTENT_DIRS=team\n", encoding="utf-8")
    listed = run_cli("content", "list", "--questions")
    assert f"  {first_id}  (" in listed.stdout
    graded = run_cli(
        "grade", "--jsonl", "-", stdin=json.dumps({"question": first_id, "answer": "No idea, sorry."})
    )
    assert graded.returncode == 0, graded.stderr
    assert json.loads(graded.stdout.splitlines()[-1])["verdict"] == "wrong"


def test_the_imported_answer_grades_correct(run_cli: RunCli, tmp_path: Path) -> None:
    _deck(tmp_path, "csv")
    assert run_cli("content", "import", "deck.csv", "--topic", "fx-imported").returncode == 0
    (tmp_path / ".env").write_text("CONTENT_DIRS=.\n", encoding="utf-8")
    answer = (
        "TCP is a connection-oriented transport protocol. It delivers bytes reliably and in order, "
        "retransmitting lost segments. A three-way handshake opens each connection."
    )
    graded = run_cli("grade", "--jsonl", "-", stdin=json.dumps({"question": "tcp", "answer": answer}))
    assert json.loads(graded.stdout.splitlines()[-1])["verdict"] == "correct", graded.stdout + graded.stderr


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "latin1.csv",
            "What is caf\xe9?\tA place.\n".encode("latin-1"),
            "latin1.csv:1: the file is not UTF-8 text",
        ),
        ("short.csv", b"What is TCP?;A protocol.\nWhat is UDP?\n", "short.csv:2: this row has only a front"),
        ("empty.csv", b"", "empty.csv: the file has no notes"),
        ("empty.md", b"", "empty.md: the file is empty"),
        ("broken.apkg", b"PK\x03\x04 not a zip at all", "not a readable .apkg: the zip archive is broken"),
        ("deck.xlsx", b"whatever", "cannot tell the format from its name"),
    ],
)
def test_a_bad_file_is_one_clear_error(
    run_cli: RunCli, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    (tmp_path / name).write_bytes(content)
    result = run_cli("content", "import", name, "--topic", "fx-imported")
    assert result.returncode == 2
    assert result.stderr.startswith("Error: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "fx-imported.yaml").exists()


def test_a_zip_without_a_collection_is_one_clear_error(run_cli: RunCli, tmp_path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(tmp_path / "photos.apkg", "w") as archive:
        archive.writestr("cat.jpg", b"\xff\xd8")
    result = run_cli("content", "import", "photos.apkg", "--topic", "fx-imported")
    assert result.returncode == 2 and "holds no Anki collection" in result.stderr
    with zipfile.ZipFile(tmp_path / "new.apkg", "w") as archive:
        archive.writestr("collection.anki21b", b"\x28\xb5\x2f\xfd")
    result = run_cli("content", "import", "new.apkg", "--topic", "fx-imported")
    assert result.returncode == 2 and '"Support older Anki versions"' in result.stderr


def test_a_bad_topic_or_an_existing_pack_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    _deck(tmp_path, "csv")
    bad = run_cli("content", "import", "deck.csv", "--topic", "My Topic")
    assert bad.returncode == 2 and "'My Topic' is not a valid topic name" in bad.stderr
    assert run_cli("content", "import", "deck.csv", "--topic", "fx-imported").returncode == 0
    again = run_cli("content", "import", "deck.csv", "--topic", "fx-imported")
    assert again.returncode == 2 and "already exists; give --force" in again.stderr
    assert run_cli("content", "import", "deck.csv", "--topic", "fx-imported", "--force").returncode == 0


def test_importing_into_a_shipped_topic_keeps_its_title_and_avoids_its_ids(
    run_cli: RunCli, tmp_path: Path
) -> None:
    (tmp_path / "deck.md").write_text(
        "## What is a JWT?\nA JWT is a signed token that carries claims. The server checks its signature.\n",
        encoding="utf-8",
    )
    result = run_cli("content", "import", "deck.md", "--topic", "security")
    assert result.returncode == 0, result.stdout + result.stderr
    text = (tmp_path / "security.yaml").read_text(encoding="utf-8")
    title = next(topic.title for topic in load_bank().topics() if topic.name == "security")
    assert f"security: {title}" in text and "- id: jwt\n" not in text


def test_a_markdown_export_imports_back(run_cli: RunCli, tmp_path: Path) -> None:
    source = TEST_PACKS / "valid" / "team.yaml"
    exported = run_cli("content", "export", str(source), "--format", "md", "--out", "team.md")
    assert exported.returncode == 0 and exported.stdout.startswith(
        "Wrote 2 question(s) of team.yaml to team.md"
    )
    text = (tmp_path / "team.md").read_text(encoding="utf-8")
    assert (
        "## Why do payment APIs accept an idempotency key?" in text
        and "- The client can retry safely." in text
    )
    imported = run_cli("content", "import", "team.md", "--topic", "fx-again", "--out", "back")
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert "fx-idempotency-keys" in (tmp_path / "back" / "fx-again.yaml").read_text(encoding="utf-8")


def test_a_shipped_pack_exports_as_anki_csv_by_name(run_cli: RunCli) -> None:
    result = run_cli("content", "export", "backend", "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("#separator:tab\n#html:false\n#tags column:3\n")
    assert "How does authentication differ from authorization?\t" in result.stdout
    missing = run_cli("content", "export", "no-such-pack", "--format", "md")
    assert missing.returncode == 2 and "no pack 'no-such-pack'" in missing.stderr
    wrong = run_cli("content", "export", "backend", "--format", "docx")
    assert wrong.returncode == 2 and "Traceback" not in wrong.stderr
