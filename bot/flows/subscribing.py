"""``/daily``: subscribe a DM or a group channel to one question a day, show, skip or stop it."""

from __future__ import annotations

from dataclasses import replace
from zoneinfo import ZoneInfo

from bot import replies
from bot.drills.schedule import DailyError, next_delivery, parse_daily
from bot.flows.context import Services, Turn
from bot.model.messages import Reply
from bot.model.records import Subscription


def _describe(sub: Subscription, services: Services) -> str:
    due = next_delivery(sub.local_time, sub.timezone, services.clock.now(), sub.skip_date)
    local = due.astimezone(ZoneInfo(sub.timezone))
    topics = f" on {', '.join(sub.topics)}" if sub.topics else ""
    when = f"{local:%a %d %b %H:%M} ({sub.timezone})"
    return f"Daily question at {sub.local_time} {sub.timezone}{topics}; next on {when}."


async def daily(services: Services, turn: Turn) -> list[Reply]:
    """Handle every form of ``/daily``."""
    try:
        request = parse_daily(turn.incoming.args)
    except DailyError as exc:
        return [replies.error(str(exc))]
    if turn.is_group and request.action != "show" and not turn.incoming.can_manage:
        return [replies.error("Only admins can change this group's daily question.")]
    owner = None if turn.is_group else turn.user.id
    store = services.store
    current = await store.get_subscription(turn.chat.platform, turn.chat.chat_id, owner)
    if request.action == "show":
        if current is None:
            return [replies.info("No daily question here.", "Subscribe with /daily 08:30 Europe/Berlin.")]
        if not current.active:
            why = current.paused_reason or "stopped"
            return [
                replies.info(
                    f"📅 The daily question here is paused ({why[:120]}).",
                    f"Send /daily {current.local_time} to start it again.",
                )
            ]
        return [replies.info("📅 Daily question", _describe(current, services))]
    if request.action == "off":
        if current is None:
            return [replies.info("There was no daily question here to stop.")]
        await store.delete_subscription(current.id)  # type: ignore[arg-type]
        return [replies.info("Daily question stopped.", "Start again any time with /daily HH:MM.")]
    if request.action in {"skip", "topics"} and current is None:
        return [
            replies.error(
                "There is no daily question here yet.", "Subscribe first: /daily 08:30 Europe/Berlin."
            )
        ]
    if request.action == "skip":
        due = next_delivery(current.local_time, current.timezone, services.clock.now(), current.skip_date)
        skip_day = due.astimezone(ZoneInfo(current.timezone)).date()
        saved = await store.save_subscription(replace(current, skip_date=skip_day))
        return [replies.info(f"Skipping the question of {skip_day:%a %d %b}.", _describe(saved, services))]
    if request.action == "topics":
        known = {t.name for t in services.bank.topics()}
        unknown = [t for t in request.topics if t not in known]
        if unknown:
            return [replies.unknown_topic(unknown[0], services.bank.topics())]
        saved = await store.save_subscription(replace(current, topics=request.topics))
        chosen = ", ".join(request.topics) or "all topics"
        return [replies.info(f"Daily topics: {chosen}.", _describe(saved, services))]
    zone = request.timezone or (current.timezone if current else None) or turn.user.timezone
    if request.timezone and not turn.is_group:
        await store.set_user_timezone(turn.user.id, request.timezone)
    subscription = Subscription(
        platform=turn.chat.platform,
        chat_id=turn.chat.chat_id,
        place_id=turn.place.id,
        user_id=owner,
        local_time=request.local_time or "08:00",
        timezone=zone,
        topics=current.topics if current else (),
        created_at=services.clock.now(),
    )
    saved = await store.save_subscription(subscription)
    hint = "" if request.timezone else " Add your zone to change it, e.g. /daily 08:30 Europe/Berlin."
    return [replies.info("📅 Subscribed!", _describe(saved, services) + hint)]
