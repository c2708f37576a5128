"""Loads pack files into validated questions and topics, collecting every problem with its file and line."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bot.model.questions import Question
from content.authoring import point_warnings
from content.check import Example
from content.convert import to_question
from content.explain import describe_value, findings
from content.limits import size_problem, synonym_problem
from content.problems import PackProblem
from content.schema import ID_PATTERN, PackHeader, QuestionSpec
from content.yaml_source import YamlDocument, read_yaml


@dataclass(frozen=True)
class _Declared:
    """A topic declaration or question id, remembered with where it was made."""

    value: str
    path: Path
    line: int

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass
class LoadResult:
    """What a set of pack files holds: topics in declaration order, valid questions, and problems."""

    files: list[Path] = field(default_factory=list)
    topics: dict[str, str] = field(default_factory=dict)
    questions: list[Question] = field(default_factory=list)
    problems: list[PackProblem] = field(default_factory=list)
    examples: dict[str, list[Example]] = field(default_factory=dict)
    warnings: list[PackProblem] = field(default_factory=list)


@dataclass
class _State:
    """Everything seen so far while loading, for checks that span files."""

    result: LoadResult = field(default_factory=LoadResult)
    topic_sites: dict[str, _Declared] = field(default_factory=dict)
    topic_titles: dict[str, str] = field(default_factory=dict)
    id_sites: dict[str, _Declared] = field(default_factory=dict)
    pending: list[tuple[Question, _Declared]] = field(default_factory=list)
    warn: bool = False


def load_packs(
    sources: Sequence[Traversable], context: Sequence[Traversable] = (), *, warnings: bool = False
) -> LoadResult:
    """Load ``sources`` in order; ``context`` files count for topic and id checks but are not reported.

    Authoring warnings are only for the people who write packs (``content lint``), so they are
    worked out only when ``warnings`` is true: a bot that loads the packs never needs them.
    """
    state = _State(warn=warnings)
    for source in context:
        _load_file(source, state)
    state.result = LoadResult()
    state.pending.clear()
    for source in sources:
        _load_file(source, state)
    _resolve_topics(state)
    order = {path: index for index, path in enumerate(state.result.files)}
    state.result.problems.sort(key=lambda problem: (order.get(problem.path, -1), problem.line or 0))
    return state.result


def _load_file(source: Traversable, state: _State) -> None:
    """Read, parse and validate one file into ``state``."""
    path = Path(str(source))
    state.result.files.append(path)
    text, problem = _read_text(source, path)
    if problem is not None:
        state.result.problems.append(problem)
        return
    document, problems = read_yaml(path, text)
    state.result.problems.extend(problems)
    if document is None:
        return
    if not isinstance(document.data, dict):
        found = describe_value(document.data)
        reason = f"a pack must be a mapping with 'pack', 'title', 'topics' and 'questions'; found {found}"
        state.result.problems.append(PackProblem(path, document.line_of(()), reason))
        return
    _load_header(document, state)
    questions = document.data.get("questions")
    if isinstance(questions, list):
        for index, item in enumerate(questions):
            _load_question(document, index, item, state)


def _read_text(source: Traversable, path: Path) -> tuple[str, PackProblem | None]:
    """The file's text, or a problem saying why it cannot be read."""
    try:
        raw = source.read_bytes()
    except OSError as error:
        return "", PackProblem(path, None, f"cannot read the file: {error.strerror or error}")
    too_big = size_problem(path, len(raw))
    if too_big is not None:
        return "", too_big
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return "", PackProblem(path, line, "the file is not UTF-8 text")


def _load_header(document: YamlDocument, state: _State) -> None:
    """Validate the pack's top level and declare its topics (as far as they are readable)."""
    data: dict[Any, Any] = document.data
    try:
        header = PackHeader.model_validate(data)
        topics: dict[Any, Any] = header.topics
    except ValidationError as error:
        for finding in findings(error, PackHeader, document):
            line = document.line_of(finding.loc)
            state.result.problems.append(PackProblem(document.path, line, finding.message))
        raw_topics = data.get("topics")
        topics = raw_topics if isinstance(raw_topics, dict) else {}
    for name, title in topics.items():
        if isinstance(name, str) and ID_PATTERN.fullmatch(name):
            site = _Declared(name, document.path, document.line_of(("topics", name)))
            _declare_topic(site, str(title), state)


def _declare_topic(site: _Declared, title: str, state: _State) -> None:
    """Record a topic; a second declaration must agree on the title."""
    first = state.topic_sites.get(site.value)
    if first is None:
        state.topic_sites[site.value] = site
        state.topic_titles[site.value] = title
    elif title != state.topic_titles[site.value]:
        reason = (
            f"topic '{site.value}' is already declared at {first.where} with the title "
            f"{state.topic_titles[site.value]!r}; use that title or a different topic name"
        )
        state.result.problems.append(PackProblem(site.path, site.line, reason))
        return
    state.result.topics.setdefault(site.value, title)


def _load_question(document: YamlDocument, index: int, item: Any, state: _State) -> None:
    """Validate one question and check that its id is new."""
    base = ("questions", index)
    raw_id = item.get("id") if isinstance(item, dict) else None
    label = f"question '{raw_id}'" if isinstance(raw_id, str) and raw_id else f"questions[{index}]"
    try:
        spec = QuestionSpec.model_validate(item)
    except ValidationError as error:
        for finding in findings(error, QuestionSpec, document, base):
            line = document.line_of(finding.loc)
            state.result.problems.append(PackProblem(document.path, line, f"{label}: {finding.message}"))
        return
    site = _Declared(spec.id, document.path, document.line_of((*base, "id")))
    first = state.id_sites.get(spec.id)
    if first is not None:
        reason = f"duplicate question id '{spec.id}' (first defined at {first.where})"
        state.result.problems.append(PackProblem(site.path, site.line, reason))
        return
    question = to_question(spec)
    too_many = synonym_problem(document.path, site.line, question)
    if too_many is not None:
        state.result.problems.append(too_many)
        return
    state.id_sites[spec.id] = site
    if state.warn:
        _warn(document, base, spec, question, state)
    state.result.examples[spec.id] = [
        Example(
            spec.id,
            e.answer,
            e.label,
            e.note,
            document.path,
            document.line_of((*base, "examples", i, "answer")),
        )
        for i, e in enumerate(spec.examples)
    ]
    topic_site = _Declared(spec.topic, document.path, document.line_of((*base, "topic")))
    state.pending.append((question, topic_site))


def _warn(
    document: YamlDocument, base: tuple[str, int], spec: QuestionSpec, question: Question, state: _State
) -> None:
    """Add the authoring warnings of a question's key points that have explicit synonym groups."""
    for i, (point, point_spec) in enumerate(zip(question.key_points, spec.key_points, strict=True)):
        if not point_spec.is_plain:
            line = document.line_of((*base, "key_points", i))
            found = point_warnings(question, point)
            state.result.warnings += [PackProblem(document.path, line, warning) for warning in found]


def _resolve_topics(state: _State) -> None:
    """Keep questions whose topic some pack declares; report the others."""
    known = list(state.topic_sites)
    for question, site in state.pending:
        if question.topic in state.topic_sites:
            state.result.questions.append(question)
            continue
        close = difflib.get_close_matches(question.topic, known, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'? " if close else ""
        listed = ", ".join(known) if known else "none"
        reason = f"question '{question.id}': unknown topic '{question.topic}' ({hint}known topics: {listed})"
        state.result.problems.append(PackProblem(site.path, site.line, reason))
