"""``/export``: the user's own attempts as a JSON file (in a DM only), read a page at a time.

``attempt_lines`` is shared with ``interview-bot history --json``: one mapping per attempt with the
agreed fields ``question``, ``at`` (ISO 8601, UTC), ``mode``, ``verdict``, ``score``, ``matched``,
``missed``, ``follow_up`` (``asked``, ``recovered``) and ``appealed``.  The file adds the text of each
answer, since it is the user's own.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC
from typing import Any, cast

from bot import replies
from bot.flows.context import Services, Turn
from bot.history import HistoryStore
from bot.model.messages import Attachment, AttachmentKind, Reply, ReplyKind
from bot.model.records import Attempt
from bot.ports import Store

PAGE = 500
"""Attempts read per query: memory stays bounded by a page, whatever the history's length."""


async def appealed_ids(store: Store, user_id: int) -> set[int]:
    """The ids of the user's attempts they appealed (none where the store keeps no appeals)."""
    appealed = getattr(store, "appealed_attempt_ids", None)
    return set(await appealed(user_id)) if appealed is not None else set()


def export_line(attempt: Attempt, appealed: bool, *, with_answer: bool = False) -> dict[str, Any]:
    """One attempt as the export's mapping (with the answer's text when asked for)."""
    line: dict[str, Any] = {
        "question": attempt.question_id,
        "at": attempt.answered_at.astimezone(UTC).isoformat(timespec="seconds"),
        "mode": attempt.mode.value,
        "verdict": attempt.verdict.value,
        "score": round(attempt.score, 3),
        "matched": list(attempt.matched),
        "missed": list(attempt.missed),
        "follow_up": {"asked": attempt.follow_up_asked, "recovered": list(attempt.recovered)},
        "appealed": appealed,
    }
    if with_answer:
        line["answer"] = attempt.answer_text
    return line


async def attempt_lines(
    store: Store, user_id: int, *, with_answer: bool = False, page: int = PAGE
) -> AsyncIterator[dict[str, Any]]:
    """Every attempt of one user (everywhere, skips included), oldest first, fetched ``page`` at a time."""
    appealed = await appealed_ids(store, user_id)
    history = cast(HistoryStore, store)
    after: Attempt | None = None
    while True:
        batch = await history.attempt_page(user_id, after, page)
        for attempt in batch:
            yield export_line(attempt, attempt.id in appealed, with_answer=with_answer)
        if len(batch) < page:
            return
        after = batch[-1]


async def export(services: Services, turn: Turn) -> list[Reply]:
    """``/export``: the user's data as a JSON file in a DM; in a group, where to ask instead."""
    if turn.is_group:
        return [
            replies.info(
                "Your export goes to a direct message.",
                "Send /export to me in a DM: your answers are sent to you alone.",
                private=True,
            )
        ]
    lines = [
        json.dumps(line, ensure_ascii=False)
        async for line in attempt_lines(services.store, turn.user.id, with_answer=True)
    ]
    if not lines:
        return [replies.info("Nothing to export yet.", "You have no answers stored; start with /quiz.")]
    now = services.clock.now()
    header = {
        "platform": turn.user.platform,
        "user": turn.user.display_name,
        "exported_at": now.astimezone(UTC).isoformat(timespec="seconds"),
        "attempt_count": len(lines),
    }
    head = json.dumps(header, ensure_ascii=False)[:-1]
    document = head + ', "attempts": [\n' + ",\n".join(lines) + "\n]}\n"
    name = f"interview-bot-export-{now:%Y-%m-%d}.json"
    data = Attachment(name, document.encode(), "application/json", AttachmentKind.FILE)
    body = (f"{len(lines)} answer(s), each with its grade, in {name}.",)
    return [Reply(ReplyKind.INFO, "📦 Your data", body, attachments=(data,), private=True)]
