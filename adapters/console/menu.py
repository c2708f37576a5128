"""The terminal's topic menu: ``/topics`` lists the topics numbered, and typing a number practises one.

The core's topic list carries a button per topic (and one for any topic); the terminal has no buttons,
so it numbers them instead: ``0`` is any topic, ``1`` the first topic, and so on. The menu answers the
line typed right after it; any other line closes it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.model.actions import Action, Verb
from bot.model.messages import Reply, ReplyKind, Section


@dataclass(frozen=True)
class Menu:
    """The choices of the topic list last shown, by number."""

    actions: tuple[Action, ...]

    def pick(self, line: str) -> Action | None:
        """The action of the number typed, or None when the line is not one of the menu's numbers."""
        text = line.strip().rstrip(".)")
        if not text.isdigit() or int(text) >= len(self.actions):
            return None
        return self.actions[int(text)]


def menu_of(replies: list[Reply]) -> Menu | None:
    """The menu of a topic list among ``replies`` (any topic first), or None when there is none."""
    for reply in replies:
        if reply.kind is ReplyKind.TOPICS and reply.buttons:
            actions = tuple(b.action for b in reply.buttons if b.action.verb is Verb.NEXT)
            return Menu(actions) if actions else None
    return None


def numbered(reply: Reply) -> Reply:
    """A topic list as the terminal shows it: each topic with its number, and how to choose one."""
    if reply.kind is not ReplyKind.TOPICS or not reply.buttons:
        return reply
    choices = [b for b in reply.buttons if b.action.verb is Verb.NEXT]
    lines = [line for section in reply.sections for line in section.lines]
    by_topic = {line.split(" – ", 1)[0]: line for line in lines}
    width = len(str(len(choices) - 1))
    menu = tuple(
        f"{number:>{width}}  {by_topic.get(b.action.topic, b.label) if b.action.topic else 'any topic'}"
        for number, b in enumerate(choices)
    )
    lead = "Type a number to practise that topic, or /quiz <topic> [easy|medium|hard]."
    return replace(reply, body=(lead,), sections=(Section("", menu),), buttons=())
