"""Writes a pack's questions as a Markdown deck (which ``content import`` reads back) or as Anki CSV.

Markdown: a ``# title`` per topic, then per question a ``## prompt`` heading, an HTML comment with its
id, difficulty and tags, the model answer, its key points as bullet lines and its hints as
``> Hint:`` lines. CSV: Anki's note format (``#separator:tab``, ``#html:false``, ``#tags column:3``),
front and back, with the difficulty as a ``difficulty::level`` tag.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence

from bot.model.questions import Question


def to_markdown(questions: Sequence[Question], topics: Mapping[str, str]) -> str:
    """The questions as a Markdown deck, grouped by topic in the order the topics are given."""
    lines: list[str] = []
    for topic, title in topics.items():
        chosen = [question for question in questions if question.topic == topic]
        if not chosen:
            continue
        lines += [f"# {title}", ""]
        for question in chosen:
            lines += _markdown_question(question)
    return "\n".join(lines).rstrip() + "\n"


def _markdown_question(question: Question) -> list[str]:
    """One question's lines, ending with a blank line."""
    meta = f"id: {question.id}; difficulty: {question.difficulty.value}"
    if question.tags:
        meta += f"; tags: {', '.join(question.tags)}"
    prompt = " ".join(question.prompt.split())
    lines = [f"## {prompt}", f"<!-- {meta} -->", "", question.model_answer.strip(), ""]
    lines += [f"- {' '.join(point.text.split())}" for point in question.key_points]
    lines += ["", *(f"> Hint: {' '.join(hint.split())}" for hint in question.hints), ""]
    return lines


def to_csv(questions: Sequence[Question]) -> str:
    """The questions as Anki's plain-text note format: front, back and tags, tab-separated."""
    out = io.StringIO()
    out.write("#separator:tab\n#html:false\n#tags column:3\n")
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    for question in questions:
        tags = [tag.replace(" ", "_") for tag in question.tags]
        tags.append(f"difficulty::{question.difficulty.value}")
        writer.writerow([question.prompt.strip(), question.model_answer.strip(), " ".join(tags)])
    return out.getvalue()
