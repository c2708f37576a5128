"""What every deck reader produces: notes (a front, a back and their extras) and the import's failure."""

from __future__ import annotations

from dataclasses import dataclass, field


class ImportFailure(Exception):
    """A deck that cannot be imported at all; the message says why and what to do, in one line."""


@dataclass(frozen=True)
class Note:
    """One card of a deck: the question (front), the answer (back) and what the deck says besides.

    ``points`` are key points the deck names itself (Markdown bullet lines); ``where`` locates the
    note in its file for the review report ("line 12", "note 3").
    """

    front: str
    back: str
    where: str
    tags: tuple[str, ...] = ()
    points: tuple[str, ...] = ()
    hints: tuple[str, ...] = ()
    difficulty: str = ""
    id: str = ""


@dataclass
class Deck:
    """The notes read from one file, its title (when the file names one) and notes on what was skipped."""

    notes: list[Note]
    title: str = ""
    skipped: list[str] = field(default_factory=list)


def decode(raw: bytes, name: str) -> str:
    """UTF-8 text (a byte-order mark is dropped), or an ``ImportFailure`` naming the first bad line."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ImportFailure(
            f"{name}:{line}: the file is not UTF-8 text; save it as UTF-8 and import it again"
        ) from None
