"""Renders the core's ``Reply`` objects as Telegram HTML messages with inline keyboards.

Every piece of text is escaped.  A reply longer than Telegram's 4,096-character limit is split
between lines (a single over-long line at a space) into at most ``MAX_CHUNKS`` messages and trimmed
with an ellipsis beyond that.  Lengths are measured on the HTML itself in UTF-16 code units, which is
never less than what Telegram counts after parsing, so a chunk can never be refused as too long.
"""

from __future__ import annotations

import html
import logging
import unicodedata
from dataclasses import dataclass, replace

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.messages import Button, Reply, ReplyKind

log = logging.getLogger(__name__)

MAX_MESSAGE_LENGTH = 4096
MAX_CHUNKS = 4
MAX_CALLBACK_DATA = 64
MAX_ALERT = 200
TRIMMED = "\n…"
_BUDGET = MAX_MESSAGE_LENGTH - 2 * len(TRIMMED)


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units (how Telegram measures text)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def escape(text: str) -> str:
    """Text made safe for Telegram HTML: ``<``, ``>``, ``&`` escaped, lone surrogates replaced."""
    clean = text.encode("utf-8", "replace").decode("utf-8")
    return html.escape(clean, quote=False)


@dataclass(frozen=True)
class Span:
    """A run of text in one style: ``b``, ``i``, ``a`` (with ``href``) or plain (empty tag)."""

    text: str
    tag: str = ""
    href: str | None = None

    def html(self) -> str:
        """The span as escaped HTML."""
        inner = escape(self.text)
        if not self.tag:
            return inner
        attrs = f' href="{html.escape(self.href)}"' if self.href else ""
        return f"<{self.tag}{attrs}>{inner}</{self.tag}>"


Line = tuple[Span, ...]


@dataclass(frozen=True)
class Rendered:
    """A reply as HTML messages to send in order; the keyboard goes under the last one."""

    chunks: tuple[str, ...]
    keyboard: InlineKeyboardMarkup | None


def render(reply: Reply, mention_user_id: str | None = None) -> Rendered:
    """Render a reply; ``mention_user_id`` turns ``reply.mention`` into a link to that user."""
    return Rendered(pack(layout(reply, mention_user_id)), keyboard(reply.buttons))


def layout(reply: Reply, mention_user_id: str | None = None) -> list[list[Line]]:
    """The reply as paragraphs of styled lines."""
    paragraphs: list[list[Line]] = [[_title(reply, mention_user_id)]]
    if reply.body:
        styles = (
            ["b", *["i"] * len(reply.body)] if reply.kind is ReplyKind.QUESTION else [""] * len(reply.body)
        )
        paragraphs.append([(Span(text, style),) for text, style in zip(reply.body, styles, strict=False)])
    if reply.hits:
        paragraphs.append([(Span("Key points you hit", "b"),), *[(Span(f"✅ {t}"),) for t in reply.hits]])
    if reply.misses:
        paragraphs.append([(Span("Key points you missed", "b"),), *[(Span(f"▫️ {t}"),) for t in reply.misses]])
    for section in reply.sections:
        heading = [(Span(section.heading, "b"),)] if section.heading else []
        lines = [(Span(line),) for line in section.lines]
        if heading or lines:
            paragraphs.append(heading + lines)
    return paragraphs


def _title(reply: Reply, mention_user_id: str | None) -> Line:
    style = "i" if reply.kind is ReplyKind.QUESTION else "b"
    if not reply.mention:
        return (Span(reply.title, style),)
    who = (
        Span(reply.mention, "a", f"tg://user?id={mention_user_id}")
        if mention_user_id
        else Span(reply.mention, "b")
    )
    return (who, Span(" · "), Span(reply.title, style))


def pack(paragraphs: list[list[Line]]) -> tuple[str, ...]:
    """Join the lines into as few messages as fit, at most ``MAX_CHUNKS``, trimmed beyond."""
    chunks: list[str] = []
    current = ""
    for separator, piece in _pieces(paragraphs):
        candidate = current + separator + piece if current else piece
        if utf16_len(candidate) <= _BUDGET:
            current = candidate
        else:
            chunks.append(current)
            current = piece
    if current:
        chunks.append(current)
    if len(chunks) > MAX_CHUNKS:
        chunks = [*chunks[: MAX_CHUNKS - 1], chunks[MAX_CHUNKS - 1] + TRIMMED]
    return tuple(chunks)


def _pieces(paragraphs: list[list[Line]]) -> list[tuple[str, str]]:
    """(separator, html) pairs: a blank line between paragraphs, a line break between lines."""
    pieces: list[tuple[str, str]] = []
    for paragraph in paragraphs:
        for index, line in enumerate(paragraph):
            separator = "\n" if index else "\n\n"
            for part, piece in enumerate(_fit(line)):
                pieces.append((separator if part == 0 else "", piece))
    return pieces


def _fit(line: Line) -> list[str]:
    """The line's HTML, cut into pieces of at most the budget if it is longer."""
    whole = "".join(span.html() for span in line)
    if utf16_len(whole) <= _BUDGET:
        return [whole]
    pieces = []
    for span in line:
        overhead = utf16_len(replace(span, text="").html())
        pieces.extend(replace(span, text=text).html() for text in split_text(span.text, _BUDGET - overhead))
    return pieces


def split_text(text: str, budget: int) -> list[str]:
    """Cut plain text into pieces whose escaped form fits the budget, at spaces where possible.

    Never cuts a character from the combining marks, joiners or variation selectors that follow it.
    """
    pieces: list[str] = []
    start = 0
    while start < len(text):
        end, used = start, 0
        while end < len(text) and used + utf16_len(escape(text[end])) <= budget:
            used += utf16_len(escape(text[end]))
            end += 1
        if end == start:
            end = start + 1  # only with an absurdly small budget
        elif end < len(text):
            end = _good_cut(text, start, end)
        if text[start:end].strip():
            pieces.append(text[start:end])
        start = end
    return pieces


def _good_cut(text: str, start: int, end: int) -> int:
    space = max(text.rfind(" ", start, end), text.rfind("\n", start, end))
    if space > start + (end - start) // 2:
        return space + 1
    cut = end
    while cut > start + 1 and (_clings(text[cut]) or text[cut - 1] == "\u200d"):
        cut -= 1
    return cut


def _clings(char: str) -> bool:
    """Whether a character belongs to the one before it (combining mark, joiner, selector)."""
    return (
        unicodedata.category(char) in {"Mn", "Mc", "Me"}
        or char in "\u200d\ufe0e\ufe0f"
        or ("\U0001f3fb" <= char <= "\U0001f3ff")
    )


def keyboard(buttons: tuple[Button, ...]) -> InlineKeyboardMarkup | None:
    """Inline buttons carrying their actions as callback data; actions over 64 bytes are left out."""
    usable = []
    for button in buttons:
        if 0 < len(button.action.encode()) <= MAX_CALLBACK_DATA:
            usable.append(InlineKeyboardButton(button.label, callback_data=button.action))
        else:
            log.warning("left out a button whose action is %d bytes", len(button.action.encode()))
    if not usable:
        return None
    width = 3 if len(usable) <= 3 else 2
    return InlineKeyboardMarkup([usable[i : i + width] for i in range(0, len(usable), width)])


def alert_text(reply: Reply) -> str | None:
    """The reply as plain text for a pop-up only the presser sees, or None if it is too long for one."""
    text = "\n".join((reply.title, *reply.body)).strip()
    if reply.buttons or reply.sections or reply.hits or reply.misses or utf16_len(text) > MAX_ALERT:
        return None
    return text.encode("utf-8", "replace").decode("utf-8")
