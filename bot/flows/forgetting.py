"""``/forget``: ask the user to confirm, then delete all their data (or nothing)."""

from __future__ import annotations

from bot import replies
from bot.flows.context import Services, Turn
from bot.model.actions import Action
from bot.model.messages import Button, Reply, ReplyKind


def prompt(turn: Turn) -> Reply:
    """The confirmation prompt, whose buttons only work for the user who asked."""
    owner = turn.user.id
    return Reply(
        ReplyKind.CONFIRM,
        "Delete all your data?",
        ("Your answers, scores, streaks and daily subscription will be deleted for good.",),
        buttons=(
            Button("🗑 Yes, delete", Action.forget(confirmed=True, owner_id=owner)),
            Button("Cancel", Action.forget(confirmed=False, owner_id=owner)),
        ),
        private=True,
    )


async def confirm(services: Services, turn: Turn, action: Action) -> list[Reply]:
    """Delete the user's data if they confirmed their own prompt."""
    if action.owner_id != turn.user.id:
        return [replies.error("This button is for someone else.", "Send /forget to delete your own data.")]
    if not action.confirmed:
        return [replies.info("Nothing was deleted.", private=True)]
    if not turn.is_group:  # a DM is the user's own place, even before they answered there: it goes too
        await services.store.add_member(turn.place.id, turn.user.id)
    await services.store.forget_user(turn.user.id)
    return [replies.info("All your data is deleted.", "Come back any time with /quiz.", private=True)]
