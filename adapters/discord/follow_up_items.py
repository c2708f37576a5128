"""The follow-up's Answer button and modal, rebuilt from their custom ids (so they work after a restart).

- ``ib-follow:<follow-up id>``: the Answer button under a follow-up sent privately in a server channel;
  pressing it opens the modal at once.
- ``ib-follow-modal:<follow-up id>:<follow-up message id>``: the modal, whose submission answers the
  follow-up posted as that message (its text input is ``answer``, as in the question's modal).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import discord

from adapters.discord import custom_ids
from adapters.discord.modal import ANSWER_MAX_CHARS, _inputs

FOLLOW_TEMPLATE = r"ib-follow:(?P<follow>\d{1,20})"
_MODAL = re.compile(r"ib-follow-modal:(?P<follow>\d{1,20}):(?P<message>\d{1,20})")


@dataclass(frozen=True)
class FollowUpSubmission:
    """An answer to a follow-up submitted through its modal."""

    follow_up_id: int
    message_id: int
    text: str


class FollowUpModal(discord.ui.Modal):
    """Asks the member for their answer to a follow-up."""

    answer: discord.ui.TextInput = discord.ui.TextInput(
        label="Your answer to the follow-up",
        style=discord.TextStyle.paragraph,
        custom_id=custom_ids.ANSWER_INPUT,
        placeholder="A sentence or two on what you left out.",
        max_length=ANSWER_MAX_CHARS,
    )

    def __init__(self, follow_up_id: int, message_id: int) -> None:
        super().__init__(
            title="Follow-up", custom_id=f"ib-follow-modal:{follow_up_id}:{message_id}", timeout=None
        )


class FollowUpButton(discord.ui.DynamicItem[discord.ui.Button], template=FOLLOW_TEMPLATE):
    """The Answer button under a follow-up: opens the follow-up's modal."""

    def __init__(self, follow_up_id: int) -> None:
        button = discord.ui.Button(
            label="✍ Answer", style=discord.ButtonStyle.primary, custom_id=f"ib-follow:{follow_up_id}"
        )
        super().__init__(button)
        self.follow_up_id = follow_up_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item, match: re.Match[str], /
    ) -> FollowUpButton:
        """Rebuild the button from a pressed message's custom id."""
        return cls(int(match["follow"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        """Open the modal (the response itself, so it goes out at once) for the message pressed on."""
        message_id = interaction.message.id if interaction.message is not None else 0
        modal = FollowUpModal(self.follow_up_id, message_id)
        await interaction.response.send_modal(modal)
        modal.stop()  # submissions are read statelessly, so nothing stays in memory


def read_follow_up(interaction: discord.Interaction) -> FollowUpSubmission | None:
    """The answer in a modal-submit interaction, or None if it is not a follow-up's modal."""
    data: dict[str, Any] = interaction.data or {}  # type: ignore[assignment]
    match = _MODAL.fullmatch(str(data.get("custom_id", "")))
    if interaction.type is not discord.InteractionType.modal_submit or match is None:
        return None
    text = _inputs(list(data.get("components", []))).get(custom_ids.ANSWER_INPUT, "")
    return FollowUpSubmission(int(match["follow"]), int(match["message"]), text)
