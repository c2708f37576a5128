"""A plain-sentence copy of a pack: each key point reduced to its text, with no refinements.

It measures what a pack author gets by writing key points as sentences only (the loader derives
what counts from the text and the shared lexicon); ``benchmarks/grading_eval.py --plain`` uses it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

KEPT_POINT_FIELDS = ("id", "text", "required", "weight")
DROPPED_QUESTION_FIELDS = ("misconceptions", "subjects", "named_items", "default_subject")


def plain_question(question: dict[str, Any]) -> dict[str, Any]:
    """The question with its key points reduced to their text (and weight and whether required)."""
    copy = {key: value for key, value in question.items() if key not in DROPPED_QUESTION_FIELDS}
    points = question.get("key_points", [])
    copy["key_points"] = [{key: point[key] for key in KEPT_POINT_FIELDS if key in point} for point in points]
    return copy


def plain_pack(data: dict[str, Any]) -> dict[str, Any]:
    """A pack's data with every question made plain."""
    return {**data, "questions": [plain_question(q) for q in data.get("questions", [])]}


def write_plain_copy(source: Path, target: Path) -> Path:
    """Write the plain copy of the pack file ``source`` to ``target`` and return ``target``."""
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    target.write_text(yaml.safe_dump(plain_pack(data), sort_keys=False, allow_unicode=True), encoding="utf-8")
    return target
