"""Reads CSV and tab-separated text as Anki exports notes: front, back, optional tags, ``#key:value`` headers.

Anki's "Notes in Plain Text" export starts with header lines such as ``#separator:tab``,
``#html:true`` and ``#tags column:3``. The separator is ``Tab``, ``Comma``, ``Semicolon``, ``Pipe``,
``Space`` or a literal character; without a header it is guessed from the first note (tab, then
semicolon, then comma). ``#html:true`` fields are HTML and are reduced to their text; without
``#html:`` a field is treated as HTML only when it holds markup. ``#guid``, ``#notetype`` and
``#deck column:N`` columns are skipped; the first two remaining columns are the front and the back,
and the third (or the ``#tags column:N``, or the column ``#columns:`` names "Tags") holds
space-separated tags. Other ``#key:value`` lines are read and ignored.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from content.importers.html_text import clean_lines, looks_like_html, strip_html
from content.importers.notes import Deck, ImportFailure, Note, decode

SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";", "pipe": "|", "space": " "}
_META_COLUMNS = ("guid column", "notetype column", "deck column")


def read_csv(path: Path) -> Deck:
    """The notes of an Anki CSV / text export; ``ImportFailure`` for a file that cannot be imported."""
    text = decode(path.read_bytes(), path.name)
    lines = text.splitlines(keepends=True)
    headers, count = _headers(lines)
    body = "".join(lines[count:])
    if not body.strip():
        raise ImportFailure(f"{path.name}: the file has no notes (an empty file, or headers only)")
    separator = _separator(headers, body, path.name)
    html = headers.get("html", "").lower()
    if html not in ("", "true", "false"):
        raise ImportFailure(f"{path.name}: '#html:{headers['html']}' must be '#html:true' or '#html:false'")
    columns = _columns(headers, separator, path.name)
    notes = [
        _note(row, line, columns, html, path.name)
        for row, line in _rows(body, separator, count + 1, path.name)
        if any(cell.strip() for cell in row)
    ]
    if not notes:
        raise ImportFailure(f"{path.name}: the file has no notes")
    deck = headers.get("deck", "")
    return Deck(notes, title="" if deck == "Default" else deck)


def _headers(lines: list[str]) -> tuple[dict[str, str], int]:
    """The ``#key:value`` lines at the top (keys lowercased) and how many lines they take."""
    headers: dict[str, str] = {}
    count = 0
    for line in lines:
        stripped = line.strip()
        if not stripped.startswith("#") or ":" not in stripped:
            break
        key, _, value = stripped[1:].partition(":")
        headers[key.strip().lower()] = value.strip()
        count += 1
    return headers, count


def _separator(headers: dict[str, str], body: str, name: str) -> str:
    """The column separator the header names, or the one the first note line uses."""
    raw = headers.get("separator")
    if raw is None:
        first = next(line for line in body.splitlines() if line.strip())
        return next((sep for sep in ("\t", ";", ",") if sep in first), ",")
    if raw.lower() in SEPARATORS:
        return SEPARATORS[raw.lower()]
    if len(raw) == 1:
        return raw
    known = ", ".join(name.capitalize() for name in SEPARATORS)
    raise ImportFailure(f"{name}: unknown '#separator:{raw}'; use {known} or a single character")


def _columns(headers: dict[str, str], separator: str, name: str) -> tuple[set[int], int | None]:
    """The 0-based columns that are not fields (guid, notetype, deck) and the tags column, if named.

    ``#tags column:3`` names the tags column by number; ``#columns:Front<sep>Back<sep>Tags`` by name.
    """
    try:
        skipped = {int(headers[key]) - 1 for key in _META_COLUMNS if key in headers}
        tags = int(headers["tags column"]) - 1 if "tags column" in headers else None
    except ValueError:
        raise ImportFailure(f"{name}: a '#... column:' header must give a column number") from None
    named = [column.strip().lower() for column in headers.get("columns", "").split(separator)]
    if tags is None and "tags" in named:
        tags = named.index("tags")
    return skipped, tags


def _rows(body: str, separator: str, first_line: int, name: str) -> list[tuple[list[str], int]]:
    """Each CSV row with the line it starts on (quoted fields may span lines)."""
    reader = csv.reader(io.StringIO(body), delimiter=separator, quotechar='"')
    rows = []
    start = 1
    try:
        for row in reader:
            rows.append((row, first_line + start - 1))
            start = reader.line_num + 1
    except csv.Error as error:
        raise ImportFailure(
            f"{name}:{first_line + start - 1}: this row is not readable CSV ({error})"
        ) from None
    return rows


def _note(row: list[str], line: int, columns: tuple[set[int], int | None], html: str, name: str) -> Note:
    """One note from a row; a row without a front and a back is an ``ImportFailure``."""
    skipped, tags_at = columns
    fields = [cell for i, cell in enumerate(row) if i not in skipped and i != tags_at]
    tags_cell = row[tags_at] if tags_at is not None and tags_at < len(row) else ""
    if tags_at is None and len(fields) > 2:
        tags_cell = fields[2]
    front, back = (_text(cell, html) for cell in ([*fields, "", ""])[:2])
    if not front or not back:
        what = "only a front" if front else "no front"
        raise ImportFailure(
            f"{name}:{line}: this row has {what}; each note needs a front and a back "
            "(columns: front, back, optional tags)"
        )
    return Note(front=front, back=back, where=f"line {line}", tags=tuple(tags_cell.split()))


def _text(cell: str, html: str) -> str:
    """A field's plain text: HTML stripped when the file is HTML (or, unsaid, when it looks like HTML)."""
    if html == "true" or (html == "" and looks_like_html(cell)):
        return strip_html(cell)
    return clean_lines(cell)
