"""The layering rules of DESIGN.md, checked with import-linter's contracts from pyproject.toml."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.support.paths import ROOT


def _lint_imports() -> subprocess.CompletedProcess[str]:
    exe = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    return subprocess.run([exe, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_import_contracts_hold() -> None:
    result = _lint_imports()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 kept, 0 broken" in result.stdout


def test_the_core_contract_forbids_platform_and_sql_libraries() -> None:
    config = (ROOT / "pyproject.toml").read_text()
    for forbidden in (
        '"telegram"',
        '"discord"',
        '"sqlalchemy"',
        '"sqlmodel"',
        '"storage"',
        '"content"',
        '"adapters"',
    ):
        assert forbidden in config


def test_the_core_is_layered_inside() -> None:
    config = (ROOT / "pyproject.toml").read_text()
    assert 'type = "layers"' in config
    for layer in ("bot.engine", "bot.flows", "bot.drills", "bot.replies", "bot.grading", "bot.model"):
        assert f'"{layer}"' in config
