"""Builders for the core's replies: help, topics, questions, grades, errors."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from bot.model.actions import Action
from bot.model.grades import Grade, PointResult, Verdict
from bot.model.messages import Button, Reply, ReplyKind, Section
from bot.model.questions import Question, Topic

LISTED_TOPICS = 20
"""Up to this many topics, an unknown topic's reply names them all."""

HELP_LINES = (
    "/quiz [topic] [easy|medium|hard] – a question (any topic, or one of /topics)",
    "answer in your own words – in a group, reply to the question (on Discord: its Answer button)",
    "/hint – a nudge without the answer · /skip – next question",
    "/stats – your progress · /leaderboard – this group's ranks",
    "/export – your answers as a JSON file (in a DM)",
    "/daily HH:MM [Area/City] – one question a day · /daily off",
    "/interview [topic] [n] – a mock interview (in a DM), scored at the end · /interview stop",
    "/disagree [why] – appeal your last grade · /accept <id> – a group admin accepts an appeal",
    "/topics – what you can practise · /forget – delete your data",
)
PLATFORM_HELP_LINES = {
    "telegram": (
        "/quiz [topic] [easy|medium|hard] – a question (any topic, or one of /topics)",
        "answer in your own words – in a group, reply to the question message",
        "/hint – a nudge · /skip – next question · /answer – the model answer",
        "/stats – your progress · /leaderboard – this group's ranks",
        "/export – your answers as a JSON file (in a DM)",
        "/daily HH:MM [Area/City] – one question a day · /daily off",
        "/interview [topic] [n] – a mock interview (in a DM), scored at the end · /interview stop",
        "/disagree [why] – appeal your last grade (or its Disagree button) · /accept <id> – admins",
        "/topics – what you can practise · /forget – delete your data",
    ),
    "discord": (
        "/quiz [topic] [easy|medium|hard] – a question (any topic, or one of /topics)",
        "answer in your own words – in a channel, press the question's Answer button",
        "/stats – your progress · /leaderboard – this server's ranks",
        "/export – your answers as a JSON file (in a DM)",
        "/daily [time] [zone] – one question a day · /daily time:off",
        "/interview [topic] [questions] – a mock interview in a DM, scored at the end",
        "/disagree [why] – appeal your last grade (or its Disagree button) · /accept – admins",
        "/topics – what you can practise · /forget – delete your data",
    ),
    "console": (
        "type your answer and press Enter · Esc-Enter adds a line",
        "/hint – a nudge without the answer · /skip – next question",
        "/answer – the model answer · /quiz [topic] – another question",
        "/topics – a numbered topic menu · /stats – your progress",
        "/daily HH:MM [Area/City] – a daily question (drills tick --console)",
        "/interview [topic] [n] – a mock interview (or `interview-bot interview`)",
        "/disagree [why] – disagree with your last grade (kept for the pack's authors)",
        "/quit, Ctrl-D or Ctrl-C – leave with a summary",
    ),
}

VERDICT_TITLES = {
    Verdict.CORRECT: "✅ Correct",
    Verdict.PARTIAL: "🟡 Partly right",
    Verdict.WRONG: "❌ Not quite",
}


def prose(text: str) -> str:
    """Join a pack's hard-wrapped lines into paragraphs; blank lines and list items keep their breaks."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(re.sub(r"[ \t]*\n[ \t]*(?![-*•]|\d+\.)", " ", p.strip()) for p in paragraphs)


def one_stop(text: str) -> str:
    """The text ending in one full stop where a quoted sentence left two ("... signed.." -> "... signed.")."""
    return re.sub(r"(?<!\.)\.\.$", ".", text.rstrip())


def info(title: str, *body: str, private: bool = False) -> Reply:
    """A plain informational reply."""
    return Reply(ReplyKind.INFO, title, tuple(body), private=private)


def error(title: str, *body: str, answers: str | None = None) -> Reply:
    """A reply that explains what was wrong with the request and what to do instead."""
    return Reply(ReplyKind.ERROR, title, tuple(body), answers=answers, private=True)


def nothing_pending() -> Reply:
    """The reply to an answer, /hint or /skip when no question is open."""
    return info("No question is waiting for an answer.", "Get one with /quiz.")


def question_closed() -> Reply:
    """The reply to an answer or a button of a question that is closed."""
    return info("That question is closed.", "Get a new one with /quiz.")


def welcome(name: str, topics: list[Topic], platform: str = "") -> Reply:
    """The /start and /help reply, with the commands of the platform it is shown on."""
    names = ", ".join(t.name for t in topics)
    return Reply(
        ReplyKind.INFO,
        f"Hi {name}! Let's practise backend interview questions.",
        (
            "I ask a question, you answer in your own words, and I grade it against the key points an "
            "interviewer listens for.",
            f"Topics: {names}.",
        ),
        sections=(Section("Commands", PLATFORM_HELP_LINES.get(platform, HELP_LINES)),),
    )


def topic_list(topics: list[Topic]) -> Reply:
    """The /topics reply: the topics, and a keyboard with a button asking a question of each."""
    lines = tuple(f"{t.name} – {t.title} ({t.question_count} questions)" for t in topics)
    buttons = (Button("🎲 Any topic", Action.next()), *(Button(t.name, Action.next(t.name)) for t in topics))
    lead = "Pick one below, or send /quiz <topic> [easy|medium|hard]."
    return Reply(ReplyKind.TOPICS, "Topics", (lead,), sections=(Section("", lines),), buttons=buttons)


def unknown_topic(asked: str, topics: list[Topic]) -> Reply:
    """The reply to /quiz with a topic that does not exist: every topic, or (of many) the closest ones."""
    names = [t.name for t in topics]
    if len(names) <= LISTED_TOPICS:
        return error(f"There is no topic “{asked[:50]}”.", f"Try one of: {', '.join(names)}.")
    close = difflib.get_close_matches(asked.strip().lower(), names, n=3, cutoff=0.75)
    guess = f"Did you mean {' or '.join(close)}? " if close else ""
    return error(f"There is no topic “{asked[:50]}”.", f"{guess}Send /topics to see all {len(names)} topics.")


def question(q: Question, open_question_id: int, *, group: bool) -> Reply:
    """A posted question with its buttons."""
    body = [q.prompt]
    if group:
        body.append("Reply to this message with your answer; each member is graded on their own.")
    buttons = (
        Button("💡 Hint", Action.hint(open_question_id)),
        Button("⏭ Skip", Action.skip(open_question_id)),
        Button("📖 Show answer", Action.reveal(open_question_id)),
    )
    return Reply(
        ReplyKind.QUESTION,
        f"{q.topic} · {q.difficulty.value}",
        tuple(body),
        buttons=buttons,
        open_question_id=open_question_id,
    )


MISS_REASONS = {"denied": "you said the opposite", "only partly stated": "only partly said"}
"""How a missed point's grader reason reads to the user; a point simply not mentioned gets no note."""


