"""The user's own question bank: every example answer it gives grades correct against the shipped pack.

The bank (``../shared/content/backend-questions.txt`` next to the repository) presents its answers
as good ones, tables, lists and code included.  Two of them leave out an essential of the rubric
(http-status-codes: what the codes are and their classes; message-queues: producers and consumers),
so they are partial, with a nudge toward what is missing.  Skipped when the file is absent.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.grading import Verdict, grade, nudge
from content import ContentBank

BANK_FILE = Path(__file__).resolve().parents[3] / "shared" / "content" / "backend-questions.txt"
IDS = (  # noqa: SIM905 (one string of ids reads better than 25 quoted ones)
    "monolith-vs-microservices client-server http-methods http-status-codes rest-principles rest-vs-graphql "
    "sql-vs-nosql db-indexing normalization acid-transactions authn-vs-authz jwt securing-apis cors "
    "scaling-backend load-balancing caching message-queues rate-limiting middleware session-management "
    "reverse-proxy microservice-communication api-error-handling docker"
).split()
PARTIAL = {"http-status-codes", "message-queues"}
_QUESTION_RE = re.compile(r"(?m)^Q(\d+)\.[^\n]*\n")
_SECTION_RE = re.compile(r"(?m)^\S+ \d\. ")  # "⚙️ 2. Database & Storage"


def bank_answers() -> dict[str, str]:
    """Question id -> the bank's answer: everything between its question line and the next one."""
    if not BANK_FILE.exists():
        return {}
    parts = _QUESTION_RE.split(BANK_FILE.read_text(encoding="utf-8"))
    answers = {}
    for number, body in zip(parts[1::2], parts[2::2], strict=True):
        answers[IDS[int(number) - 1]] = _SECTION_RE.split(body)[0].strip()
    return answers


ANSWERS = bank_answers()
pytestmark = pytest.mark.skipif(not ANSWERS, reason=f"{BANK_FILE} is absent")


def test_the_bank_has_every_question() -> None:
    """The file still holds the 25 questions the pack was made from."""
    assert sorted(ANSWERS) == sorted(IDS)


@pytest.mark.parametrize("question_id", IDS)
def test_bank_answer_grades_as_the_bank_presents_it(bank: ContentBank, question_id: str) -> None:
    """Correct, except the two answers that omit an essential: partial, with a nudge toward it."""
    question = bank.get(question_id)
    result = grade(question, ANSWERS[question_id])
    if question_id in PARTIAL:
        assert result.verdict is Verdict.PARTIAL, result
        assert nudge(question, result), result
    else:
        assert result.verdict is Verdict.CORRECT, result
