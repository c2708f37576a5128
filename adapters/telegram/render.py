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
from collections.abc import Sequence
from dataclasses import dataclass, replace

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.model.messages import Button, Reply, ReplyKind

log = logging.getLogger(__name__)

MAX_MESSAGE_LENGTH = 4096
MAX_CHUNKS = 4
MAX_CALLBACK_DATA = 64
MAX_ALERT = 200
TRIMMED = "\n…"
MIN_ROOM = 400
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
    return render_message((reply,), mention_user_id)


def render_message(replies: Sequence[Reply], mention_user_id: str | None = None) -> Rendered:
    """Render replies that go as one message (``bot.replies.in_messages``): their paragraphs in order,
    split only where they do not fit, and all their buttons under the last chunk."""
    paragraphs = [paragraph for reply in replies for paragraph in layout(reply, mention_user_id)]
    return Rendered(pack(paragraphs), keyboard(tuple(b for reply in replies for b in reply.buttons)))


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
    """Join the lines into as few messages as fit, at most ``MAX_CHUNKS``, trimmed beyond.

    A line that fits a message is never cut; a longer one starts in the current message (if it has
    ``MIN_ROOM`` left) and spills over into the next ones.
    """
    chunks: list[str] = []
    current = ""
    for separator, line in _lines(paragraphs):
        whole = "".join(span.html() for span in line)
        joined = current + separator + whole if current else whole
        if utf16_len(joined) <= _BUDGET:
            current = joined
            continue
        if utf16_len(whole) <= _BUDGET or _BUDGET - utf16_len(current) < MIN_ROOM:
            chunks.append(current)
            current = ""
            if utf16_len(whole) <= _BUDGET:
                current = whole
                continue
        current = _spill(line, separator if current else "", current, chunks)
    if current:
        chunks.append(current)
    chunks = [chunk for chunk in chunks if chunk]
    if len(chunks) > MAX_CHUNKS:
        chunks = [*chunks[: MAX_CHUNKS - 1], chunks[MAX_CHUNKS - 1] + TRIMMED]
    return tuple(chunks)


def _lines(paragraphs: list[list[Line]]) -> list[tuple[str, Line]]:
    """(separator, line) pairs: a blank line between paragraphs, a line break between lines."""
    return [
        ("\n" if index else "\n\n", line) for paragraph in paragraphs for index, line in enumerate(paragraph)
    ]


def _spill(line: Line, lead: str, current: str, chunks: list[str]) -> str:
    """Add a too-long line to ``current``, closing full messages into ``chunks``; return the open one."""
    for span in line:
        overhead = utf16_len(replace(span, text="").html())
        text = span.text
        while text:
            piece, text = take(text, _BUDGET - utf16_len(current + lead) - overhead)
            if not piece and not current:
                piece, text = text[0], text[1:]  # cannot happen with a sane budget; never loop forever
            if piece.strip():
                current += lead + replace(span, text=piece).html()
                lead = ""
            if text:
                chunks.append(current)
                current, lead = "", ""
    return current


def take(text: str, budget: int) -> tuple[str, str]:
    """The longest head of ``text`` whose escaped form fits the budget, cut at a space where possible.

    Never separates a character from the combining marks, joiners or variation selectors after it.
    """
    end, used = 0, 0
    while end < len(text) and used + utf16_len(escape(text[end])) <= budget:
        used += utf16_len(escape(text[end]))
        end += 1
    if 0 < end < len(text):
        end = _good_cut(text, 0, end)
    return text[:end], text[end:]


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
    """Inline buttons carrying their encoded actions as callback data; those over 64 bytes are left out."""
    usable = []
    for button in buttons:
        wire = button.action.encode()
        size = len(wire.encode("utf-8"))
        if 0 < size <= MAX_CALLBACK_DATA:
            usable.append(InlineKeyboardButton(button.label, callback_data=wire))
        else:
            log.warning("left out a button whose action is %d bytes", size)
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
