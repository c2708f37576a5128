"""Reads a Markdown deck: ``## question`` headings, each followed by its answer.

Under a question, bullet lines (``-``, ``*``, ``+`` or ``1.``) are its key points and the other lines
its model answer (the bullets make the answer when there is no other text). ``> Hint: ...`` lines
are hints, and an HTML comment ``<!-- id: jwt; difficulty: easy; tags: auth, tokens -->`` carries
the id, difficulty and tags (``content export --format md`` writes one, so an export imports back
as it was). An optional ``# Topic`` heading gives the topic's title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from content.importers.notes import Deck, ImportFailure, Note, decode

_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$")
_HINT = re.compile(r"^>\s*(?:\*\*)?hint(?:\*\*)?\s*:?\s*(?:\*\*)?\s*(.*)$", re.I)
_META = re.compile(r"^<!--(.*)-->$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


@dataclass
class _Draft:
    """A question being read: its heading and the lines under it."""

    front: str
    line: int
    prose: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    last: str = ""


def read_markdown(path: Path) -> Deck:
    """The notes of a Markdown deck; ``ImportFailure`` for a file that cannot be imported."""
    text = decode(path.read_bytes(), path.name)
    if not text.strip():
        raise ImportFailure(f"{path.name}: the file is empty")
    title, drafts = _read(text.splitlines())
    if not drafts:
        raise ImportFailure(f"{path.name}: no questions found; a deck has '## question' headings")
    return Deck([_note(draft, path.name) for draft in drafts], title=title)


def _read(lines: list[str]) -> tuple[str, list[_Draft]]:
    """The first ``#`` heading and the questions, each with its lines sorted by kind."""
    title = ""
    drafts: list[_Draft] = []
    fenced = False
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if _FENCE.match(line):
            fenced = not fenced
        if not fenced and stripped.startswith("## "):
            drafts.append(_Draft(_plain(stripped[3:]), number))
        elif not fenced and stripped.startswith("# "):
            title = title or _plain(stripped[2:])
        elif drafts:
            _add(drafts[-1], line, fenced or bool(_FENCE.match(line)))
    return title, drafts


def _add(draft: _Draft, line: str, code: bool) -> None:
    """Put one line under a question where it belongs: prose, a bullet, a hint or the metadata."""
    stripped = line.strip()
    bullet, hint, meta = _BULLET.match(line), _HINT.match(stripped), _META.match(stripped)
    if code:
        draft.prose.append(line.rstrip())
    elif meta:
        for item in meta.group(1).split(";"):
            key, _, value = item.partition(":")
            draft.meta[key.strip().lower()] = value.strip()
    elif hint:
        draft.hints.append(_plain(hint.group(1)))
    elif bullet:
        draft.bullets.append(_plain(bullet.group(1)))
    elif stripped and line[:1] in (" ", "\t") and draft.last == "bullet":
        draft.bullets[-1] += " " + _plain(stripped)  # an indented line continues its bullet
        return
    elif stripped:
        draft.prose.append(_plain(stripped))
    elif draft.prose and draft.prose[-1]:
        draft.prose.append("")
    draft.last = "bullet" if bullet and not (code or meta or hint) else "other"


def _note(draft: _Draft, name: str) -> Note:
    """A note from a question; a question with no answer is an ``ImportFailure``."""
    prose = "\n".join(draft.prose).strip()
    answer = prose or " ".join(_sentence(bullet) for bullet in draft.bullets)
    if not draft.front:
        raise ImportFailure(f"{name}:{draft.line}: a '##' heading with no question text")
    if not answer:
        raise ImportFailure(f"{name}:{draft.line}: the question '{draft.front}' has no answer under it")
    tags = tuple(tag.strip() for tag in draft.meta.get("tags", "").split(",") if tag.strip())
    return Note(
        front=draft.front,
        back=answer,
        where=f"line {draft.line}",
        tags=tags,
        points=tuple(draft.bullets),
        hints=tuple(hint for hint in draft.hints if hint),
        difficulty=draft.meta.get("difficulty", ""),
        id=draft.meta.get("id", ""),
    )


def _plain(text: str) -> str:
    """Text without bold markers and surrounding whitespace."""
    return _EMPHASIS.sub(r"\2", text).strip()


def _sentence(text: str) -> str:
    """A bullet as a sentence of the answer (a full stop added when it has none)."""
    return text if text.endswith((".", "!", "?", ":")) else text + "."
