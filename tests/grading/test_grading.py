"""The grader against labelled answers: the shared dev set, our own cases, and the rubric's rules."""

from __future__ import annotations

from collections import Counter

import pytest

from benchmarks.grading_eval import DEFAULT_FILE, Case, evaluate, load_cases
from bot.grading import grade, nudge
from bot.model.grades import Verdict
from bot.model.questions import Difficulty, KeyPoint, Question
from content import ContentBank
from tests.support.paths import DATA

OWN_CASES = DATA / "grading_cases.jsonl"


def _verdicts(bank: ContentBank, cases: list[Case]) -> list[str]:
    return [grade(bank.get(case.question), case.answer).verdict.value for case in cases]


def _check(bank: ContentBank, answer: str, question: str) -> Verdict:
    return grade(bank.get(question), answer).verdict


@pytest.mark.skipif(not DEFAULT_FILE.is_file(), reason="the shared dev set sits outside the repository")
def test_dev_set_accuracy_and_severe_errors(bank: ContentBank) -> None:
    cases = load_cases(DEFAULT_FILE)
    report = evaluate("grader", _verdicts(bank, cases), cases)
    assert report.total == 75
    assert report.accuracy >= 0.90, report
    assert report.severe / report.total <= 0.02, report


SPLITS = ["tune", "holdout", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6"]


@pytest.mark.parametrize("split", SPLITS)
def test_own_cases_accuracy(bank: ContentBank, split: str) -> None:
    cases = [c for c in load_cases(OWN_CASES) if c.split == split]
    assert len(cases) >= 50
    report = evaluate(split, _verdicts(bank, cases), cases)
    assert report.accuracy >= 0.90, report
    assert report.severe / report.total <= 0.02, report


def test_own_cases_cover_every_topic_and_the_tricky_kinds(bank: ContentBank) -> None:
    cases = load_cases(OWN_CASES)
    per_topic = Counter(bank.get(c.question).topic for c in cases)
    # the original bank's five topics; the topic packs carry their own labelled examples (content check)
    assert set(per_topic) == {"core", "databases", "security", "system-design", "advanced"}
    assert min(per_topic.values()) >= 3
    kinds = {c.kind for c in cases}
    for kind in ("paraphrase", "typo", "abbreviation", "negation", "swapped", "keyword_dump", "copied"):
        assert kind in kinds
    for kind in ("off_topic", "notable_error", "rambling", "british", "list", "fragment"):
        assert kind in kinds


# --- the rubric's rules, one answer each -----------------------------------------------------------


def test_paraphrase_with_typos_and_abbreviations_is_correct(bank: ContentBank) -> None:
    answer = "authn = proving who u are (pasword, 2FA); authz = deciding what ur allowed to acess (roles)"
    assert _check(bank, answer, "authn-vs-authz") is Verdict.CORRECT


def test_swapped_definitions_are_wrong(bank: ContentBank) -> None:
    answer = "Authorization verifies who you are, and authentication decides what you are allowed to do."
    assert _check(bank, answer, "authn-vs-authz") is Verdict.WRONG


def test_negated_claim_is_wrong_even_with_every_keyword(bank: ContentBank) -> None:
    answer = (
        "A JWT is not signed: it is a header.payload.signature string, and it enables stateless auth "
        "because the server does not store sessions."
    )
    assert _check(bank, answer, "jwt") is Verdict.WRONG


def test_keyword_dump_is_wrong_unless_it_names_the_asked_items(bank: ContentBank) -> None:
    assert (
        _check(bank, "authentication, authorization, identity, permissions", "authn-vs-authz")
        is Verdict.WRONG
    )
    assert _check(bank, "GET, POST, PUT, PATCH, DELETE", "http-methods") is Verdict.PARTIAL


def test_question_copied_back_or_acronym_expanded_is_wrong(bank: ContentBank) -> None:
    assert _check(bank, "CORS stands for Cross-Origin Resource Sharing.", "cors") is Verdict.WRONG
    assert _check(bank, "A reverse proxy is a proxy, but reversed.", "reverse-proxy") is Verdict.WRONG


def test_off_topic_is_wrong(bank: ContentBank) -> None:
    assert _check(bank, "idk, I mostly do frontend 🙂", "db-indexing") is Verdict.WRONG


def test_notable_error_caps_a_complete_answer_at_partial(bank: ContentBank) -> None:
    full = (
        "An index is a B-tree on a column pointing to rows, so queries avoid full table scans and reads "
        "get faster; writes get slower because the index must be updated."
    )
    assert _check(bank, full, "db-indexing") is Verdict.CORRECT
    assert _check(bank, full + " There is no downside to indexing though.", "db-indexing") is Verdict.PARTIAL


def test_buried_idea_in_rambling_counts(bank: ContentBank) -> None:
    filler = "Well, that's a great question and I've thought about it a lot over the years. "
    core = "Caching keeps frequently used data in memory so later requests skip the database. "
    assert _check(bank, filler * 5 + core + filler * 5, "caching") is Verdict.CORRECT


def test_partial_score_is_the_share_of_essentials(bank: ContentBank) -> None:
    result = grade(bank.get("message-queues"), "producers put messages on a queue and consumers read them")
    assert result.verdict is Verdict.PARTIAL
    assert result.matched == ("producers-consumers",)
    assert result.score == pytest.approx(1 / 3, abs=0.01)


def test_nudge_points_at_a_missed_point_and_is_empty_when_correct(bank: ContentBank) -> None:
    question = bank.get("message-queues")
    partial = grade(question, "producers put messages on a queue and consumers read them")
    missed = next(p for p in question.key_points if p.id == partial.missed[0])
    assert nudge(question, partial) == missed.nudge
    full = grade(question, "Producers publish to a queue, consumers process later; decoupled and async.")
    assert full.verdict is Verdict.CORRECT and nudge(question, full) == ""


def test_a_list_of_names_states_points_that_are_names() -> None:
    points = tuple(
        KeyPoint(name, name.title(), concepts=((name,),)) for name in ("logs", "metrics", "traces")
    )
    question = Question(
        "pillars", "ops", Difficulty.EASY, "What are the three pillars of observability?", "...", points
    )
    assert grade(question, "Logs, metrics and traces.").verdict is Verdict.CORRECT
    assert grade(question, "logs, metrics").verdict is Verdict.PARTIAL
