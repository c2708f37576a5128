"""What is wrong with a content pack, located by file and line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PackProblem:
    """One problem found in a pack file: where it is and what is wrong."""

    path: Path
    line: int | None
    reason: str

    @property
    def location(self) -> str:
        """``file:line`` (or just ``file`` when the problem concerns the whole file)."""
        return f"{self.path}:{self.line}" if self.line is not None else str(self.path)

    def __str__(self) -> str:
        return f"{self.location}: {self.reason}"


class PackError(Exception):
    """Raised when content packs do not validate; carries every problem found."""

    def __init__(self, problems: list[PackProblem]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        heading = f"{count} problem{'s' if count != 1 else ''} in content packs"
        super().__init__("\n".join([heading + ":", *(f"  {p}" for p in self.problems)]))
