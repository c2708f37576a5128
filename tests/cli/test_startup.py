"""Every command that loads the packs refuses a broken one alike: file:line: reason, exit 2, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.paths import TEST_PACKS

COMMANDS = [
    ("practice",),
    ("stats",),
    ("drills", "status"),
    ("drills", "tick", "--console"),
    ("grade", "jwt", "an answer"),
    ("telegram",),
    ("discord",),
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_broken_pack_is_one_clear_error_and_exit_2(command: tuple[str, ...], tmp_path: Path) -> None:
    broken = tmp_path / "packs"
    broken.mkdir()
    (broken / "missing_prompt.yaml").write_text((TEST_PACKS / "broken" / "missing_prompt.yaml").read_text())
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
        "CONTENT_DIRS": str(broken),
        "TELEGRAM_TOKEN": "123:not-used",
        "DISCORD_TOKEN": "not-used",
    }
    result = subprocess.run(
        [sys.executable, "-m", "interview_bot", *command],
        input="",
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    assert "missing_prompt.yaml:" in result.stderr and "missing required field 'prompt'" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "not-used" not in result.stderr
