"""Appeals on Discord: the Disagree button opens a modal asking why, its submission goes to the engine as
the press with its reason; ``/disagree [why]`` and ``/accept <appeal> [verdict]`` are slash commands."""

from __future__ import annotations

from typing import Literal

import discord
from discord import app_commands

from adapters.discord import convert, sending
from adapters.discord.appeal_modal import AppealModal, read_appeal
from bot.model.actions import Action


async def open_appeal(interaction: discord.Interaction, action: Action) -> None:
    """The Disagree button: open the modal (it must be the response itself, so it goes out at once)."""
    async with sending.guarded(interaction, "disagree button"):
        modal = AppealModal(action.question_id or 0)
        await interaction.response.send_modal(modal)
        modal.stop()  # submissions are read statelessly in on_submission, so nothing stays in memory


async def on_submission(interaction: discord.Interaction) -> bool:
    """Record a Disagree-modal submission; False when the interaction is not one."""
    submission = read_appeal(interaction)
    if submission is None:
        return False
    async with sending.guarded(interaction, "disagree modal"):
        action = Action.disagree(submission.open_question_id, submission.reason)
        await sending.run(interaction, convert.button(interaction, action), private_if_slow=True)
    return True


@app_commands.command(name="disagree", description="Disagree with your last grade (for the pack's authors)")
@app_commands.describe(
    why="Why the grade is wrong (start with correct:, partial: or wrong: to name the label)"
)
async def disagree(
    interaction: discord.Interaction, why: app_commands.Range[str, 1, 1000] | None = None
) -> None:
    """Appeal the member's latest grade here, with a reason if given."""
    await sending.run(interaction, convert.command(interaction, "disagree", why), private_if_slow=True)


@app_commands.command(name="accept", description="Accept a member's appeal and correct their points (admins)")
@app_commands.describe(appeal="The appeal's number (on its notice)", verdict="What the answer counts as")
async def accept(
    interaction: discord.Interaction,
    appeal: app_commands.Range[int, 1, 2**53],
    verdict: Literal["correct", "partial", "wrong"] | None = None,
) -> None:
    """Accept an appeal made in this server (needs Manage Server)."""
    await sending.run(interaction, convert.command(interaction, "accept", str(appeal), verdict))


COMMANDS = (disagree, accept)
