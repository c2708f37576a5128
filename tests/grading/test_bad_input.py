"""Whatever text arrives, the grader returns a Grade: empty, huge, markup, emoji, control characters."""

from __future__ import annotations

import random
import string

import pytest

from bot.grading import grade, nudge
from bot.model.grades import Grade, Verdict
from content import ContentBank

CORRECT_CACHING = "Caching keeps frequently used data in memory so later requests skip the database."


@pytest.mark.parametrize(
    "answer",
    [
        "",
        "   \n\t  ",
        "🙂🔥💯",
        "<script>alert(1)</script>",
        "\x00\x01\x02\x1b[31m\x7f",
        "‮ reversed text ‭",
        "a" * 10_000,
        "word " * 2_000,
        "@everyone <@123456> #channel",
        "```\ncode block\n```",
        "\ud800 lone surrogate",
        "ÄÖÜ ß café naïve 日本語 العربية",
    ],
)
def test_odd_input_returns_a_wrong_grade_without_error(bank: ContentBank, answer: str) -> None:
    question = bank.get("caching")
    result = grade(question, answer)
    assert isinstance(result, Grade)
    assert result.verdict is Verdict.WRONG and result.score == 0.0
    assert len(result.points) == len(question.required_points)
    assert isinstance(nudge(question, result), str)


def test_markup_and_emoji_around_a_right_answer_do_not_matter(bank: ContentBank) -> None:
    wrapped = f"<p><b>{CORRECT_CACHING}</b></p> 🚀 **done** &amp; `ok`"
    assert grade(bank.get("caching"), wrapped).verdict is Verdict.CORRECT


def test_control_characters_inside_a_right_answer_do_not_matter(bank: ContentBank) -> None:
    noisy = CORRECT_CACHING.replace(" ", " \x00\u200b", 3).replace("data", "da\u00adta")
    assert grade(bank.get("caching"), noisy).verdict is Verdict.CORRECT


def test_a_huge_answer_is_read_up_to_its_cap_and_still_graded(bank: ContentBank) -> None:
    filler = "This sentence is only filler and says nothing at all. " * 150
    result = grade(bank.get("caching"), CORRECT_CACHING + " " + filler)
    assert len(CORRECT_CACHING + filler) > 8_000
    assert result.verdict is Verdict.CORRECT


def test_every_shipped_question_grades_every_odd_input(bank: ContentBank) -> None:
    for question in bank.questions():
        for answer in ("", "x" * 10_000, "<b>🙂</b>", "not not not no never"):
            assert grade(question, answer).verdict is Verdict.WRONG, (question.id, answer[:20])


@pytest.mark.parametrize(
    "answer", ["n't", "n't n't not", "'s", "x'y", "- \n* \n1.", "e.g. i.e. w/o w/", "=>->:=-"]
)
def test_stray_contractions_and_punctuation(bank: ContentBank, answer: str) -> None:
    assert grade(bank.get("jwt"), answer).verdict is Verdict.WRONG


def test_random_text_never_breaks_the_grader(bank: ContentBank) -> None:
    rng = random.Random(11)
    alphabet = string.printable + "äöüß日本語🙂\u202e\u200b\x00\x7f—–’“”…→"
    questions = bank.questions()
    for _ in range(300):
        answer = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 300)))
        result = grade(rng.choice(questions), answer)
        assert 0.0 <= result.score <= 1.0
