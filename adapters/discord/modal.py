"""The Answer modal: a paragraph text input whose submission is read straight from the interaction.

The modal's custom id (see ``custom_ids``) carries everything the submission needs, so a modal opened
before a restart is still graded after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import discord

from adapters.discord import custom_ids

ANSWER_MAX_CHARS = 4000  # Discord's limit for a text input


@dataclass(frozen=True)
class Submission:
    """An answer submitted through the modal."""

    open_question_id: int
    question_message_id: int
    text: str


class AnswerModal(discord.ui.Modal):
    """Asks one member for their answer to a question."""

    answer: discord.ui.TextInput = discord.ui.TextInput(
        label="Your answer",
        style=discord.TextStyle.paragraph,
        custom_id=custom_ids.ANSWER_INPUT,
        placeholder="Answer in your own words, as you would in an interview.",
        max_length=ANSWER_MAX_CHARS,
    )

    def __init__(self, open_question_id: int, question_message_id: int, title: str = "Your answer") -> None:
        super().__init__(
            title=title[:45],
            custom_id=custom_ids.for_modal(open_question_id, question_message_id),
            timeout=None,
        )


def _inputs(components: list[dict[str, Any]]) -> dict[str, str]:
    """Every text input value in a modal submission, by custom id (rows and labels may nest them)."""
    values: dict[str, str] = {}
    for component in components:
        if "components" in component:
            values.update(_inputs(component["components"]))
        elif "component" in component:
            values.update(_inputs([component["component"]]))
        elif "custom_id" in component and isinstance(component.get("value"), str):
            values[component["custom_id"]] = component["value"]
    return values


def read_submission(interaction: discord.Interaction) -> Submission | None:
    """The answer in a modal-submit interaction, or None if it is not one of the Answer modals."""
    data: dict[str, Any] = interaction.data or {}  # type: ignore[assignment]
    ids = custom_ids.read_modal(str(data.get("custom_id", "")))
    if interaction.type is not discord.InteractionType.modal_submit or ids is None:
        return None
    text = _inputs(list(data.get("components", []))).get(custom_ids.ANSWER_INPUT, "")
    return Submission(*ids, text)
