"""The rubric's verdict from what an answer stated, denied and got wrong.

- correct: every required key point (or ``correct_share`` of their weight) and no notable error;
- partial: some key point, or all of them with a notable error, or a bare list naming exactly the
  items a question asks for, or only a right detail (a bonus point);
- wrong: nothing right, a denied central point ("JWT is not signed"), or a central misconception
  that the rest of the answer does not outweigh (swapped definitions).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.grading.compile import CompiledQuestion, Detector
from bot.grading.index import AnswerIndex
from bot.grading.match import Finding, Status, match_detector, names_all
from bot.model.grades import Grade, PointResult, Verdict


@dataclass(frozen=True)
class VerdictParams:
    """Thresholds and scores of the verdict; the defaults are the calibrated ones.

    ``outweigh_share``: the share of essentials, stated outside the sentences of a central
    misconception, that turns it into a notable error (never for swapped definitions: a central
    misconception said of one side of the comparison).  ``correct_share``: the share of essentials
    a correct answer needs.  The scores are those of an answer with a notable error (a factor), a
    bare naming of the asked items, and a right detail without any essential.  ``on_topic_words``:
    how many different words of the key points (not the prompt's) an answer that states none of
    them must use, with no error, to be partial rather than wrong, when the points are derived from
    their sentences (a plain pack): a right answer in unusual words is partial at worst.
    """

    outweigh_share: float = 0.5
    correct_share: float = 0.8
    notable_error_factor: float = 0.6
    named_items_score: float = 0.3
    bonus_only_score: float = 0.2
    on_topic_words: int = 8
    on_topic_score: float = 0.1


def errors_stated(
    index: AnswerIndex, cq: CompiledQuestion, findings: list[Finding], window: int
) -> list[tuple[Detector, Finding]]:
    """Misconceptions the answer states, ignoring a side's wrong-looking words in a sentence that
    also gives that side its right meaning ("authorization checks whether the verified identity may")."""
    stated: list[tuple[Detector, Finding]] = []
    for error in cq.errors:
        finding = match_detector(index, error, window)
        if finding.status is not Status.STATED:
            continue
        if error.subject >= 0:
            right: set[int] = set()
            for point, point_finding in zip(cq.points, findings, strict=True):
                if (
                    point.subject == error.subject
                    and point_finding.status is Status.STATED
                    and not _overlap(point_finding.span, finding.span)
                ):
                    right |= point_finding.scopes
            if finding.scopes <= right:
                continue
        stated.append((error, finding))
    return stated


def judge(
    cq: CompiledQuestion,
    index: AnswerIndex,
    findings: list[Finding],
    errors: list[tuple[Detector, Finding]],
    results: tuple[PointResult, ...],
    params: VerdictParams,
) -> Grade:
    """The verdict and score."""
    required = [(p, f) for p, f in zip(cq.points, findings, strict=True) if p.required]
    total = sum(p.weight for p, _ in required) or 1.0
    hit = sum(p.weight for p, f in required if f.status is Status.STATED)
    share = sum(p.weight * f.share for p, f in required) / total
    central = [(e, f) for e, f in errors if e.central]
    swapped = [e for e, _ in central if e.subject >= 0]  # a side given the other side's meaning
    if swapped:
        return Grade(0.0, Verdict.WRONG, results, f"Central misconception: {swapped[0].text}.")
    if central:
        wrong_scopes = frozenset().union(*(f.scopes for _, f in central))
        apart = sum(p.weight for p, f in required if f.status is Status.STATED and f.scopes - wrong_scopes)
        if apart / total < params.outweigh_share:
            return Grade(0.0, Verdict.WRONG, results, f"Central misconception: {central[0][0].text}.")
    denied_central = [p for p, f in required if p.central and f.status is Status.DENIED]
    if denied_central:
        return Grade(0.0, Verdict.WRONG, results, f"Says the opposite of: {denied_central[0].text}")
    denied = [p for p, f in required if f.status is Status.DENIED]
    if denied and sum(p.weight for p in denied) > hit:  # it denies more than it states
        return Grade(0.0, Verdict.WRONG, results, f"Says the opposite of: {denied[0].text}")
    notable = [e.text for e, _ in errors]
    notable += [f"denies that {_lower(p.text)}" for p, f in required if f.status is Status.DENIED]
    if share == 0:
        return _nothing_stated(cq, index, findings, results, notable, params)
    if hit >= params.correct_share * total and not notable:
        reason = "Every key point is there." if hit >= total else "Nearly every key point is there."
        return Grade(round(share, 3), Verdict.CORRECT, results, reason)
    score = round(share * (params.notable_error_factor if notable else 1.0), 3)
    if notable:
        return Grade(score, Verdict.PARTIAL, results, f"Notable error: {notable[0]}")
    missing = sum(1 for _, f in required if f.status is not Status.STATED)
    return Grade(score, Verdict.PARTIAL, results, f"Some key points are there; {missing} missing.")


def _nothing_stated(
    cq: CompiledQuestion,
    index: AnswerIndex,
    findings: list[Finding],
    results: tuple[PointResult, ...],
    notable: list[str],
    params: VerdictParams,
) -> Grade:
    """The grade of an answer that states no essential: a bare naming, a right detail, or wrong."""
    if names_all(index):
        reason = "Names the right items but does not say what each one does."
        return Grade(params.named_items_score, Verdict.PARTIAL, results, reason)
    bonus = any(f.status is Status.STATED for p, f in zip(cq.points, findings, strict=True) if not p.required)
    if bonus and not index.analysis.is_dump and not notable:
        reason = "Right about a detail, but none of the essentials is stated."
        return Grade(params.bonus_only_score, Verdict.PARTIAL, results, reason)
    if (
        cq.derived
        and not notable
        and not index.analysis.is_dump
        and _on_topic(index) >= params.on_topic_words
    ):
        reason = "Talks about the right things, but states no key point clearly."
        return Grade(params.on_topic_score, Verdict.PARTIAL, results, reason)
    if not index.analysis.words:
        reason = "No answer given."
    elif notable:
        reason = f"No key point is stated, and: {notable[0]}"
    elif index.analysis.is_dump:
        reason = "A list of terms that never says what they mean or how they relate."
    else:
        reason = "None of the key points is stated."
    return Grade(0.0, Verdict.WRONG, results, reason)


def _on_topic(index: AnswerIndex) -> int:
    """How many different words of the answer, not the prompt's, belong to the key points."""
    point_keys, stems = index.cq.point_keys, index.analysis.stems
    return len(
        {
            stems[i]
            for i, keys in enumerate(index.keys)
            if keys and not index.in_prompt[i] and not point_keys.isdisjoint(keys)
        }
    )


def _overlap(one: tuple[int, int], other: tuple[int, int]) -> bool:
    """Whether two token spans share a token."""
    return one[0] < other[1] and other[0] < one[1]


def _lower(text: str) -> str:
    """Text with a lowercase first letter, to continue a sentence."""
    return text[:1].lower() + text[1:]
