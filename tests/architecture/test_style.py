"""The code base stays ruff-clean and every module says what it is for."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

from tests.support.paths import ROOT

PACKAGES = ["bot", "content", "adapters", "storage", "interview_bot"]


def test_ruff_finds_nothing() -> None:
    exe = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    result = subprocess.run([exe, "check", "."], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_module_and_public_function_has_a_docstring() -> None:
    missing = []
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations/versions" in path.as_posix():
                continue
            tree = ast.parse(path.read_text())
            if not ast.get_docstring(tree):
                missing.append(f"{path.relative_to(ROOT)}: module")
            for node in tree.body:
                public = isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
                if public and not node.name.startswith("_") and not ast.get_docstring(node):
                    missing.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}")
    assert missing == []
