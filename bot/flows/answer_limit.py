"""A per-user limit on graded answers: a few a minute, so no one can flood the grader and the store.

Kept in memory per process (a bounded map of recent answer times), so with several worker processes a
user may answer up to that many times the limit; the limit is a guard, not a quota.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from datetime import datetime, timedelta

ANSWERS_PER_MINUTE = 12
TRACKED_USERS = 10_000


class AnswerLimit:
    """At most ``per_window`` graded answers per user in any ``window``."""

    def __init__(
        self, per_window: int = ANSWERS_PER_MINUTE, window: timedelta = timedelta(minutes=1)
    ) -> None:
        self.per_window = per_window
        self.window = window
        self._recent: OrderedDict[int, deque[datetime]] = OrderedDict()

    def wait(self, user_id: int, now: datetime) -> float:
        """Seconds the user must wait before the next graded answer (0: go ahead, and it is counted)."""
        times = self._recent.pop(user_id, None) or deque()
        while times and now - times[0] >= self.window:
            times.popleft()
        if len(times) >= self.per_window:
            self._recent[user_id] = times
            return max(1.0, (times[0] + self.window - now).total_seconds())
        times.append(now)
        self._recent[user_id] = times
        while len(self._recent) > TRACKED_USERS:
            self._recent.popitem(last=False)
        return 0.0
