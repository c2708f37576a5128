"""Grades a free-text answer against a question's key points: pure, fast, no I/O.

An answer is read into sentences and clauses (``bot.grading.text.normalize``), indexed against the
question's compiled patterns (``bot.grading.compile``, ``bot.grading.index``), each key point and
misconception is looked for as its synonym groups said together of the right subject and not
negated (``bot.grading.match``), and the verdict follows the rubric (``bot.grading.verdict``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from bot.grading.compile import CompiledQuestion, Detector, compile_question
from bot.grading.index import AnswerIndex
from bot.grading.match import MISSED, Finding, Status, match_detector, names_all
from bot.grading.text.normalize import analyse
from bot.grading.verdict import VerdictParams, errors_stated, judge
from bot.model.grades import Grade, PointResult, Verdict
from bot.model.questions import KeyPoint, Question

COMPILED_CACHE_LIMIT = 512
UNNAMED_SIDE_SHARE = 0.5


@dataclass(frozen=True)
class GradingParams:
    """Knobs of the grader: ``window`` is the most tokens a key point's words may spread over within
    a sentence; ``verdict`` holds the thresholds and scores of the verdict."""

    window: int = 30
    verdict: VerdictParams = field(default_factory=VerdictParams)


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
    index = AnswerIndex(cq, analyse(answer if isinstance(answer, str) else ""))
    findings = [match_detector(index, point, params.window) for point in cq.points]
    if len(cq.subjects) == 2 and index.mention:
        findings = _swapped_sides(index, cq, findings, params.window)
    errors = errors_stated(index, cq, findings, params.window)
    findings = _bonus_earned(index, cq, findings, errors)
    if (
        not errors
        and index.mention
        and not index.analysis.is_dump
        and not any(f.share for p, f in zip(cq.points, findings, strict=True) if p.required)
    ):
        findings = _unnamed_sides(index, cq, findings, params.window)
    results = tuple(
        _point_result(index, point, f)
        for point, f in zip(cq.points, findings, strict=True)
        if point.required or f.status is Status.STATED  # a bonus point is feedback only when earned
    )
    return judge(cq, index, findings, errors, results, params.verdict)


def _swapped_sides(
    index: AnswerIndex, cq: CompiledQuestion, findings: list[Finding], window: int
) -> list[Finding]:
    """Key points said of the wrong side of a two-sided comparison ("LRU evicts the least often
    used", a point about LFU) count as denied: swapped definitions.  Only where the sentence that
    says it states nothing right about the side it names, so a shared word ("GraphQL has one
    endpoint for all resources") is not read as a swap."""
    right: dict[int, set[int]] = {0: set(), 1: set()}
    for point, finding in zip(cq.points, findings, strict=True):
        if point.subject in right and finding.status is Status.STATED:
            right[point.subject] |= finding.scopes
    swapped = []
    for point, finding in zip(cq.points, findings, strict=True):
        if point.required and point.subject in right and finding.status is Status.MISSED:
            other = 1 - point.subject
            elsewhere = match_detector(index, replace(point, subject=other), window)
            if elsewhere.status is Status.STATED and elsewhere.scopes - right[other]:
                finding = Finding(Status.DENIED, elsewhere.scopes - right[other], elsewhere.span)
        swapped.append(finding)
    return swapped


def _unnamed_sides(
    index: AnswerIndex, cq: CompiledQuestion, findings: list[Finding], window: int
) -> list[Finding]:
    """Partial credit for points stated in sentences that name neither side ("The first establishes
    identity ... Those are authentication and authorization"): a right answer in unusual words is
    partial at worst.  Only for an answer that otherwise states nothing and says nothing wrong;
    an answer that names the sides and swaps them gets no such credit."""
    named = {index.scope[k] for k in index.mention}
    lenient = []
    for point, finding in zip(cq.points, findings, strict=True):
        if point.required and point.subject >= 0 and finding.status is Status.MISSED:
            unsided = match_detector(index, replace(point, subject=-1), window)
            apart = unsided.scopes - named
            if unsided.status is Status.STATED and apart:
                finding = Finding(Status.SOME, frozenset(apart), unsided.span, UNNAMED_SIDE_SHARE)
        lenient.append(finding)
    return lenient


def _bonus_earned(
    index: AnswerIndex, cq: CompiledQuestion, findings: list[Finding], errors: list[tuple[Detector, Finding]]
) -> list[Finding]:
    """Findings with bonus points dropped where they are not earned: in a bare list of terms ("GET
    POST ... idempotent safe"), or only in sentences that state a misconception ("a lightweight VM:
    each container boots its own kernel" earns nothing for "lighter than VMs")."""
    wrong = frozenset().union(*(f.scopes for _, f in errors)) if errors else frozenset()
    essentials = (f.share for p, f in zip(cq.points, findings, strict=True) if p.required)
    bare = index.analysis.is_dump or (not any(essentials) and names_all(index))
    if not wrong and not bare:
        return findings
    return [
        MISSED
        if not point.required and finding.status is Status.STATED and (bare or finding.scopes <= wrong)
        else finding
        for point, finding in zip(cq.points, findings, strict=True)
    ]


def _point_result(index: AnswerIndex, point: Detector, finding: Finding) -> PointResult:
    """Feedback for one key point, quoting the words that stated (or partly stated) it."""
    if finding.status in (Status.STATED, Status.SOME):
        start, end = finding.span
        excerpt = " ".join(index.analysis.words[start:end])
        if finding.status is Status.STATED:
            return PointResult(point.id, point.text, True, f"stated: “{excerpt}”")
        return PointResult(point.id, point.text, False, f"only partly stated: “{excerpt}”")
    if finding.status is Status.DENIED:
        return PointResult(point.id, point.text, False, "denied: the answer says the opposite")
    return PointResult(point.id, point.text, False, "not mentioned")


def nudge(question: Question, grade: Grade) -> str:
    """A short hint toward what the answer missed (empty when nothing was missed)."""
    if grade.verdict is Verdict.CORRECT:
        return ""
    if grade.verdict is Verdict.WRONG and grade.reason.startswith(("Central", "Says the opposite")):
        return f"Careful – {grade.reason[0].lower()}{grade.reason[1:]}"
    missed = {p.id for p in grade.points if not p.hit}
    for point in question.key_points:
        if point.id in missed and point.required:
            return point.nudge or neutral_nudge(question, point)
    if grade.reason.startswith("Notable error"):
        return f"Careful – {grade.reason[0].lower()}{grade.reason[1:]}"
    return ""


def neutral_nudge(question: Question, point: KeyPoint) -> str:
    """A hint for a key point without its own ``nudge`` that never gives the point's text away.

    It names the side of the comparison the point is about, when it has one, and nothing else.
    """
    names = dict(question.subjects)
    synonyms = names.get(point.subject, ())
    side = next((s for s in synonyms if "*" not in s), synonyms[0].rstrip("*") if synonyms else "")
    if side:
        return f"What else would an interviewer expect you to say about {side}?"
    return "What else would an interviewer expect here?"
