"""What an import or export needs to know about the packs already there: ids in use, topic titles, files."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path

import yaml

from bot.model.questions import Question
from content import shipped_pack_files
from content.loader import load_packs
from content.problems import PackProblem

PACK_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Existing:
    """The question ids and topics of the packs already in the bank."""

    ids: set[str]
    topics: dict[str, str]


@dataclass(frozen=True)
class LoadedPack:
    """One pack file's questions and topics, or the problems that keep it from loading."""

    questions: list[Question]
    topics: dict[str, str]
    problems: list[PackProblem]


def bank_files(content_dirs: Sequence[Path]) -> list[Traversable]:
    """The shipped pack files and those of the content directories."""
    files: list[Traversable] = list(shipped_pack_files())
    for folder in content_dirs:
        if folder.expanduser().is_dir():
            found = (p for p in folder.expanduser().iterdir() if p.is_file() and p.suffix in PACK_SUFFIXES)
            files += sorted(found)
    return files


def existing(content_dirs: Sequence[Path], leaving_out: Path | None = None) -> Existing:
    """The ids and topics in use by the bank, without the file ``leaving_out`` (the one to be replaced)."""
    skip = leaving_out.resolve() if leaving_out is not None else None
    files = [entry for entry in bank_files(content_dirs) if Path(str(entry)).resolve() != skip]
    result = load_packs(files)
    return Existing({question.id for question in result.questions}, dict(result.topics))


def find_pack(name: str, content_dirs: Sequence[Path]) -> Path | None:
    """A pack file: the path itself, or the bank's file whose ``pack:`` name or file stem is ``name``."""
    given = Path(name).expanduser()
    if given.is_file():
        return given
    for entry in bank_files(content_dirs):
        path = Path(str(entry))
        if path.stem == name or _pack_name(path) == name:
            return path
    return None


def load_pack(path: Path, content_dirs: Sequence[Path]) -> LoadedPack:
    """The questions and topics of one pack file, checked against the rest of the bank."""
    context = [e for e in bank_files(content_dirs) if Path(str(e)).resolve() != path.resolve()]
    result = load_packs([path], context=context)
    return LoadedPack(result.questions, result.topics, result.problems)


def _pack_name(path: Path) -> str:
    """The ``pack:`` field of a pack file ("" when it cannot be read)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return ""
    return str(data.get("pack", "")) if isinstance(data, dict) else ""
