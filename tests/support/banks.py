"""The question bank loaded once per version of the pack files, for command-line runs in one process.

A command loads the packs when it starts. Run in the test process again and again, each run would
read and validate the same unchanged files; ``reused_banks`` makes the commands get the bank loaded
before while no pack file (shipped or in the given directories) and no limit has changed.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

import content
from content import ContentBank, limits, shipped_pack_files

_KEPT = 8
_BANKS: dict[tuple[object, ...], ContentBank] = {}
_LOAD = content.load_bank
USERS = ("content", "interview_bot.commands.content", "interview_bot.commands.grade")
"""The modules whose ``load_bank`` the commands call."""


def files_key(extra_dirs: Sequence[Path]) -> tuple[object, ...] | None:
    """Each pack file's path, size and change time, and the limits; None if a directory is not there."""
    files = [Path(str(entry)) for entry in shipped_pack_files()]
    for folder in extra_dirs:
        folder = Path(folder).expanduser()
        if not folder.is_dir():
            return None
        files += sorted(path for path in folder.iterdir() if path.suffix in {".yaml", ".yml"})
    stats = [(str(path.resolve()), path.stat().st_size, path.stat().st_mtime_ns) for path in files]
    sizes = (limits.MAX_PACK_BYTES, limits.MAX_DOCUMENT_NODES, limits.MAX_QUESTION_NODES)
    return (*stats, sizes, limits.MAX_QUESTION_SYNONYMS)


def reused_load_bank(extra_dirs: Sequence[Path] = ()) -> ContentBank:
    """``content.load_bank``, giving the bank loaded before for the same unchanged files."""
    key = files_key(extra_dirs)
    if key is None:
        return _LOAD(extra_dirs)
    if key not in _BANKS:
        while len(_BANKS) >= _KEPT:
            del _BANKS[next(iter(_BANKS))]
        _BANKS[key] = _LOAD(extra_dirs)  # a PackError is raised, not kept
    return _BANKS[key]


@contextmanager
def reused_banks() -> Iterator[None]:
    """While inside, the commands load each version of the packs once."""
    with pytest.MonkeyPatch.context() as patch:
        for module in USERS:
            patch.setattr(f"{module}.load_bank", reused_load_bank)
        yield
