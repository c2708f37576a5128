"""Reads tables in an answer as sentences: each cell said of its row's and its column's names.

A table is two or more consecutive lines split into the same number (two or more) of cells by tabs
or by pipes (a Markdown table; its ``|---|`` rule line is dropped).  With three or more columns the
first row names the columns, so "Deployment | Single deployment | Independent deployment" under
"Feature | Monolith | Microservices" reads "monolith deployment: single deployment" and
"microservices deployment: independent deployment": each claim beside the side it is about.  A
two-column row is a term and what it means ("GET | Retrieve data" reads "GET: Retrieve data").
Everything else is left as it is, and the work is linear in the length of the text (a text with
more than ``MAX_SEPARATORS`` tabs and pipes is not read for tables at all).
"""

from __future__ import annotations

import re

MIN_ROWS = 2
MIN_COLUMNS = 2
MAX_SEPARATORS = 400
_RULE_RE = re.compile(r"^[\s|:+-]*-[\s|:+-]*$")  # a Markdown rule line: "|---|:---:|"
_TAB_RE = re.compile(r"\t+")


def _cells(line: str) -> list[str] | None:
    """A line's cells when it is split by tabs or pipes, else None."""
    if "\t" in line.strip():
        cells = _TAB_RE.split(line.strip())
    elif line.count("|") >= 1 and "||" not in line:
        cells = line.strip().strip("|").split("|")
    else:
        return None
    cells = [cell.strip() for cell in cells]
    return cells if len(cells) >= MIN_COLUMNS else None


def _sentences(rows: list[list[str]]) -> list[str]:
    """The lines a table reads as."""
    width = len(rows[0])
    if width == MIN_COLUMNS:
        return [f"{term}: {meaning}." if term and meaning else f"{term}{meaning}." for term, meaning in rows]
    header, body = rows[0], rows[1:]
    lines = [", ".join(cell for cell in header if cell) + "."]
    for row in body:
        name = row[0]
        for column, cell in zip(header[1:], row[1:], strict=True):
            if cell:
                lines.append(f"{column} {name}: {cell}.")
    return lines


def flatten_tables(text: str) -> str:
    """The text with every table replaced by the sentences it says (unchanged when it has none)."""
    if "\t" not in text and "|" not in text:
        return text
    if text.count("|") + text.count("\t") > MAX_SEPARATORS:
        return text  # far more cells than any answer's table: not worth reading as one
    lines = text.split("\n")
    out: list[str] = []
    block: list[list[str]] = []
    raw: list[str] = []

    def flush() -> None:
        """End the current block: its sentences if it is a table, else its lines as they were."""
        if len(block) >= MIN_ROWS:
            out.extend(_sentences(block))
        else:
            out.extend(raw)
        block.clear()
        raw.clear()

    for line in lines:
        if block and _RULE_RE.match(line) and "-" in line:
            continue  # the rule under a Markdown header
        cells = _cells(line)
        if cells is not None and (not block or len(cells) == len(block[0])):
            block.append(cells)
            raw.append(line)
            continue
        flush()
        if cells is not None:
            block.append(cells)
            raw.append(line)
        else:
            out.append(line)
    flush()
    return "\n".join(out)
