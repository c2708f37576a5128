"""``interview-bot content appeals``: the terminal's ``/disagree`` through a pipe, then the list for pack
authors as a table, as JSON lines and as ``examples`` candidates that load as the pack format's examples."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from subprocess import CompletedProcess

import yaml
from typer.testing import CliRunner

from bot.model.grades import Verdict
from bot.model.records import Attempt
from content.schema import ExampleSpec
from interview_bot.cli import app
from storage import open_database
from tests.support.fakes import FixedClock

Run = Callable[..., CompletedProcess[str]]
AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


async def a_group_appeal_accepted(tmp_path: Path) -> None:
    """In the CLI's database: a group member's wrong answer to cors, appealed and accepted as partial."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    async with await open_database(url, clock=FixedClock(AT)) as database:
        store = database.store
        member = await store.ensure_user("telegram", "7", "Ann")
        admin = await store.ensure_user("telegram", "8", "Bo")
        place = await store.ensure_place("telegram", "-100", False, "Team")
        answer = "The browser checks which origins may call the API."
        attempt = Attempt(member.id, place.id, "cors", 0.0, Verdict.WRONG, AT, answer_text=answer)
        assert await store.record_attempt(attempt)
        [stored] = await store.user_attempts(member.id)
        appeal = await store.record_appeal(stored, Verdict.PARTIAL, "origins are the point", "-100", AT)
        assert await store.accept_appeal(appeal.id, Verdict.PARTIAL, 0.5, admin.id, AT) is not None


def content_appeals(tmp_path: Path, *args: str) -> CompletedProcess[str]:
    """``interview-bot content appeals ARGS`` in this process, on the test's database."""
    env = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}", "COLUMNS": "160"}
    result = CliRunner(env=env).invoke(app, ["content", "appeals", *args])
    return CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


def test_appeals_from_the_terminal_and_a_group_list_and_export_as_examples(
    run_cli: Run, tmp_path: Path
) -> None:
    session = run_cli(
        "practice",
        "--question",
        "jwt",
        stdin="JWT is a signed token.\n/disagree correct: signed is the heart of it\n/quit\n",
    )
    assert session.returncode == 0, session.stderr
    assert "Thanks — recorded for the pack's authors." in session.stdout
    assert "Reason: signed is the heart of it" in session.stdout
    asyncio.run(a_group_appeal_accepted(tmp_path))

    table = content_appeals(tmp_path)
    assert table.returncode == 0, table.stderr
    assert "2 appeals" in table.stdout and "accepted as partial" in table.stdout

    listed = content_appeals(tmp_path, "--json")
    assert listed.returncode == 0, listed.stderr
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [(r["question"], r["status"], r["claimed"]) for r in rows] == [
        ("cors", "accepted", "partial"),  # oldest first: the group's appeal was made on 2 March
        ("jwt", "open", "correct"),
    ]
    rows.reverse()
    assert rows[0]["answer"] == "JWT is a signed token." and rows[0]["reason"] == "signed is the heart of it"
    assert rows[0]["verdict"] in {"partial", "wrong"} and rows[0]["missed"]
    assert rows[1]["accepted_verdict"] == "partial" and rows[1]["accepted_score"] == 0.5
    assert set(rows[0]) >= {"question", "answer", "verdict", "score", "reason", "status", "at"}

    target = tmp_path / "candidates.yaml"
    exported = content_appeals(tmp_path, "--export-examples", str(target))
    assert exported.returncode == 0, exported.stderr
    loaded = yaml.safe_load(target.read_text(encoding="utf-8"))
    by_question = {q["id"]: [ExampleSpec(**e) for e in q["examples"]] for q in loaded["questions"]}
    assert sorted(by_question) == ["cors", "jwt"]
    [jwt], [cors] = by_question["jwt"], by_question["cors"]
    assert (jwt.answer, jwt.label) == ("JWT is a signed token.", "correct")
    assert "signed is the heart of it" in jwt.note and "open" in jwt.note
    assert (cors.label, "accepted" in cors.note) == ("partial", True)

    only = content_appeals(tmp_path, "--accepted", "--json")
    assert [json.loads(line)["question"] for line in only.stdout.splitlines()] == ["cors"]


def test_no_appeals_and_an_unwritable_file_get_clear_messages(tmp_path: Path) -> None:
    empty = content_appeals(tmp_path)
    assert empty.returncode == 0 and "No appeals yet" in empty.stdout
    refused = content_appeals(tmp_path, "--export-examples", str(tmp_path / "missing" / "x.yaml"))
    assert refused.returncode == 2
    assert "cannot write" in refused.stderr
