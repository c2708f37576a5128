"""The scorecard at the end of a mock interview: each question's verdict, score, time and missed points,
the strongest and weakest topics, and what to review next."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from bot.flows.interview_replies import duration
from bot.model.grades import Verdict
from bot.model.messages import Reply, ReplyKind, Section
from bot.model.questions import Question
from bot.model.records import Attempt

SCORECARD_TITLE = "📋 Mock interview scorecard"
VERDICT_WORDS = {
    Verdict.CORRECT: "✅ correct",
    Verdict.PARTIAL: "🟡 partly right",
    Verdict.WRONG: "❌ not quite",
    Verdict.SKIPPED: "⏭ skipped",
}


@dataclass(frozen=True)
class Entry:
    """One question of the interview and its attempt (None when it was asked but never answered)."""

    number: int
    question_id: str
    question: Question | None
    attempt: Attempt | None

    @property
    def topic(self) -> str:
        """The question's topic (``?`` when it left the question bank)."""
        return self.question.topic if self.question else "?"

    @property
    def score(self) -> float:
        """The score of the answer; a skipped or unanswered question scores 0."""
        return self.attempt.score if self.attempt else 0.0


def _percent(score: float) -> str:
    return f"{round(score * 100)}%"


def _question_section(entry: Entry) -> Section:
    attempt = entry.attempt
    if attempt is None:
        heading = f"{entry.number}. {entry.question_id} ({entry.topic}) – not answered"
        return Section(heading, ("Stopped before an answer.",))
    verdict = VERDICT_WORDS.get(Verdict(attempt.verdict), str(attempt.verdict))
    heading = (
        f"{entry.number}. {entry.question_id} ({entry.topic}) – {verdict}, {_percent(attempt.score)}, "
        f"{duration(attempt.elapsed_seconds)}"
    )
    if attempt.verdict == Verdict.SKIPPED:
        return Section(heading, ("Skipped: every key point is still to learn.",))
    texts = {point.id: point.text for point in entry.question.key_points} if entry.question else {}
    lines = tuple(f"✗ missed: {texts.get(p, p)}" for p in attempt.missed) or ("Nothing missed.",)
    return Section(heading, lines)


def _topic_section(entries: Sequence[Entry]) -> Section:
    by_topic: dict[str, list[float]] = defaultdict(list)
    for entry in entries:
        by_topic[entry.topic].append(entry.score)
    averages = sorted(((sum(s) / len(s), t) for t, s in by_topic.items()), key=lambda a: (-a[0], a[1]))
    if len(averages) == 1:
        score, topic = averages[0]
        return Section("Topics", (f"Only {topic} was asked: {_percent(score)}.",))
    (best, best_topic), (worst, worst_topic) = averages[0], averages[-1]
    if best == worst:
        return Section("Topics", (f"Every topic scored {_percent(best)}.",))
    return Section(
        "Topics",
        (f"Strongest: {best_topic} ({_percent(best)})", f"Weakest: {worst_topic} ({_percent(worst)})"),
    )


def _review_section(entries: Sequence[Entry]) -> Section:
    weak = sorted(
        (e for e in entries if e.attempt is not None and e.attempt.verdict != Verdict.CORRECT),
        key=lambda e: (e.score, e.number),
    )
    if not weak:
        return Section("Review next", ("Nothing: every answer was correct.",))
    lines = [f"{e.question_id} – practise it with /quiz {e.question_id}" for e in weak]
    lines.append("These come back in your daily drill first (subscribe with /daily HH:MM).")
    return Section("Review next", tuple(lines))


def scorecard(entries: Sequence[Entry], total: int, *, stopped_early: bool) -> Reply:
    """The scorecard of the questions asked so far, out of ``total`` planned."""
    answered = [e for e in entries if e.attempt is not None and e.attempt.verdict != Verdict.SKIPPED]
    skipped = [e for e in entries if e.attempt is not None and e.attempt.verdict == Verdict.SKIPPED]
    counted = [e for e in entries if e.attempt is not None]
    average = sum(e.score for e in counted) / len(counted) if counted else 0.0
    took = sum(e.attempt.elapsed_seconds or 0.0 for e in counted if e.attempt is not None)
    summary = f"{len(answered)} of {total} answered, {len(skipped)} skipped, {duration(took)} in all."
    if stopped_early:
        summary = f"Stopped early. {summary}"
    correct = sum(e.attempt is not None and e.attempt.verdict == Verdict.CORRECT for e in entries)
    body = (summary, f"Average {_percent(average)} (skipped questions count 0) · {correct} correct.")
    if not counted:
        return Reply(
            ReplyKind.STATS, SCORECARD_TITLE, (summary, "Nothing was answered, so nothing to score.")
        )
    sections = (*(_question_section(e) for e in entries), _topic_section(counted), _review_section(entries))
    return Reply(ReplyKind.STATS, f"{SCORECARD_TITLE} – {_percent(average)}", body, sections=sections)
