"""Fixtures of the command-line tests: ``interview-bot`` run as a child process."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture
def run_cli(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run ``interview-bot ARGS`` with a private SQLite database, feeding ``stdin``."""
    env = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}", "COLUMNS": "100"}
    env.pop("CONTENT_DIRS", None)

    def run(*args: str, stdin: str = "", columns: int = 100) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "interview_bot", *args]
        return subprocess.run(
            command,
            input=stdin,
            capture_output=True,
            text=True,
            env={**env, "COLUMNS": str(columns)},
            cwd=tmp_path,
            timeout=120,
        )

    return run
