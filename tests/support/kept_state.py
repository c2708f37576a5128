"""The kept-state reads of the Store port for the in-memory fakes: folded from the attempts on each call.

The SQL store folds each attempt as it arrives; the fake replays them all with the same folds, so it
answers the same as long as the user's time zone did not change after answering.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.drills.tally import fold
from bot.flows.selection import best_pool, drawn
from bot.model.progress import (
    BoardLine,
    CatalogEntry,
    DueSummary,
    LeaderPage,
    MemberScore,
    PracticePick,
    QuestionBrief,
    QuestionState,
    TopicTotal,
    UserProgress,
)
from bot.model.records import Attempt, UserRecord


class KeptStateReads:
    """Mixin over a fake store's ``attempts`` and ``users``."""

    attempts: list[Attempt]
    users: dict[int, UserRecord]
    catalog: dict[str, CatalogEntry]

    def _mine(self, user_id: int) -> list[Attempt]:
        found = (a for a in self.attempts if a.user_id == user_id)
        return sorted(found, key=lambda a: (a.answered_at, a.id or 0))

    def _folded(
        self, user_id: int
    ) -> tuple[dict[str, QuestionState], UserProgress | None, dict[int, MemberScore]]:
        user = self.users.get(user_id)
        zone = ZoneInfo(user.timezone if user else "UTC")
        questions: dict[str, QuestionState] = {}
        members: dict[int, MemberScore] = {}
        progress = None
        mine = sorted(
            (a for a in self.attempts if a.user_id == user_id), key=lambda a: (a.answered_at, a.id or 0)
        )
        for attempt in mine:
            f = fold(
                attempt, zone, questions.get(attempt.question_id), progress, members.get(attempt.place_id)
            )
            questions[attempt.question_id], progress = f.question, f.progress
            if f.member is not None:
                members[attempt.place_id] = f.member
        return questions, progress, members

    async def question_states(self, user_id: int) -> list[QuestionState]:
        """The user's state per question met."""
        return list(self._folded(user_id)[0].values())

    async def question_briefs(self, user_id: int) -> list[QuestionBrief]:
        """The narrow view of the user's state per question."""
        return [
            QuestionBrief(s.question_id, s.graded, s.score_sum, s.last_score, s.last_rating, s.due)
            for s in self._folded(user_id)[0].values()
        ]

    async def user_question_states(self, user_ids: Collection[int]) -> dict[int, list[QuestionState]]:
        """Each user's state per question met (users without any left out)."""
        found = {u: list(self._folded(u)[0].values()) for u in user_ids}
        return {u: s for u, s in found.items() if s}

    async def latest_question_ids(self, user_id: int, limit: int) -> list[str]:
        """The questions of the user's newest attempts, newest first."""
        mine = sorted(
            (a for a in self.attempts if a.user_id == user_id), key=lambda a: (a.answered_at, a.id or 0)
        )
        return [a.question_id for a in reversed(mine[-limit:])] if limit > 0 else []

    async def sync_catalog(self, entries: Sequence[CatalogEntry]) -> None:
        """Hold exactly these catalog entries."""
        self.catalog = {e.question_id: e for e in entries}

    async def pick_practice_question(self, user_id: int, pick: PracticePick) -> str | None:
        """The rule's choice over the catalog, by ``bot.flows.selection.best_pool``."""
        candidates = [
            e.question_id
            for e in self.catalog.values()
            if pick.topic in (None, e.topic) and pick.difficulty in (None, e.difficulty)
        ]
        scores = {s.question_id: s.last_score for s in self._folded(user_id)[0].values()}
        recent = await self.latest_question_ids(user_id, pick.recent_window)
        return drawn(best_pool(candidates, scores, recent, pick), pick)

    async def topic_totals(self, user_id: int) -> list[TopicTotal]:
        """Graded answers and score sums per catalog topic (None: not in the catalog)."""
        sums: dict[str | None, tuple[int, float]] = {}
        for s in self._folded(user_id)[0].values():
            if s.graded:
                entry = self.catalog.get(s.question_id)
                topic = entry.topic if entry else None
                graded, total = sums.get(topic, (0, 0.0))
                sums[topic] = (graded + s.graded, total + s.score_sum)
        return [TopicTotal(topic, graded, total) for topic, (graded, total) in sums.items()]

    async def due_summary(self, user_id: int, before: datetime, shown: int) -> DueSummary:
        """The questions due before ``before``, weakest then longest overdue first, and the next due."""
        states = self._folded(user_id)[0].values()
        weakest = lambda s: (s.last_rating, s.due, s.question_id)  # noqa: E731
        due = sorted((s for s in states if s.due < before), key=weakest)
        later = [s.due for s in states if s.due >= before]
        return DueSummary(len(due), tuple(s.question_id for s in due[:shown]), min(later, default=None))

    async def user_progress(self, user_id: int) -> UserProgress | None:
        """The user's totals, or None before any attempt."""
        return self._folded(user_id)[1]

    async def leaderboard_page(
        self, place_id: int, user_id: int, week: datetime | None = None, top: int = 10
    ) -> LeaderPage:
        """The ranked top of a place's board and the asker's line."""
        entries = []
        for uid in {a.user_id for a in self.attempts if a.place_id == place_id}:
            score = self._folded(uid)[2].get(place_id)
            if score is None or (week is not None and score.week != week):
                continue
            user = self.users[uid]
            p, n, c = (score.week_points, score.week_answers, score.week_correct) if week else (
                score.points, score.answers, score.correct)  # fmt: skip
            entries.append(BoardLine(0, uid, user.display_name, p, n, c, score.days, user.timezone))
        entries.sort(key=lambda e: (-e.points, -e.correct, e.display_name, e.user_id))
        ranked: list[BoardLine] = []
        for index, entry in enumerate(entries):
            same = ranked and ranked[-1].points == entry.points
            ranked.append(BoardLine(ranked[-1].rank if same else index + 1, *_fields(entry)))
        own = next((e for e in ranked[top:] if e.user_id == user_id), None)
        return LeaderPage(tuple(ranked[:top]), own)


def _fields(line: BoardLine) -> tuple[object, ...]:
    return (
        line.user_id,
        line.display_name,
        line.points,
        line.answers,
        line.correct,
        line.days,
        line.timezone,
    )
