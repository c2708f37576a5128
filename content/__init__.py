"""Loads and validates question packs; implements the core's QuestionBank port.

Packs are YAML files: the shipped ones in ``content/packs/`` plus any in configured directories.
Nothing is read at import time; call ``load_bank`` or ``lint_paths``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from content.bank import ContentBank
from content.check import CheckReport, check_examples
from content.loader import LoadResult, load_packs
from content.problems import PackError, PackProblem

__all__ = [
    "CheckReport",
    "ContentBank",
    "LintReport",
    "PackError",
    "PackProblem",
    "check_bank",
    "check_packs",
    "lint_paths",
    "lint_report",
    "load_bank",
]

PACK_SUFFIXES = (".yaml", ".yml")
FIRST_PACK = "backend.yaml"
"""The original bank: its five topics open every topic list, then each topic pack follows by name."""


@dataclass(frozen=True)
class LintReport:
    """The outcome of checking pack files: how many files and questions, and every problem."""

    files: int
    questions: int
    problems: list[PackProblem]
    warnings: list[PackProblem] = field(default_factory=list)


def shipped_pack_files() -> list[Traversable]:
    """The packs shipped with the package (``content/packs/*.yaml``): ``FIRST_PACK``, then by name."""
    folder = resources.files(__name__).joinpath("packs")
    if not folder.is_dir():
        return []
    packs = (entry for entry in folder.iterdir() if _is_pack(entry))
    return sorted(packs, key=lambda entry: (entry.name != FIRST_PACK, entry.name))


def load_bank(extra_dirs: Sequence[Path] = ()) -> ContentBank:
    """Load the shipped packs and every pack in ``extra_dirs``; raise ``PackError`` on any problem."""
    result, problems = _load_all(extra_dirs)
    if problems:
        raise PackError(problems)
    return ContentBank(result.topics, result.questions)


def lint_report(paths: Sequence[Path]) -> LintReport:
    """Check pack files and directories of packs against each other and the shipped packs."""
    files, problems = _expand(paths)
    given = {path.resolve() for path in files}
    context = [entry for entry in shipped_pack_files() if Path(str(entry)).resolve() not in given]
    result = load_packs(files, context=context, warnings=True)
    return LintReport(len(result.files), len(result.questions), problems + result.problems, result.warnings)


def lint_paths(paths: Sequence[Path]) -> list[PackProblem]:
    """Every problem in the given pack files and directories (empty when they are all valid)."""
    return lint_report(paths).problems


def check_bank(extra_dirs: Sequence[Path] = ()) -> LintReport:
    """What ``load_bank(extra_dirs)`` would load or refuse, without raising; with authoring warnings."""
    result, problems = _load_all(extra_dirs, warnings=True)
    return LintReport(len(result.files), len(result.questions), problems, result.warnings)


def check_packs(
    paths: Sequence[Path] = (), extra_dirs: Sequence[Path] = ()
) -> tuple[CheckReport, LintReport]:
    """Grade the labelled examples of the given packs (default: shipped packs and ``extra_dirs``)."""
    if paths:
        files, problems = _expand(paths)
        given = {path.resolve() for path in files}
        context = [entry for entry in shipped_pack_files() if Path(str(entry)).resolve() not in given]
        result = load_packs(files, context=context)
        problems += result.problems
    else:
        result, problems = _load_all(extra_dirs)
    lint = LintReport(len(result.files), len(result.questions), problems)
    return check_examples(result.questions, result.examples), lint


def _load_all(extra_dirs: Sequence[Path], *, warnings: bool = False) -> tuple[LoadResult, list[PackProblem]]:
    """Load shipped packs then the extra directories' packs; return the result and all problems."""
    extra_files, problems = _expand([Path(folder).expanduser() for folder in extra_dirs], dirs_only=True)
    result = load_packs([*shipped_pack_files(), *extra_files], warnings=warnings)
    if not result.files and not problems:
        shipped = Path(str(resources.files(__name__).joinpath("packs")))
        problems.append(PackProblem(shipped, None, "no pack files: none shipped, no content directory set"))
    return result, problems + result.problems


def _expand(paths: Sequence[Path], *, dirs_only: bool = False) -> tuple[list[Path], list[PackProblem]]:
    """Pack files named by ``paths`` (files as given, directories' ``*.yaml``/``*.yml``) and problems."""
    files: list[Path] = []
    problems: list[PackProblem] = []
    for path in paths:
        if path.is_dir():
            found = sorted(entry for entry in path.iterdir() if _is_pack(entry))
            if not found:
                problems.append(PackProblem(path, None, "no pack files (*.yaml, *.yml) in this directory"))
            files.extend(found)
        elif not path.exists():
            kind = "directory" if dirs_only else "file or directory"
            problems.append(PackProblem(path, None, f"no such {kind}"))
        elif dirs_only:
            problems.append(PackProblem(path, None, "not a directory (content directories hold pack files)"))
        else:
            files.append(path)
    return _without_repeats(files), problems


def _without_repeats(files: list[Path]) -> list[Path]:
    """The files in order, each once (a file may be named both alone and through its directory)."""
    seen: set[Path] = set()
    unique: list[Path] = []
    for file in files:
        if file.resolve() not in seen:
            seen.add(file.resolve())
            unique.append(file)
    return unique


def _is_pack(entry: Traversable) -> bool:
    """Whether a directory entry is a pack file."""
    return entry.is_file() and entry.name.endswith(PACK_SUFFIXES) and not entry.name.startswith(".")
