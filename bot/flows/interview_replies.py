"""The replies of a mock interview: its questions ("Question 2 of 5"), the time each answer took, and
what the interview says when it is used the wrong way.  The scorecard is in ``scorecard.py``."""

from __future__ import annotations

from bot import replies
from bot.model.actions import Action
from bot.model.messages import Button, Reply, ReplyKind
from bot.model.questions import Question

MAX_QUESTIONS = 10
DEFAULT_QUESTIONS = 5
HOW_TO_GO_ON = "Answer it, /skip it, or send /interview stop to end with a scorecard."


def duration(seconds: float | None) -> str:
    """A time taken, readably: ``45 s``, ``1 min 12 s``, ``3 min``, ``1 h 5 min``."""
    if seconds is None:
        return "–"
    whole = max(0, round(seconds))
    if whole < 60:
        return f"{whole} s"
    if whole < 3600:
        minutes, secs = divmod(whole, 60)
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    hours, rest = divmod(whole, 3600)
    minutes = rest // 60
    return f"{hours} h {minutes} min" if minutes else f"{hours} h"


def started(total: int, topic: str | None, note: str = "") -> Reply:
    """The first reply of an interview: how many questions, of what, and how it works."""
    about = f"{topic} questions" if topic else "questions across the topics"
    body = [
        "Answer each one as you would in the room. No grades or model answers until the end: "
        "then a scorecard with what you missed and what to review.",
        "/skip skips a question · /interview stop ends early with a scorecard so far.",
    ]
    if note:
        body.insert(0, note)
    return replies.info(f"🎤 Mock interview: {total} {about}", *body)


def question(q: Question, open_question_id: int, number: int, total: int) -> Reply:
    """One interview question: its number, topic and prompt, with only a Skip button."""
    return Reply(
        ReplyKind.QUESTION,
        f"Question {number} of {total} · {q.topic} · {q.difficulty.value}",
        (q.prompt,),
        buttons=(Button("⏭ Skip", Action.skip(open_question_id)),),
        open_question_id=open_question_id,
    )


def answered(number: int, total: int, seconds: float | None, answers: str | None = None) -> Reply:
    """An answer was taken (not graded yet): how long it took."""
    return Reply(
        ReplyKind.INFO,
        f"Question {number} of {total} answered in {duration(seconds)}.",
        answers=answers,
    )


def skipped(number: int, total: int, seconds: float | None) -> Reply:
    """A question was skipped: it counts as skipped on the scorecard."""
    return replies.info(f"Question {number} of {total} skipped after {duration(seconds)}.")


def running(number: int, total: int) -> Reply:
    """The reply to /interview (or /quiz) while an interview is running: where it is, and how to go on."""
    return replies.info(f"You are in a mock interview: question {number} of {total}.", HOW_TO_GO_ON)


def quiz_refused(number: int, total: int) -> Reply:
    """/quiz (or Next question) during an interview: the interview comes first."""
    return replies.error(
        f"A mock interview is running (question {number} of {total}).",
        "Finish it first: " + HOW_TO_GO_ON,
    )


def dm_only() -> Reply:
    """/interview in a group."""
    return replies.error(
        "Mock interviews are one to one.", "Send /interview to me in a direct message to start one."
    )


def bad_count(asked: str) -> Reply:
    """/interview with a number of questions out of range, or two numbers."""
    return replies.error(
        f"“{asked[:20]}” is not a number of questions I can ask.",
        f"Ask for 1 to {MAX_QUESTIONS} questions, e.g. /interview security 3 (the default is "
        f"{DEFAULT_QUESTIONS}).",
    )


def nothing_running() -> Reply:
    """/interview stop with no interview running."""
    return replies.info("No mock interview is running.", "Start one with /interview [topic] [questions].")


def no_hints() -> Reply:
    """/hint during an interview."""
    return replies.info("No hints in a mock interview.", "Answer as best you can, or /skip the question.")


def no_model_answer() -> Reply:
    """/answer during an interview."""
    return replies.info(
        "No model answers during a mock interview.",
        "The scorecard at the end lists what you missed; practise a question again with /quiz <question>.",
    )
