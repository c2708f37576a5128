"""Imports decks people already have into question packs, and exports packs for review outside YAML.

Readers: Anki CSV / text exports (``anki_csv``), Markdown decks (``markdown_deck``) and Anki packages
(``apkg``). Each gives a ``Deck`` of notes; ``build`` turns one into a pack with plain key points and
a review of what needs an author's look; ``writer`` writes the pack file; ``export`` writes a pack
back out as Markdown (which imports back) or as Anki CSV.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from content.importers.anki_csv import read_csv
from content.importers.apkg import read_apkg
from content.importers.build import Finding, ImportedPack, build_pack
from content.importers.export import to_csv, to_markdown
from content.importers.markdown_deck import read_markdown
from content.importers.notes import Deck, ImportFailure, Note
from content.importers.writer import pack_text

__all__ = [
    "FORMATS",
    "Deck",
    "Finding",
    "ImportFailure",
    "ImportedPack",
    "Note",
    "build_pack",
    "format_of",
    "pack_text",
    "read_deck",
    "to_csv",
    "to_markdown",
]

FORMATS: dict[str, Callable[[Path], Deck]] = {"csv": read_csv, "md": read_markdown, "apkg": read_apkg}
EXTENSIONS = {".csv": "csv", ".tsv": "csv", ".txt": "csv", ".md": "md", ".markdown": "md", ".apkg": "apkg"}


def format_of(path: Path, given: str | None = None) -> str:
    """The deck format: ``given``, or the one the file's extension names; ``ImportFailure`` otherwise."""
    if given:
        if given not in FORMATS:
            raise ImportFailure(f"unknown format '{given}'; use one of {', '.join(FORMATS)}")
        return given
    found = EXTENSIONS.get(path.suffix.lower())
    if found is None:
        known = ", ".join(EXTENSIONS)
        raise ImportFailure(
            f"{path.name}: cannot tell the format from its name (known: {known}); give --format csv|md|apkg"
        )
    return found


def read_deck(path: Path, fmt: str) -> Deck:
    """The notes of the deck file ``path`` in format ``fmt``; ``ImportFailure`` when it cannot be read."""
    if not path.is_file():
        raise ImportFailure(f"{path}: no such file")
    try:
        return FORMATS[fmt](path)
    except OSError as error:
        raise ImportFailure(f"{path.name}: cannot read the file: {error.strerror or error}") from None
