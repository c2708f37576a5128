"""A bank of many packs and topics: every pack file in ``content/packs`` is loaded, and ``content list``
shows one readable line per topic however many there are (the many-topics test pack: 22 more topics)."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from content import load_bank, shipped_pack_files
from interview_bot.cli import app
from tests.support.many_topics import MANY_TOPICS
from tests.support.paths import ROOT
from tests.support.yaml_data import yaml_data


def test_every_pack_file_in_the_packs_folder_is_loaded() -> None:
    files = sorted(
        path.name for path in (ROOT / "content" / "packs").iterdir() if path.suffix in {".yaml", ".yml"}
    )
    assert sorted(entry.name for entry in shipped_pack_files()) == files
    declared = set()
    for name in files:
        data = yaml_data(ROOT / "content" / "packs" / name)
        declared |= {q["topic"] for q in data.get("questions", [])}
    assert {topic.name for topic in load_bank().topics()} == declared


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_content_list_gives_each_of_many_topics_one_line_with_its_whole_name(
    monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    monkeypatch.setenv("CONTENT_DIRS", str(MANY_TOPICS))
    monkeypatch.setenv("COLUMNS", str(columns))
    result = CliRunner().invoke(app, ["content", "list"])
    assert result.exit_code == 0, result.output
    bank = load_bank([MANY_TOPICS])
    rows = [line for line in result.stdout.splitlines() if line.startswith("│")]
    assert len(rows) == len(bank.topics()) + 1  # a line a topic, and the total
    assert all(len(line) <= columns for line in result.stdout.splitlines())
    names = [re.split(r"│", row)[1].strip() for row in rows[:-1]]
    assert names == [topic.name for topic in bank.topics()]
    assert f"{len(bank)} questions in {len(bank.topics())} topics" in result.stdout
    assert rows[-1].split("│")[3].strip() == str(len(bank))
