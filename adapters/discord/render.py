"""Turns the core's ``Reply`` objects into Discord embeds, escaping user text and keeping Discord's limits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import discord

from bot.model.grades import Verdict
from bot.model.messages import Reply, ReplyKind

NO_MENTIONS = discord.AllowedMentions.none()
"""Sent with every message: nothing the bot writes may ping @everyone, @here, a role or a user."""

CONTENT_LIMIT = 2000
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FIELD_COUNT_LIMIT = 25
EMBED_TOTAL_LIMIT = 6000
"""Characters over all embeds of one message (title, description, fields, footer, author)."""
EMBEDS_PER_MESSAGE = 10
ELLIPSIS = "…"

GROUP_HOW_TO_ANSWER = "Press **Answer** to write your answer privately; each member is graded on their own."
DM_HOW_TO_ANSWER = "Send your answer as a message, or press **Answer**."

COLOURS = {
    ReplyKind.QUESTION: discord.Colour.blurple(),
    ReplyKind.HINT: discord.Colour.gold(),
    ReplyKind.ANSWER: discord.Colour.teal(),
    ReplyKind.ERROR: discord.Colour.red(),
    ReplyKind.LEADERBOARD: discord.Colour.gold(),
    ReplyKind.CONFIRM: discord.Colour.orange(),
}
VERDICT_COLOURS = {
    Verdict.CORRECT: discord.Colour.green(),
    Verdict.PARTIAL: discord.Colour.gold(),
    Verdict.WRONG: discord.Colour.red(),
}


@dataclass(frozen=True)
class Rendered:
    """One reply ready for Discord: an embed, whether only the sender should see it, and its buttons."""

    embed: discord.Embed
    ephemeral: bool
    reply: Reply


def escape(text: str) -> str:
    """Make user or content text literal: no markdown, no mentions (a zero-width space breaks them)."""
    return discord.utils.escape_mentions(discord.utils.escape_markdown(text))


def fit(text: str, limit: int) -> str:
    """Cut text to at most ``limit`` characters, marking the cut with an ellipsis."""
    return text if len(text) <= limit else text[: limit - len(ELLIPSIS)].rstrip() + ELLIPSIS


def _chunks(lines: list[str], limit: int) -> list[str]:
    """Pack lines into blocks of at most ``limit`` characters (a too-long line is cut)."""
    blocks: list[str] = []
    current = ""
    for line in (fit(line, limit) for line in lines):
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            blocks.append(current)
            candidate = line
        current = candidate
    if current:
        blocks.append(current)
    return blocks


def _fields(reply: Reply) -> list[tuple[str, str]]:
    """The embed fields of a reply: key points hit and missed, then each section."""
    groups: list[tuple[str, list[str]]] = []
    if reply.hits:
        groups.append(("✅ Key points you hit", [f"• {escape(p)}" for p in reply.hits]))
    if reply.misses:
        groups.append(("❌ Key points you missed", [f"• {escape(p)}" for p in reply.misses]))
    for section in reply.sections:
        groups.append((escape(section.heading) or "\u200b", [escape(line) for line in section.lines]))
    fields = []
    for heading, lines in groups:
        for index, block in enumerate(_chunks(lines, FIELD_VALUE_LIMIT)):
            name = heading if index == 0 else f"{heading} (cont.)"
            fields.append((fit(name, FIELD_NAME_LIMIT), block))
    return fields


def _description(reply: Reply, *, in_dm: bool) -> str:
    """The embed text: the reply's body, with Discord's own how-to-answer line under a question."""
    lines = [escape(line) for line in reply.body]
    if reply.kind is ReplyKind.QUESTION and reply.open_question_id is not None:
        # The core's group hint speaks of replying to the message; on Discord answers go through a modal.
        lines = [*lines[:1], DM_HOW_TO_ANSWER if in_dm else GROUP_HOW_TO_ANSWER]
    return fit("\n\n".join(lines), DESCRIPTION_LIMIT)


def embed_for(reply: Reply, *, in_dm: bool) -> discord.Embed:
    """Build the embed of one reply within every Discord limit."""
    colour = VERDICT_COLOURS.get(reply.verdict or "") or COLOURS.get(reply.kind, discord.Colour.light_grey())
    embed = discord.Embed(
        title=fit(escape(reply.title), TITLE_LIMIT),
        description=_description(reply, in_dm=in_dm) or None,
        colour=colour,
    )
    budget = EMBED_TOTAL_LIMIT - len(embed)
    fields = _fields(reply)
    for index, (name, value) in enumerate(fields):
        last_slot = index == FIELD_COUNT_LIMIT - 1
        more_follow = index < len(fields) - 1
        if len(name) + len(value) > budget or (last_slot and more_follow):
            note = "Cut to fit Discord's limits."
            if budget >= len(note) + 1:
                embed.add_field(name=ELLIPSIS, value=note, inline=False)
            break
        embed.add_field(name=name, value=value, inline=False)
        budget -= len(name) + len(value)
    return embed


def render(reply: Reply, *, in_dm: bool) -> Rendered:
    """Render a reply; private replies become ephemeral in servers (a DM is private already)."""
    return Rendered(embed_for(reply, in_dm=in_dm), ephemeral=reply.private and not in_dm, reply=reply)


def fit_one_message(embeds: Sequence[discord.Embed]) -> bool:
    """Whether these embeds may go out together as one message (at most 10, 6,000 characters in all)."""
    return len(embeds) <= EMBEDS_PER_MESSAGE and sum(len(e) for e in embeds) <= EMBED_TOTAL_LIMIT


def summary_line(answered: int, right: list[str]) -> str:
    """The line shown above a channel question: how many answered and who got it right."""
    if answered == 0:
        return ""
    people = "member" if answered == 1 else "members"
    line = f"📝 {answered} {people} answered"
    if right:
        line += " · ✅ right: " + ", ".join(escape(name) for name in right)
    return fit(line, CONTENT_LIMIT)
