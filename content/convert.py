"""Converts validated pack specs into the core's frozen question model: the one place where pack data
becomes core data.  A plain key point (only its text) gets its synonym groups derived here
(``content.derive``) and, in a comparison question, the side it speaks of (``content.sides``).
"""

from __future__ import annotations

from bot.model.questions import KeyPoint, Misconception, Question
from content.derive import derive
from content.schema import KeyPointSpec, MisconceptionSpec, QuestionSpec
from content.sides import point_side, prompt_sides

Sides = tuple[tuple[str, tuple[str, ...]], ...]


def to_key_point(spec: KeyPointSpec, prompt: str = "", sides: Sides = ()) -> KeyPoint:
    """The core's key point for a validated spec; a plain one gets concept sets derived from its text,
    and the side of the prompt's comparison it speaks of."""
    alternatives = tuple(_groups(groups) for groups in spec.alternatives)
    subject = spec.subject
    if spec.is_plain:
        alternatives = derive(spec.text, prompt).alternatives
        subject = subject or point_side(spec.text, sides)
    return KeyPoint(
        id=spec.id,
        text=spec.text,
        concepts=_groups(spec.concepts),
        phrasings=tuple(spec.phrasings),
        weight=spec.weight,
        required=spec.required,
        alternatives=alternatives,
        at_least=spec.at_least,
        subject=subject,
        central=spec.central,
        nudge=spec.nudge,
        follow_up=spec.follow_up,
        window=spec.window,
        opposites=tuple(_groups(groups) for groups in spec.opposites),
    )


def to_misconception(spec: MisconceptionSpec) -> Misconception:
    """The core's misconception for a validated spec."""
    return Misconception(
        id=spec.id,
        text=spec.text,
        concepts=_groups(spec.concepts),
        phrasings=tuple(spec.phrasings),
        central=spec.central,
        alternatives=tuple(_groups(groups) for groups in spec.alternatives),
        subject=spec.subject,
        window=spec.window,
    )


def to_question(spec: QuestionSpec) -> Question:
    """The core's frozen question for a validated spec.

    A question without ``subjects`` whose prompt compares two sides ("X vs Y") gets those sides as
    subjects for its plain key points, so a plain pack still catches swapped definitions.
    """
    subjects = tuple((name, tuple(synonyms)) for name, synonyms in spec.subjects.items())
    sides: Sides = ()
    if not subjects and any(point.is_plain for point in spec.key_points):
        sides = tuple(prompt_sides(spec.prompt))
    key_points = tuple(to_key_point(point, spec.prompt, sides) for point in spec.key_points)
    if any(point.subject for point in key_points) and not subjects:
        subjects = sides
    return Question(
        id=spec.id,
        topic=spec.topic,
        difficulty=spec.difficulty,
        prompt=spec.prompt,
        model_answer=spec.model_answer,
        key_points=key_points,
        hints=tuple(spec.hints),
        misconceptions=tuple(to_misconception(item) for item in spec.misconceptions),
        tags=tuple(spec.tags),
        subjects=subjects,
        named_items=_groups(spec.named_items),
        default_subject=spec.default_subject,
    )


def _groups(concepts: list[list[str]]) -> tuple[tuple[str, ...], ...]:
    """Synonym groups as nested tuples."""
    return tuple(tuple(group) for group in concepts)
