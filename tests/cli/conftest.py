"""Fixtures of the command-line tests: ``interview-bot ARGS`` run on a private SQLite database.

``run_cli`` calls the command-line app in this process, with the same environment, working
directory and piped standard input that a child process would get: the command's code, options,
output and exit code are all the real ones, without paying a fresh interpreter's start-up (imports,
pack loading: each version of the pack files is loaded once) for every call. ``run_cli_process``
runs a real ``python -m interview_bot`` child, for what only a process shows (its log records on
stderr, start-up as a person runs it).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from interview_bot.cli import app
from tests.support.banks import reused_banks

RunCli = Callable[..., subprocess.CompletedProcess[str]]


def _environment(tmp_path: Path) -> dict[str, str | None]:
    """The variables a run sets (None: removed): its own database, no content directories."""
    return {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}", "CONTENT_DIRS": None}


@pytest.fixture
def run_cli(tmp_path: Path) -> RunCli:
    """Run ``interview-bot ARGS`` in this process with a private SQLite database, feeding ``stdin``."""

    def run(*args: str, stdin: str = "", columns: int = 100) -> subprocess.CompletedProcess[str]:
        env = {**_environment(tmp_path), "COLUMNS": str(columns)}
        cwd = Path.cwd()
        os.chdir(tmp_path)
        try:
            with reused_banks():
                result = CliRunner().invoke(app, list(args), input=stdin, env=env, catch_exceptions=False)
        finally:
            os.chdir(cwd)
        return subprocess.CompletedProcess(list(args), result.exit_code, result.stdout, result.stderr)

    return run


@pytest.fixture
def run_cli_process(tmp_path: Path) -> RunCli:
    """Run ``python -m interview_bot ARGS`` as a child process with a private SQLite database."""
    base = {**os.environ, **{k: v for k, v in _environment(tmp_path).items() if v is not None}}
    base.pop("CONTENT_DIRS", None)

    def run(*args: str, stdin: str = "", columns: int = 100) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "interview_bot", *args]
        return subprocess.run(
            command,
            input=stdin,
            capture_output=True,
            text=True,
            env={**base, "COLUMNS": str(columns)},
            cwd=tmp_path,
            timeout=120,
        )

    return run
