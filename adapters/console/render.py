"""Renders the core's replies for a terminal: rich panels when interactive, plain text otherwise."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

from bot.model.grades import Verdict
from bot.model.messages import Reply, ReplyKind

STYLES = {
    ReplyKind.QUESTION: "cyan",
    ReplyKind.GRADE: "green",
    ReplyKind.ERROR: "red",
    ReplyKind.HINT: "yellow",
    ReplyKind.ANSWER: "magenta",
}
VERDICT_STYLES = {Verdict.CORRECT: "green", Verdict.PARTIAL: "yellow", Verdict.WRONG: "red"}


def plain_lines(reply: Reply) -> list[str]:
    """The reply as plain text lines (for pipes and scripts)."""
    lines = [reply.title]
    lines += [part for part in reply.body if part]
    if reply.hits:
        lines.append("Key points you made:")
        lines += [f"  + {hit}" for hit in reply.hits]
    if reply.misses:
        lines.append("Key points you missed:")
        lines += [f"  - {miss}" for miss in reply.misses]
    for section in reply.sections:
        if section.heading:
            lines.append(f"{section.heading}:")
        lines += [f"  {line}" for line in section.lines]
    if reply.kind is ReplyKind.QUESTION:
        lines.append("(answer below, or /hint, /skip, /answer, /topics, /quit)")
    return lines


def rich_panel(reply: Reply) -> Panel:
    """The reply as a rich panel; user-supplied text is never parsed as markup."""
    style = VERDICT_STYLES.get(reply.verdict or "", STYLES.get(reply.kind, "blue"))
    parts: list[Text] = [Text(part) for part in reply.body if part]
    if reply.hits:
        parts.append(Text("\n".join(f"✓ {hit}" for hit in reply.hits), style="green"))
    if reply.misses:
        parts.append(Text("\n".join(f"✗ {miss}" for miss in reply.misses), style="red"))
    for section in reply.sections:
        block = Text()
        if section.heading:
            block.append(section.heading + "\n", style="bold")
        block.append("\n".join(section.lines))
        parts.append(block)
    if reply.kind is ReplyKind.QUESTION:
        parts.append(Text("Answer below, or /hint, /skip, /answer, /topics, /quit", style="dim"))
    return Panel(
        Group(*parts), title=Text(reply.title, style=f"bold {style}"), border_style=style, expand=True
    )


def show(console: Console, replies: list[Reply], *, plain: bool) -> None:
    """Print replies to the console in the chosen style."""
    for reply in replies:
        if plain:
            for line in plain_lines(reply):
                console.out(line, highlight=False)
            console.out("")
        else:
            console.print(rich_panel(reply))
