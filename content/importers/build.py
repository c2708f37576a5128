"""Turns a deck's notes into a pack: stable ids, plain key points, a hint, a difficulty, and a review.

The review lists what an author should look at before the pack is used for practice: answers of one
sentence, long answers, long key points, duplicates, points cut to five, placeholder hints, and the
labelled examples every question still needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.model.questions import Difficulty
from content.check import model_answer_miss
from content.convert import to_question
from content.importers.ids import normalized, question_id
from content.importers.notes import Deck, Note
from content.importers.points import LONG_POINT_WORDS, MAX_POINTS, key_points, point_id
from content.schema import ID_PATTERN, QuestionSpec

LONG_ANSWER_WORDS = 150
SHORT_ANSWER_WORDS = 5
LEVELS = {level.value for level in Difficulty}


@dataclass(frozen=True)
class Finding:
    """Something in one imported question that needs an author's look."""

    question: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.question} ({self.where}): {self.message}"


@dataclass
class ImportedPack:
    """A pack built from a deck: its data (as a pack file holds it) and what needs an author's look."""

    data: dict[str, Any]
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def questions(self) -> list[dict[str, Any]]:
        """The pack's questions."""
        return list(self.data["questions"])


def build_pack(
    deck: Deck, *, pack: str, topic: str, title: str, difficulty: Difficulty, taken: set[str]
) -> ImportedPack:
    """The pack for ``deck`` in ``topic``; question ids avoid ``taken`` (the ids already in use)."""
    imported = ImportedPack({"pack": pack, "title": title, "topics": {topic: title}, "questions": []})
    taken = set(taken)
    seen: dict[str, tuple[str, str]] = {}
    placeholders = 0
    for note in deck.notes:
        first = seen.get(normalized(note.front))
        if first is not None:
            message = f"{note.where} asks the same question again; skipped"
            imported.findings.append(Finding(first[0], first[1], message))
            continue
        question = _question(note, topic, difficulty, taken, imported.findings)
        if question is None:
            continue
        seen[normalized(note.front)] = (question["id"], note.where)
        placeholders += not note.hints
        imported.data["questions"].append(question)
    imported.notes += deck.skipped
    if placeholders:
        imported.notes.append(
            f"{placeholders} question(s) got a placeholder hint (how many points a full answer makes); "
            "write hints that point the way without giving the answer away"
        )
    if imported.data["questions"]:
        imported.notes.append(
            "no question has labelled examples yet: add them (correct, partial, wrong) and run "
            "`interview-bot content check` on the pack"
        )
    return imported


def _question(
    note: Note, topic: str, default: Difficulty, taken: set[str], findings: list[Finding]
) -> dict[str, Any] | None:
    """One question's data, or None (with a finding) when the note has nothing to grade."""
    texts, candidates = key_points(note.back, note.points)
    wanted = note.id if ID_PATTERN.fullmatch(note.id or "") else ""
    qid = question_id(note.front, taken, wanted)
    if not texts:
        findings.append(Finding(qid, note.where, "no sentence of the answer has words to grade; skipped"))
        taken.discard(qid)
        return None
    say = findings.append
    if wanted and qid != wanted:
        say(Finding(qid, note.where, f"the id '{wanted}' is already in use; imported as '{qid}'"))
    level, tags = _difficulty(note, default)
    if note.difficulty and note.difficulty.lower() not in LEVELS:
        say(Finding(qid, note.where, f"unknown difficulty '{note.difficulty}'; used {level}"))
    for message in _answer_findings(note, texts, candidates):
        say(Finding(qid, note.where, message))
    point_ids: set[str] = set()
    question: dict[str, Any] = {
        "id": qid,
        "topic": topic,
        "difficulty": level,
        "prompt": note.front,
        "model_answer": note.back,
        "hints": list(note.hints[:3]) or [_placeholder_hint(len(texts))],
        "tags": list(tags),
        "key_points": [{"id": point_id(text, point_ids), "text": text} for text in texts],
    }
    if not tags:
        del question["tags"]
    miss = model_answer_miss(to_question(QuestionSpec.model_validate(question)))
    if miss is not None:
        reason = miss.grade.reason.rstrip(".")
        verdict = miss.grade.verdict.value
        message = (
            f"the answer grades {verdict} against its own key points ({reason}); reword one or the other"
        )
        say(Finding(qid, note.where, message))
    return question


def _difficulty(note: Note, default: Difficulty) -> tuple[str, list[str]]:
    """The note's difficulty (its own, a tag such as ``hard`` or ``difficulty::hard``, or the default)."""
    tags: list[str] = []
    level = note.difficulty.lower() if note.difficulty.lower() in LEVELS else ""
    for tag in note.tags:
        named = tag.lower().removeprefix("difficulty::")
        if named in LEVELS:
            level = level or named
        else:
            tags.append(tag)
    return level or default.value, tags


def _answer_findings(note: Note, texts: list[str], candidates: int) -> list[str]:
    """What the answer's shape asks an author to look at."""
    found: list[str] = []
    words = len(note.back.split())
    if candidates == 1:
        found.append(
            f"the answer gives one key point ({'one bullet' if note.points else 'one sentence'}); "
            "split it into the ideas an interviewer listens for"
        )
    if candidates > MAX_POINTS and note.points:
        found.append(f"{candidates} key points (bullet lines); two to {MAX_POINTS} make a chat answer")
    elif candidates > MAX_POINTS:
        found.append(f"kept the first {MAX_POINTS} of {candidates} sentences as key points")
    if words > LONG_ANSWER_WORDS:
        found.append(f"a long answer ({words} words); shorten it or split the question")
    elif words < SHORT_ANSWER_WORDS:
        found.append(f"a very short answer ({words} word{'s' if words != 1 else ''}); say why, not only what")
    for text in texts:
        length = len(text.split())
        if length > LONG_POINT_WORDS:
            found.append(f"a key point of {length} words (“{text[:40]}…”); a shorter one grades better")
    return found


def _placeholder_hint(points: int) -> str:
    """A hint that gives nothing away: how many points a full answer makes."""
    return "A full answer makes one point." if points == 1 else f"A full answer makes {points} points."
