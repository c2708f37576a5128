"""Persistent buttons: their state lives in the custom id and the database, so they work after a restart.

``ib:<action>`` carries the core's ``Button.action`` (``hint:42``, ``skip:42``, ``forget:yes:7``);
``ib-answer:<open question id>`` is Discord's own Answer button, which opens the answer modal.
"""

from __future__ import annotations

import discord

from bot.model.messages import Reply, ReplyKind

ACTION_PREFIX = "ib:"
ANSWER_PREFIX = "ib-answer:"
BUTTON_LABEL_LIMIT = 80
BUTTONS_PER_MESSAGE = 25


def _style(action: str) -> discord.ButtonStyle:
    if action.startswith("forget:yes"):
        return discord.ButtonStyle.danger
    return discord.ButtonStyle.secondary


class CoreButton(discord.ui.DynamicItem[discord.ui.Button], template=r"ib:(?P<action>[^\n]{1,64})"):
    """A button whose press goes to the core as ``Incoming.action``."""

    def __init__(self, action: str, label: str = "…", style: discord.ButtonStyle | None = None) -> None:
        button = discord.ui.Button(
            label=label[:BUTTON_LABEL_LIMIT] or "…",
            style=style or _style(action),
            custom_id=f"{ACTION_PREFIX}{action}",
        )
        super().__init__(button)
        self.action = action

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item, match, /
    ) -> CoreButton:
        """Rebuild the button from a pressed message's custom id."""
        label = getattr(item, "label", None) or "…"
        return cls(match["action"], label=label)

    async def callback(self, interaction: discord.Interaction) -> None:
        """Hand the press to the core and answer with its replies."""
        from adapters.discord import handlers  # handlers render replies with these buttons: import late

        await handlers.press(interaction, self.action)


class AnswerButton(discord.ui.DynamicItem[discord.ui.Button], template=r"ib-answer:(?P<question>\d{1,20})"):
    """The Answer button under a question: opens a modal so each member answers privately."""

    def __init__(self, open_question_id: int) -> None:
        button = discord.ui.Button(
            label="✍ Answer",
            style=discord.ButtonStyle.primary,
            custom_id=f"{ANSWER_PREFIX}{open_question_id}",
        )
        super().__init__(button)
        self.open_question_id = open_question_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item, match, /
    ) -> AnswerButton:
        """Rebuild the button from a pressed message's custom id."""
        return cls(int(match["question"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        """Open the answer modal."""
        from adapters.discord import handlers  # see CoreButton.callback

        await handlers.open_answer(interaction, self.open_question_id)


PERSISTENT_ITEMS = (CoreButton, AnswerButton)


def view_for(reply: Reply) -> discord.ui.View | None:
    """The buttons of a reply (a posted question also gets Answer), or None when it has none."""
    items: list[discord.ui.Item] = []
    if reply.kind is ReplyKind.QUESTION and reply.open_question_id is not None:
        items.append(AnswerButton(reply.open_question_id))
    items.extend(CoreButton(b.action, b.label) for b in reply.buttons if 0 < len(b.action) <= 64)
    if not items:
        return None
    view = discord.ui.View(timeout=None)
    for item in items[:BUTTONS_PER_MESSAGE]:
        view.add_item(item)
    return view
