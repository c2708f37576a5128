"""Grades a free-text answer against a question's key points: pure, fast, no I/O.

An answer is read into sentences and clauses (``bot.text_normalize``), each key point is looked for
as its synonym groups said together of the right subject and not negated (``bot.grading_match``),
and the verdict follows the rubric: every required point and no notable error -> correct; some
points -> partial; none, a central misconception, or a denied central point -> wrong.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.grade import Grade, PointResult, Verdict
from bot.grading_compile import CompiledQuestion, Detector, compile_question
from bot.grading_index import AnswerIndex
from bot.grading_match import Finding, Status, match_detector, names_all
from bot.questions import Question
from bot.text_normalize import analyse

COMPILED_CACHE_LIMIT = 512


@dataclass(frozen=True)
class GradingParams:
    """Knobs of the grader; the defaults are the calibrated ones.

    ``window`` is the most tokens a key point's words may spread over within a sentence;
    ``notable_error_factor`` scales the score of an answer with a notable error; ``named_items_score``
    is the score of a bare list naming every item a question asks for; ``bonus_only_score`` the
    score of prose that states only optional points (right, but none of the essentials).
    """

    window: int = 30
    notable_error_factor: float = 0.6
    named_items_score: float = 0.3
    bonus_only_score: float = 0.2


DEFAULT_PARAMS = GradingParams()
_compiled: dict[int, tuple[Question, CompiledQuestion]] = {}


def compiled(question: Question) -> CompiledQuestion:
    """The compiled form of a question, built once and cached by identity."""
    entry = _compiled.get(id(question))
    if entry is not None and entry[0] is question:
        return entry[1]
    if len(_compiled) >= COMPILED_CACHE_LIMIT:
        _compiled.clear()
    result = compile_question(question)
    _compiled[id(question)] = (question, result)
    return result


def grade(question: Question, answer: str, params: GradingParams = DEFAULT_PARAMS) -> Grade:
    """Grade ``answer`` to ``question``: score 0..1, verdict, and which key points were stated."""
    cq = compiled(question)
    analysis = analyse(answer if isinstance(answer, str) else "")
    index = AnswerIndex(cq, analysis)
    findings = [match_detector(index, point, params.window) for point in cq.points]
    errors = _errors_stated(index, cq, findings, params.window)
    results = tuple(
        _point_result(index, point, f)
        for point, f in zip(cq.points, findings, strict=True)
        if point.required or f.status is Status.STATED  # a bonus point is feedback only when earned
    )
    return _judge(cq, index, findings, errors, results, params)


def _errors_stated(
    index: AnswerIndex, cq: CompiledQuestion, findings: list[Finding], window: int
) -> list[Detector]:
    """Misconceptions the answer states, ignoring a side's wrong-looking words in a sentence that
    also gives that side its right meaning ("authorization checks whether the verified identity may...")."""
    stated: list[Detector] = []
    for error in cq.errors:
        finding = match_detector(index, error, window)
        if finding.status is not Status.STATED:
            continue
        if error.subject >= 0:
            right = set()
            for point, point_finding in zip(cq.points, findings, strict=True):
                if point.subject == error.subject and point_finding.status is Status.STATED:
                    right |= point_finding.scopes
            if finding.scopes <= right:
                continue
        stated.append(error)
    return stated


def _point_result(index: AnswerIndex, point: Detector, finding: Finding) -> PointResult:
    """Feedback for one key point, quoting the words that stated or denied it."""
    if finding.status is Status.STATED:
        start, end = finding.span
        excerpt = " ".join(index.analysis.words[start:end])
        return PointResult(point.id, point.text, True, f"stated: “{excerpt}”")
    if finding.status is Status.DENIED:
        return PointResult(point.id, point.text, False, "denied: the answer says the opposite")
    return PointResult(point.id, point.text, False, "not mentioned")


def _judge(
    cq: CompiledQuestion,
    index: AnswerIndex,
    findings: list[Finding],
    errors: list[Detector],
    results: tuple[PointResult, ...],
    params: GradingParams,
) -> Grade:
    """The verdict and score from what was stated, denied and mistaken."""
    required = [(p, f) for p, f in zip(cq.points, findings, strict=True) if p.required]
    total = sum(p.weight for p, _ in required) or 1.0
    hit = sum(p.weight for p, f in required if f.status is Status.STATED)
    share = hit / total
    central = [e for e in errors if e.central]
    denied_central = [p for p, f in required if p.central and f.status is Status.DENIED]
    if central:
        return Grade(0.0, Verdict.WRONG, results, f"Central misconception: {central[0].text}.")
    if denied_central:
        return Grade(0.0, Verdict.WRONG, results, f"Says the opposite of: {denied_central[0].text}")
    notable = [e.text for e in errors]
    notable += [
        f"denies that {p.text[0].lower()}{p.text[1:]}" for p, f in required if f.status is Status.DENIED
    ]
    if hit == 0:
        dump = index.analysis.is_dump
        if names_all(index):
            reason = "Names the right items but does not say what each one does."
            return Grade(params.named_items_score, Verdict.PARTIAL, results, reason)
        bonus = any(
            f.status is Status.STATED for p, f in zip(cq.points, findings, strict=True) if not p.required
        )
        if bonus and not dump and not notable:
            reason = "Right about a detail, but none of the essentials is stated."
            return Grade(params.bonus_only_score, Verdict.PARTIAL, results, reason)
        return Grade(0.0, Verdict.WRONG, results, _nothing_reason(index, notable))
    if hit >= total and not notable:
        return Grade(1.0, Verdict.CORRECT, results, "Every key point is there.")
    score = round(share * (params.notable_error_factor if notable else 1.0), 3)
    if notable:
        return Grade(score, Verdict.PARTIAL, results, f"Notable error: {notable[0]}")
    missing = sum(1 for _, f in required if f.status is not Status.STATED)
    return Grade(score, Verdict.PARTIAL, results, f"Some key points are there; {missing} missing.")


def _nothing_reason(index: AnswerIndex, notable: list[str]) -> str:
    """Why an answer stating no key point is wrong."""
    if not index.analysis.words:
        return "No answer given."
    if notable:
        return f"No key point is stated, and: {notable[0]}"
    if index.analysis.is_dump:
        return "A list of terms that never says what they mean or how they relate."
    return "None of the key points is stated."


def nudge(question: Question, grade: Grade) -> str:
    """A short hint toward what the answer missed (empty when nothing was missed)."""
    if grade.verdict is Verdict.CORRECT:
        return ""
    if grade.verdict is Verdict.WRONG and grade.reason.startswith(("Central", "Says the opposite")):
        return f"Careful – {grade.reason[0].lower()}{grade.reason[1:]}"
    missed = {p.id for p in grade.points if not p.hit}
    for point in question.key_points:
        if point.id in missed and point.required:
            return point.nudge or f"Think about this: {point.text}"
    if grade.reason.startswith("Notable error"):
        return f"Careful – {grade.reason[0].lower()}{grade.reason[1:]}"
    return ""
