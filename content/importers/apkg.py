"""Reads an Anki package (``.apkg``): a zip holding the collection as SQLite, read with the standard library.

Packages exported with "Support older Anki versions" hold ``collection.anki21`` (or, from old Anki,
``collection.anki2``); both are SQLite files whose ``notes`` table has the fields in ``flds``,
separated by ``\\x1f``, and space-separated ``tags``. Newer packages hold only
``collection.anki21b``, compressed with zstd, which the standard library cannot read. The first field
is the front and the second the back; both are HTML.
"""

from __future__ import annotations

import json
import re
import sqlite3
import tempfile
import zipfile
import zlib
from pathlib import Path

from content.importers.html_text import strip_html
from content.importers.notes import Deck, ImportFailure, Note

COLLECTIONS = ("collection.anki21", "collection.anki2")
NEWER_COLLECTION = "collection.anki21b"
FIELD_SEPARATOR = "\x1f"
MAX_COLLECTION_BYTES = 200_000_000
_CLOZE = re.compile(r"\{\{c\d+::")


def read_apkg(path: Path) -> Deck:
    """The notes of an Anki package; ``ImportFailure`` for a package that cannot be imported."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            member = next((name for name in COLLECTIONS if name in names), None)
            if member is None:
                raise ImportFailure(_no_collection(path.name, names))
            size = archive.getinfo(member).file_size
            if size > MAX_COLLECTION_BYTES:
                limit = f"at most {MAX_COLLECTION_BYTES:,} are read"
                raise ImportFailure(f"{path.name}: the collection has {size:,} bytes; {limit}")
            data = archive.read(member)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error) as error:
        raise ImportFailure(
            f"{path.name}: not a readable .apkg: the zip archive is broken ({error})"
        ) from None
    rows, title = _read_collection(data, path.name, member)
    deck = Deck([], title=title)
    for number, (fields, tags) in enumerate(rows, start=1):
        if _CLOZE.search(fields):
            deck.skipped.append(
                f"note {number}: a cloze note, skipped; write it as a question and its answer"
            )
            continue
        parts = [strip_html(field) for field in fields.split(FIELD_SEPARATOR)]
        front, back = [*parts, "", ""][:2]
        if front and back:
            deck.notes.append(Note(front=front, back=back, where=f"note {number}", tags=tuple(tags.split())))
        else:
            deck.skipped.append(f"note {number}: skipped, it has no {'back' if front else 'front'}")
    if not deck.notes:
        raise ImportFailure(f"{path.name}: the collection has no notes with a front and a back")
    return deck


def _no_collection(name: str, names: set[str]) -> str:
    """Why a zip holds nothing to import: a newer-format collection, or none at all."""
    if NEWER_COLLECTION in names:
        return (
            f"{name}: this package was exported by a newer Anki in a compressed format (collection.anki21b); "
            'export the deck again with "Support older Anki versions" ticked'
        )
    return (
        f"{name}: the zip holds no Anki collection (collection.anki2 or collection.anki21); is it an .apkg?"
    )


def _read_collection(data: bytes, name: str, member: str) -> tuple[list[tuple[str, str]], str]:
    """The (fields, tags) of every note, in creation order, and the deck's name when there is one."""
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "collection.sqlite"
        file.write_bytes(data)
        connection = sqlite3.connect(file)
        try:
            rows = connection.execute("SELECT flds, tags FROM notes ORDER BY id").fetchall()
            title = _deck_name(connection)
        except sqlite3.DatabaseError as error:
            raise ImportFailure(f"{name}: {member} is not a readable Anki collection ({error})") from None
        finally:
            connection.close()
    return [(str(fields), str(tags or "")) for fields, tags in rows], title


def _deck_name(connection: sqlite3.Connection) -> str:
    """The first deck's name other than "Default" (from the ``col`` table's JSON), or ""."""
    try:
        row = connection.execute("SELECT decks FROM col").fetchone()
        decks = json.loads(row[0]) if row and row[0] else {}
    except (sqlite3.DatabaseError, ValueError, TypeError):
        return ""
    names = [deck.get("name", "") for deck in decks.values() if isinstance(deck, dict)]
    return next((deck for deck in names if deck and deck != "Default"), "")
