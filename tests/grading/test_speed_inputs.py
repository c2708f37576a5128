"""The speed benchmark's adversarial answers, graded on every shipped question.

``python -m benchmarks.grading_speed`` times these answers (runs of line breaks, dots, brackets,
commas, tabs, pipes, dashes, negations, up to the 5,000-character limit); here they must be read
and graded like any other text: never correct, and with the same grade whatever the caches hold.
"""

from __future__ import annotations

import pytest

from benchmarks.grading_speed import ADVERSARIAL, MAX_ANSWER
from bot.grading import Verdict, compiled, grade
from content import ContentBank

SAMPLE_EVERY = 10  # the cache test grades every tenth question (and every two-sided one) twice


@pytest.mark.parametrize("answer", ADVERSARIAL, ids=lambda answer: repr(answer[:12]))
def test_no_adversarial_answer_is_correct(bank: ContentBank, answer: str) -> None:
    """A run of marks or one repeated word states nothing an interviewer asked for."""
    text = answer[:MAX_ANSWER]
    correct = [q.id for q in bank.questions() if grade(q, text).verdict is Verdict.CORRECT]
    assert correct == []


@pytest.mark.parametrize("answer", ADVERSARIAL, ids=lambda answer: repr(answer[:12]))
def test_adversarial_grades_do_not_depend_on_the_word_cache(bank: ContentBank, answer: str) -> None:
    """Grading again with the question's word cache emptied gives the very same grade."""
    text = answer[:MAX_ANSWER]
    questions = bank.questions()
    sample = [q for k, q in enumerate(questions) if k % SAMPLE_EVERY == 0 or q.subjects]
    for question in sample:
        warm = grade(question, text)
        compiled(question).word_keys.clear()
        assert grade(question, text) == warm, question.id
