"""The custom ids of the bot's buttons and modal: their state lives in the id, so they work after a restart.

- ``ib:<action>``: a core button; ``<action>`` is the wire form of its ``Action`` (``hint:42``,
  ``next:security``, ``forget:yes:7``), at most 64 characters.
- ``ib-answer:<open question id>``: Discord's own Answer button, which opens the answer modal.
- ``ib-modal:<open question id>:<question message id>``: the answer modal, whose submission needs
  nothing else; its text input is ``answer``.
"""

from __future__ import annotations

import re

from bot.model.actions import Action

ACTION_PREFIX = "ib:"
ANSWER_PREFIX = "ib-answer:"
MODAL_PREFIX = "ib-modal:"
ANSWER_INPUT = "answer"
MAX_ACTION_CHARS = 64

ACTION_TEMPLATE = r"ib:(?P<action>[^\n]{1,64})"
"""What ``discord.ui.DynamicItem`` matches a pressed core button's custom id with."""
ANSWER_TEMPLATE = r"ib-answer:(?P<question>\d{1,20})"
"""What ``discord.ui.DynamicItem`` matches a pressed Answer button's custom id with."""
_MODAL = re.compile(r"ib-modal:(?P<question>\d{1,20}):(?P<message>\d{1,20})")


def for_action(action: Action) -> str | None:
    """The custom id of a core button, or None when its action is empty or too long to carry."""
    wire = action.encode()
    return f"{ACTION_PREFIX}{wire}" if 0 < len(wire) <= MAX_ACTION_CHARS else None


def action_in(match: re.Match[str]) -> Action:
    """The action of a core button whose custom id matched ``ACTION_TEMPLATE``."""
    return Action.parse(match["action"])


def for_answer(open_question_id: int) -> str:
    """The custom id of the Answer button under an open question."""
    return f"{ANSWER_PREFIX}{open_question_id}"


def question_in(match: re.Match[str]) -> int:
    """The open question of an Answer button whose custom id matched ``ANSWER_TEMPLATE``."""
    return int(match["question"])


def for_modal(open_question_id: int, question_message_id: int) -> str:
    """The custom id of the answer modal for a question posted as a message."""
    return f"{MODAL_PREFIX}{open_question_id}:{question_message_id}"


def read_modal(custom_id: str) -> tuple[int, int] | None:
    """The (open question id, question message id) of an answer modal's custom id, or None."""
    match = _MODAL.fullmatch(custom_id)
    return None if match is None else (int(match["question"]), int(match["message"]))
