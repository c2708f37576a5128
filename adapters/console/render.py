"""Renders the core's replies for a terminal: rich panels when interactive, plain text otherwise.

A panel's title is one short line; a longer title (every error's explanation, for one) goes into the
panel's body, where it wraps, so every reply stays readable in a 60-column terminal.
"""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

from bot.model.actions import Verb
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
QUESTION_KEYS = "Answer below (Enter sends, Esc-Enter adds a line), or /hint, /skip, /answer, /quit"
PLAIN_QUESTION_KEYS = "(answer below, or /hint, /skip, /answer, /topics, /quit)"
INTERVIEW_KEYS = "Answer below (Enter sends, Esc-Enter adds a line), or /skip, /interview stop, /quit"
PLAIN_INTERVIEW_KEYS = "(answer below, or /skip, /interview stop, /quit)"
"""A question without a Hint button is a mock interview's: no hints or model answers there."""
SHORT_TITLE = 40
"""Titles longer than this go into the panel's body (a title never wraps, it is cut)."""


def _graded_line(reply: Reply) -> str | None:
    """Which question a grade or model answer is about."""
    if reply.kind in {ReplyKind.GRADE, ReplyKind.ANSWER} and reply.question_id:
        return f"Question: {reply.question_id}"
    return None


def _offers_hint(reply: Reply) -> bool:
    return any(button.action.verb is Verb.HINT for button in reply.buttons)


def plain_lines(reply: Reply) -> list[str]:
    """The reply as plain text lines (for pipes and scripts)."""
    lines = [reply.title]
    graded = _graded_line(reply)
    if graded:
        lines.append(graded)
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
        lines.append(PLAIN_QUESTION_KEYS if _offers_hint(reply) else PLAIN_INTERVIEW_KEYS)
    return lines


def _title_and_lead(reply: Reply) -> tuple[str, Text | None]:
    """The panel title, and the reply's own title as the body's first line when it is too long."""
    if reply.kind is ReplyKind.ERROR:
        return "Error", Text(reply.title, style="bold")
    if len(reply.title) > SHORT_TITLE:
        return "", Text(reply.title, style="bold")
    return reply.title, None


def rich_panel(reply: Reply) -> Panel:
    """The reply as a rich panel; user-supplied text is never parsed as markup."""
    style = VERDICT_STYLES.get(reply.verdict or "", STYLES.get(reply.kind, "blue"))
    title, lead = _title_and_lead(reply)
    parts: list[Text] = [lead] if lead is not None else []
    graded = _graded_line(reply)
    if graded:
        parts.append(Text(graded, style="dim"))
    parts += [Text(part) for part in reply.body if part]
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
        parts.append(Text(QUESTION_KEYS if _offers_hint(reply) else INTERVIEW_KEYS, style="dim"))
    heading = Text(title, style=f"bold {style}") if title else None
    return Panel(Group(*parts), title=heading, border_style=style, expand=True)


def show(console: Console, replies: list[Reply], *, plain: bool) -> None:
    """Print replies to the console in the chosen style."""
    for reply in replies:
        if plain:
            for line in plain_lines(reply):
                console.out(line, highlight=False)
            console.out("")
        else:
            console.print(rich_panel(reply))
