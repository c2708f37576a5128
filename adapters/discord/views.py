"""Persistent buttons: the core's buttons and the Answer button, rebuilt from their custom ids when pressed.

A press is handed to the client (a ``PressHandler``), which routes it to the handlers; so this module,
which every sender needs, does not depend on the handlers that send.  Replies sent as one message
(a grade and its follow-up) share one view, each reply's buttons on rows of their own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol, cast

import discord

from adapters.discord import custom_ids
from adapters.discord.follow_up_items import FollowUpButton
from bot.model.actions import Action, Verb
from bot.model.messages import Reply, ReplyKind

BUTTON_LABEL_LIMIT = 80
BUTTONS_PER_MESSAGE = 25
BUTTONS_PER_ROW = 5
ROWS_PER_MESSAGE = 5


class PressHandler(Protocol):
    """What the client does with a press (``InterviewClient`` implements it)."""

    async def on_core_button(self, interaction: discord.Interaction, action: Action) -> None:
        """A core button (Hint, Skip, Show answer, Next, the /forget confirmation) was pressed."""
        ...

    async def on_answer_button(self, interaction: discord.Interaction, open_question_id: int) -> None:
        """The Answer button under a question was pressed."""
        ...


def _handler(interaction: discord.Interaction) -> PressHandler:
    return cast(PressHandler, interaction.client)


def _style(action: Action) -> discord.ButtonStyle:
    if action.verb is Verb.FORGET and action.confirmed:
        return discord.ButtonStyle.danger
    return discord.ButtonStyle.secondary


class CoreButton(discord.ui.DynamicItem[discord.ui.Button], template=custom_ids.ACTION_TEMPLATE):
    """A button whose press goes to the core as ``Incoming.action``."""

    def __init__(self, action: Action, label: str = "…", style: discord.ButtonStyle | None = None) -> None:
        custom_id = custom_ids.for_action(action)
        if custom_id is None:
            raise ValueError(f"an action of {len(action.encode())} characters does not fit a custom id")
        button = discord.ui.Button(
            label=label[:BUTTON_LABEL_LIMIT] or "…", style=style or _style(action), custom_id=custom_id
        )
        super().__init__(button)
        self.action = action

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item, match: re.Match[str], /
    ) -> CoreButton:
        """Rebuild the button from a pressed message's custom id."""
        label = getattr(item, "label", None) or "…"
        return cls(custom_ids.action_in(match), label=label)

    async def callback(self, interaction: discord.Interaction) -> None:
        """Hand the press to the client, which answers with the core's replies."""
        await _handler(interaction).on_core_button(interaction, self.action)


class AnswerButton(discord.ui.DynamicItem[discord.ui.Button], template=custom_ids.ANSWER_TEMPLATE):
    """The Answer button under a question: opens a modal so each member answers privately."""

    def __init__(self, open_question_id: int) -> None:
        button = discord.ui.Button(
            label="✍ Answer",
            style=discord.ButtonStyle.primary,
            custom_id=custom_ids.for_answer(open_question_id),
        )
        super().__init__(button)
        self.open_question_id = open_question_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item, match: re.Match[str], /
    ) -> AnswerButton:
        """Rebuild the button from a pressed message's custom id."""
        return cls(custom_ids.question_in(match))

    async def callback(self, interaction: discord.Interaction) -> None:
        """Hand the press to the client, which opens the answer modal."""
        await _handler(interaction).on_answer_button(interaction, self.open_question_id)


PERSISTENT_ITEMS = (CoreButton, AnswerButton, FollowUpButton)


def _items(reply: Reply) -> list[discord.ui.Item]:
    """The buttons of one reply, in order (a posted question also gets Answer)."""
    items: list[discord.ui.Item] = []
    if reply.kind is ReplyKind.QUESTION and reply.open_question_id is not None:
        items.append(AnswerButton(reply.open_question_id))
    if reply.follow_up_id is not None and reply.private:  # in a DM the next message answers it
        items.append(FollowUpButton(reply.follow_up_id))
    items.extend(CoreButton(b.action, b.label) for b in reply.buttons if custom_ids.for_action(b.action))
    return items


def view_for(reply: Reply) -> discord.ui.View | None:
    """The buttons of a reply (a posted question also gets Answer), or None when it has none."""
    items = _items(reply)
    if not items:
        return None
    view = discord.ui.View(timeout=None)
    for item in items[:BUTTONS_PER_MESSAGE]:
        view.add_item(item)
    return view


def _rows(message: Sequence[Reply]) -> list[list[discord.ui.Item]]:
    """The buttons of the replies of one message, each reply's on rows of its own; a custom id already
    on the message is left out (its press would do the same), as Discord refuses a repeated one."""
    seen: set[str] = set()
    rows: list[list[discord.ui.Item]] = []
    for reply in message:
        items = [item for item in _items(reply) if _custom_id(item) not in seen]
        seen.update(_custom_id(item) for item in items)
        rows.extend(items[start : start + BUTTONS_PER_ROW] for start in range(0, len(items), BUTTONS_PER_ROW))
    return rows


def _custom_id(item: discord.ui.Item) -> str:
    return str(getattr(item, "custom_id", ""))


def fit_one_message(message: Sequence[Reply]) -> bool:
    """Whether the buttons of these replies fit one message (5 rows of 5, each reply on rows of its own)."""
    return len(message) <= 1 or len(_rows(message)) <= ROWS_PER_MESSAGE


def view_for_all(message: Sequence[Reply]) -> discord.ui.View | None:
    """The buttons of the replies sent as one message, or None when none has any (one reply: ``view_for``).

    Raises ``ValueError`` when they do not fit (see ``fit_one_message``).
    """
    if len(message) == 1:
        return view_for(message[0])
    rows = _rows(message)
    if len(rows) > ROWS_PER_MESSAGE:
        raise ValueError(f"{len(rows)} rows of buttons do not fit one message")
    if not rows:
        return None
    view = discord.ui.View(timeout=None)
    for index, row in enumerate(rows):
        for item in row:
            item.row = index
            view.add_item(item)
    return view
