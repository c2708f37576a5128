"""Reading answers: a prompt_toolkit line editor in a terminal, whole lines from a pipe.

In a terminal, Enter submits and Esc then Enter (Alt-Enter in most terminals) starts a new line;
pasted text arrives as one bracketed paste, newlines included, so a pasted paragraph is one answer.
The editor reads the terminal raw, so no line discipline cuts a long answer at 4,095 characters.
From a pipe every line is one answer, and a line ending in a backslash continues on the next one.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable
from typing import TextIO

from prompt_toolkit import PromptSession
from prompt_toolkit.history import InMemoryHistory
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent

ReadLine = Callable[[str], Awaitable[str | None]]
"""Reads one answer or command after showing a prompt; None at end of input."""

INTERRUPTED = "\x03"
"""What a reader returns when Ctrl-C was pressed: the session ends at once, with its summary."""

CONTINUATION = "\\"


def _key_bindings() -> KeyBindings:
    """Enter submits; Esc-Enter / Alt-Enter and Ctrl-J insert a newline."""
    bindings = KeyBindings()

    @bindings.add("enter")
    def _submit(event: KeyPressEvent) -> None:
        event.current_buffer.validate_and_handle()

    @bindings.add("escape", "enter")
    @bindings.add("c-j")
    def _newline(event: KeyPressEvent) -> None:
        event.current_buffer.insert_text("\n")

    return bindings


def terminal_reader() -> ReadLine:
    """A reader for an interactive terminal, with history of this session's answers."""
    session: PromptSession[str] = PromptSession(
        history=InMemoryHistory(),
        multiline=True,
        key_bindings=_key_bindings(),
        prompt_continuation=lambda width, line, soft: " " * width if soft else "·".rjust(width - 1) + " ",
        enable_history_search=False,
    )

    async def read(prompt: str) -> str | None:
        try:
            return await session.prompt_async(prompt)
        except KeyboardInterrupt:
            return INTERRUPTED
        except EOFError:
            return None

    return read


def pipe_reader(stream: TextIO | None = None) -> ReadLine:
    """A reader of whole lines from a pipe; ``line \\`` continues an answer on the next line."""
    source = stream or sys.stdin

    async def read(prompt: str) -> str | None:
        parts: list[str] = []
        while True:
            line = await asyncio.to_thread(source.readline)
            if not line:
                return "\n".join(parts) if parts else None
            line = line.rstrip("\r\n")
            if line.endswith(CONTINUATION):
                parts.append(line[: -len(CONTINUATION)])
                continue
            parts.append(line)
            return "\n".join(parts)

    return read
