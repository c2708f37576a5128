"""The pack file format as pydantic models; ``content/convert.py`` turns them into the core model.

Each spec mirrors a dataclass of ``bot.model.questions`` field for field.  When a field is added there, add
it to the spec here and to the matching ``to_*`` function of ``content/convert.py``: that is the one
place where pack data becomes core data.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from bot.model.questions import Difficulty
from content.derive import content_words

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

Location = tuple[int | str, ...]


class RuleViolations(ValueError):
    """Several rule breaches in one model, each at its own location relative to that model."""

    def __init__(self, violations: list[tuple[Location, str]]) -> None:
        self.violations = violations
        super().__init__("; ".join(message for _, message in violations))


def _identifier(value: str) -> str:
    """Accept stable ids: lowercase letters, digits and single dashes."""
    if not ID_PATTERN.fullmatch(value):
        raise ValueError(
            f"'{value}' is not a valid id: use lowercase letters, digits and single dashes "
            "(like 'authn-vs-authz')"
        )
    return value


def _text(value: str) -> str:
    """Refuse blank text; trim surrounding whitespace (block scalars end with a newline)."""
    stripped = value.strip()
    if not stripped:
        raise ValueError("must not be empty")
    return stripped


Identifier = Annotated[str, AfterValidator(_identifier)]
Text = Annotated[str, AfterValidator(_text)]
ConceptGroup = Annotated[list[Text], Field(min_length=1)]


class _Spec(BaseModel):
    """Shared settings: unknown keys are errors, so a misspelt field name never goes unnoticed."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True, allow_inf_nan=False)


class _Detectable(_Spec):
    """Something the grader detects in an answer: synonym groups and/or whole phrasings.

    ``alternatives`` are further concept sets (each a list of synonym groups), ``subject`` names one
    of the question's ``subjects``, ``window`` bounds the words' spread in tokens (0 = default).
    """

    id: Identifier
    text: Text
    concepts: list[ConceptGroup] = []
    phrasings: list[Text] = []
    alternatives: list[Annotated[list[ConceptGroup], Field(min_length=1)]] = []
    subject: str = ""
    window: int = Field(default=0, ge=0)

    @model_validator(mode="after")
    def _has_something_to_match(self) -> _Detectable:
        if not self.concepts and not self.phrasings and not self.alternatives:
            raise ValueError(f"'{self.id}' needs at least one concept group or phrasing")
        return self


class KeyPointSpec(_Detectable):
    """A key point of a question (see ``bot.model.questions.KeyPoint``).

    A plain key point is only its ``text``: the loader derives its synonym groups from that
    sentence and the shared lexicon (``content/derive.py``).
    """

    weight: float = Field(default=1.0, gt=0)
    required: bool = True
    at_least: int = Field(default=1, ge=1)
    central: bool = False
    nudge: str = ""
    follow_up: str = ""
    opposites: list[Annotated[list[ConceptGroup], Field(min_length=1)]] = []

    @model_validator(mode="after")
    def _has_something_to_match(self) -> KeyPointSpec:
        if self.is_plain and not content_words(self.text):  # the text alone is enough when it has words
            raise ValueError(
                f"'{self.id}' has no words to match in its text; give concept groups or phrasings"
            )
        return self

    @property
    def is_plain(self) -> bool:
        """Whether only the text says what counts (no concepts, alternatives or phrasings)."""
        return not self.concepts and not self.alternatives and not self.phrasings


class ExampleSpec(_Spec):
    """A labelled example answer: ``content check`` grades it and compares the verdict with ``label``."""

    answer: Text
    label: Literal["correct", "partial", "wrong"]
    note: str = ""


class MisconceptionSpec(_Detectable):
    """A misconception of a question (see ``bot.model.questions.Misconception``)."""

    central: bool = True


class QuestionSpec(_Spec):
    """One question of a pack (see ``bot.model.questions.Question``)."""

    id: Identifier
    topic: Identifier
    difficulty: Difficulty
    prompt: Text
    model_answer: Text
    hints: list[Text] = Field(min_length=1, max_length=3)
    tags: list[Text] = []
    key_points: list[KeyPointSpec]
    misconceptions: list[MisconceptionSpec] = []
    subjects: dict[Identifier, ConceptGroup] = {}
    named_items: list[ConceptGroup] = []
    default_subject: str = ""
    examples: list[ExampleSpec] = []

    @field_validator("key_points")
    @classmethod
    def _has_key_points(cls, value: list[KeyPointSpec]) -> list[KeyPointSpec]:
        if not value:
            raise ValueError("the question has no key points; give at least one")
        return value

    @model_validator(mode="after")
    def _points_are_consistent(self) -> QuestionSpec:
        violations: list[tuple[Location, str]] = []
        if not any(point.required for point in self.key_points):
            message = "no key point is required; mark at least one 'required: true'"
            violations.append((("key_points",), message))
        named = [("key_points", i, point.id) for i, point in enumerate(self.key_points)]
        named += [("misconceptions", i, item.id) for i, item in enumerate(self.misconceptions)]
        for field, index, item in [
            *(("key_points", i, p) for i, p in enumerate(self.key_points)),
            *(("misconceptions", i, m) for i, m in enumerate(self.misconceptions)),
        ]:
            if item.subject and item.subject not in self.subjects:
                message = f"subject '{item.subject}' is not one of this question's subjects"
                violations.append(((field, index, "subject"), message))
        if self.default_subject and self.default_subject not in self.subjects:
            message = f"default_subject '{self.default_subject}' is not one of this question's subjects"
            violations.append((("default_subject",), message))
        seen: set[str] = set()
        for field, index, name in named:
            if name in seen:
                message = f"duplicate id '{name}' among this question's key points and misconceptions"
                violations.append(((field, index, "id"), message))
            seen.add(name)
        if violations:
            raise RuleViolations(violations)
        return self


class PackHeader(_Spec):
    """A pack file's top level; its questions are validated one by one as ``QuestionSpec``.

    Validating questions separately means one broken question does not hide the problems (or the
    valid ids and topics) of the others.
    """

    pack: Identifier
    title: Text
    topics: dict[Identifier, Text] = {}
    questions: list[Any] = []

    @model_validator(mode="after")
    def _is_not_empty(self) -> PackHeader:
        if not self.topics and not self.questions:
            raise ValueError("the pack declares no topics and no questions")
        return self
