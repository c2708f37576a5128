"""The terminal adapter as a user meets it: ``interview-bot practice`` in a pseudo-terminal (pexpect)."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pexpect
import pytest

PROMPT = "answer>"
REPLIED = r"╯(?:\s|\x1b\[[0-9;?]*[A-Za-z]){0,40}" + PROMPT
"""A panel's last border, then the prompt: the replies are out (the prompt is redrawn as one types)."""
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"


class Terminal:
    """One ``interview-bot practice`` process on a 60-column pseudo-terminal."""

    def __init__(self, child: pexpect.spawn) -> None:
        self.child = child

    def wait_prompt(self, timeout: float = 30) -> str:
        """Wait for the replies and the prompt after them; the text printed, without escape sequences."""
        self.child.expect(REPLIED, timeout=timeout)
        return ANSI.sub("", self.child.before + self.child.after)

    def paste(self, text: str) -> None:
        """Paste text as a terminal does with bracketed paste on, then press Enter."""
        self.child.send(PASTE_START + text + PASTE_END)
        self.child.send("\r")

    def type_line(self, text: str) -> None:
        """Type a line and press Enter."""
        self.child.send(text + "\r")

    def finish(self, timeout: float = 30) -> str:
        """Read the rest of the output until the process ends; the text without escape sequences."""
        self.child.expect(pexpect.EOF, timeout=timeout)
        self.child.close()
        return ANSI.sub("", self.child.before)


def terminals(tmp_path: Path, subcommand: str) -> Iterator[Callable[..., Terminal]]:
    """Start ``interview-bot SUBCOMMAND ARGS`` in 60-column pseudo-terminals on a private SQLite database;
    every child still running at the end is killed."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
        "TERM": "xterm",
        "COLUMNS": "60",
        "LINES": "40",
        # The pseudo-terminal does not answer cursor-position requests as a real terminal does.
        "PROMPT_TOOLKIT_NO_CPR": "1",
    }
    env.pop("CONTENT_DIRS", None)
    children: list[pexpect.spawn] = []

    def start(*args: str) -> Terminal:
        command = [sys.executable, "-m", "interview_bot", subcommand, *args]
        child = pexpect.spawn(
            command[0], command[1:], env=env, cwd=str(tmp_path), encoding="utf-8", dimensions=(40, 60)
        )
        children.append(child)
        return Terminal(child)

    yield start
    for child in children:
        if child.isalive():
            child.terminate(force=True)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Callable[..., Terminal]]:
    """Start ``interview-bot practice ARGS`` in a pseudo-terminal on a private SQLite database."""
    yield from terminals(tmp_path, "practice")