def missed_line(point: PointResult) -> str:
    """A missed key point, with why it was missed when there is more to say than "not mentioned"."""
    kind, _, detail = point.reason.partition(":")
    note = MISS_REASONS.get(kind)
    if note is None:
        return point.text
    quoted = detail.strip() if kind == "only partly stated" else ""
    return f"{point.text.rstrip('.')} – {note}{': ' + quoted if quoted else ''}"


def disagree_button(open_question_id: int) -> Button:
    """The Disagree button under a grade: appeals the presser's grade on that open question."""
    return Button("👎 Disagree", Action.disagree(open_question_id))


def graded(
    q: Question,
    grade: Grade,
    nudge: str,
    *,
    name: str,
    group: bool,
    answers: str | None,
    open_question_id: int | None = None,
) -> Reply:
    """The feedback on one answer: verdict, score, key points hit and missed, and the model answer
    (with the Disagree button when the open question it answered is given)."""
    percent = round(grade.score * 100)
    title = f"{VERDICT_TITLES[grade.verdict]} – {percent}%"
    body = (one_stop(nudge),) if nudge else ()
    buttons = () if group else (Button("➡ Next question", Action.next(q.topic)),)
    if open_question_id is not None:
        buttons += (disagree_button(open_question_id),)
    return Reply(
        ReplyKind.GRADE,
        title,
        body,
        sections=(Section("Model answer", (prose(q.model_answer),)),),
        hits=tuple(p.text for p in grade.points if p.hit),
        misses=tuple(missed_line(p) for p in grade.points if not p.hit),
        buttons=buttons,
        answers=answers,
        private=group,
        score=grade.score,
        verdict=grade.verdict,
        mention=name if group else None,
        question_id=q.id,
    )


def model_answer(q: Question, title: str) -> Reply:
    """The model answer of a question (Show answer)."""
    lines = tuple(p.text for p in q.key_points)
    return Reply(
        ReplyKind.ANSWER,
        title,
        (prose(q.model_answer),),
        sections=(Section("Key points", lines),),
        buttons=(Button("➡ Next question", Action.next(q.topic)),),
        question_id=q.id,
    )


def in_messages(replies: Sequence[Reply]) -> list[tuple[Reply, ...]]:
    """The replies grouped into the messages a chat platform sends: a follow-up rides in the message of
    the reply before it (the grade it follows up) when both go to the same people, quote the same message
    and the grade carries no file, so an answer costs one message of a group's send budget (Telegram
    allows a group 20 a minute), not two.  Every other reply is a message of its own, in order."""
    messages: list[tuple[Reply, ...]] = []
    for reply in replies:
        if reply.follow_up_id is not None and messages and _carries(messages[-1], reply):
            messages[-1] = (*messages[-1], reply)
        else:
            messages.append((reply,))
    return messages


def _carries(message: tuple[Reply, ...], follow_up: Reply) -> bool:
    """Whether ``follow_up`` may join the one-reply ``message`` (see ``in_messages``)."""
    if len(message) != 1:
        return False
    first = message[0]
    return (
        first.private == follow_up.private
        and first.answers == follow_up.answers
        and not first.attachments
        and first.open_question_id is None
        and first.follow_up_id is None
        and first.appeal_id is None
    )
