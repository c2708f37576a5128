"""The Disagree modal: a Disagree press opens it, with one optional reason field.

Its custom id (``ib-appeal:<open question id>``) carries what the submission needs, so a modal opened
before a restart is still recorded after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import discord

from adapters.discord.modal import _inputs

APPEAL_PREFIX = "ib-appeal:"
REASON_INPUT = "reason"
REASON_MAX_CHARS = 1000
_APPEAL = re.compile(r"ib-appeal:(?P<question>\d{1,20})")


@dataclass(frozen=True)
class AppealSubmission:
    """A reason submitted through the Disagree modal (possibly empty)."""

    open_question_id: int
    reason: str


class AppealModal(discord.ui.Modal):
    """Asks a member why they disagree with their grade; the reason may be left empty."""

    reason: discord.ui.TextInput = discord.ui.TextInput(
        label="Why is the grade wrong? (optional)",
        style=discord.TextStyle.paragraph,
        custom_id=REASON_INPUT,
        placeholder="Start with correct:, partial: or wrong: to say what it should be.",
        required=False,
        max_length=REASON_MAX_CHARS,
    )

    def __init__(self, open_question_id: int) -> None:
        super().__init__(
            title="Disagree with the grade", custom_id=for_appeal(open_question_id), timeout=None
        )


def for_appeal(open_question_id: int) -> str:
    """The custom id of the Disagree modal for the grade of an open question."""
    return f"{APPEAL_PREFIX}{open_question_id}"


def read_appeal(interaction: discord.Interaction) -> AppealSubmission | None:
    """The reason in a modal-submit interaction, or None if it is not a Disagree modal."""
    data: dict[str, Any] = interaction.data or {}  # type: ignore[assignment]
    match = _APPEAL.fullmatch(str(data.get("custom_id", "")))
    if interaction.type is not discord.InteractionType.modal_submit or match is None:
        return None
    reason = _inputs(list(data.get("components", []))).get(REASON_INPUT, "")
    return AppealSubmission(int(match["question"]), reason)
