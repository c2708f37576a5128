"""Getting a claimed batch ready to send: drop what may no longer go out, choose and open each question.

One read of the subscribers' past answers for the whole batch, one write opening every question.  A
retried delivery keeps the question chosen the first time (unless it left the bank); its leftover open
question from an unfinished try is closed and a new one opened, so a question nobody saw never catches
a user's next message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot import replies
from bot.drills.cards import CardState, build_cards, group_reviews
from bot.drills.choice import NEW_PER_DAY, ChoiceInput, choose_drill
from bot.drills.deliveries import Delivery, DeliveryStatus, DrillQuestion, Outcome
from bot.drills.due_times import DueTimes
from bot.drills.ports import DrillStore
from bot.drills.tally import card_state
from bot.model.messages import Reply
from bot.model.questions import Question
from bot.ports import QuestionBank

RECENT_DAYS = 7
DRILL_TITLE = "📅 Daily question"


@dataclass(frozen=True)
class ReadyDrill:
    """A delivery with its open question and the reply to send."""

    delivery: Delivery
    open_question_id: int
    reply: Reply

    @property
    def is_group(self) -> bool:
        """Whether the drill goes to a group channel rather than a user's DMs."""
        return self.delivery.subscription.user_id is None


async def prepare(
    deliveries: list[Delivery],
    drills: DrillStore,
    bank: QuestionBank,
    now: datetime,
    due_times: DueTimes,
    new_per_day: int = NEW_PER_DAY,
) -> tuple[list[ReadyDrill], list[Outcome]]:
    """Open a question for each delivery that may go out; return them and the outcomes of the others."""
    outcomes: list[Outcome] = []
    live: list[Delivery] = []
    for delivery in deliveries:
        sub = delivery.subscription
        if not sub.active:
            paused = f"subscription paused: {sub.paused_reason or 'off'}"
            outcomes.append(_drop(delivery, DeliveryStatus.CANCELLED, paused))
        elif sub.skip_date == delivery.local_date:
            outcomes.append(_drop(delivery, DeliveryStatus.CANCELLED, "this day was skipped"))
        else:
            live.append(delivery)
    chosen = await _choose(live, drills, bank, due_times, new_per_day)
    drafts: list[DrillQuestion] = []
    ready: list[tuple[Delivery, Question]] = []
    for delivery in live:
        question = chosen.get(delivery.id)
        if question is None:
            outcomes.append(_drop(delivery, DeliveryStatus.FAILED, "the question bank is empty"))
            continue
        sub = delivery.subscription
        drafts.append(
            DrillQuestion(
                delivery.id, sub.place_id, sub.chat_id, question.id, sub.user_id, delivery.open_question_id
            )
        )
        ready.append((delivery, question))
    ids = await drills.open_drill_questions(drafts, now) if drafts else []
    drills_ready = [
        ReadyDrill(delivery, open_question_id, drill_reply(question, open_question_id, delivery))
        for (delivery, question), open_question_id in zip(ready, ids, strict=True)
    ]
    return drills_ready, outcomes


def drill_reply(question: Question, open_question_id: int, delivery: Delivery) -> Reply:
    """The message of a drill: the core's question reply under the daily question's title."""
    posted = replies.question(question, open_question_id, group=delivery.subscription.user_id is None)
    return Reply(
        posted.kind,
        f"{DRILL_TITLE} · {posted.title}",
        posted.body,
        buttons=posted.buttons,
        open_question_id=open_question_id,
    )


def _drop(delivery: Delivery, status: DeliveryStatus, reason: str) -> Outcome:
    return Outcome(delivery, status, open_question_id=delivery.open_question_id, reason=reason)


async def _choose(
    live: list[Delivery], drills: DrillStore, bank: QuestionBank, due_times: DueTimes, new_per_day: int
) -> dict[int, Question]:
    """Each delivery's question: the one kept from an earlier try, or a fresh spaced-repetition choice."""
    chosen: dict[int, Question] = {}
    to_choose: list[Delivery] = []
    for delivery in live:
        kept = bank.get(delivery.question_id) if delivery.question_id is not None else None
        if kept is not None:
            chosen[delivery.id] = kept
        else:
            to_choose.append(delivery)
    if not to_choose:
        return chosen
    user_ids = {d.subscription.user_id for d in to_choose if d.subscription.user_id is not None}
    place_ids = {d.subscription.place_id for d in to_choose if d.subscription.user_id is None}
    by_user = await drills.user_question_states(user_ids) if user_ids else {}
    by_place = await drills.place_reviews(place_ids) if place_ids else {}
    since = min(d.local_date for d in to_choose) - timedelta(days=RECENT_DAYS)
    recent = await drills.recent_questions({d.subscription.id for d in to_choose}, since)  # type: ignore[misc]
    questions = bank.questions()
    for delivery in to_choose:
        sub = delivery.subscription
        cards: dict[str, CardState]
        if sub.user_id is not None:
            cards = {s.question_id: card_state(s) for s in by_user.get(sub.user_id, [])}
        else:
            history = group_reviews(by_place.get(sub.place_id, []))
            cards = build_cards(history) if history else {}
        given = ChoiceInput(
            questions=questions,
            cards=cards,
            topics=sub.topics,
            today=delivery.local_date,
            zone=due_times.zone(sub.timezone),
            recent=recent.get(sub.id or 0, set()),
            new_per_day=new_per_day,
        )
        # Seeded by subscription and day, so the same state always gives the same question.
        question = choose_drill(given, seed=(sub.id or 0) * 1_000_003 + delivery.local_date.toordinal())
        if question is not None:
            chosen[delivery.id] = question
    return chosen
