"""Plain-sentence key points generalise: the causes behind plain packs grading real answers wrongly.

Each class is a general cause, tried on made-up questions of several topics, with answers written
the way people write them: everyday filler words, "won't be lost" for "survives", "don't log
passwords" for "passwords stay out of logs", code names and symbols, swapped or inverted claims.
"""

from __future__ import annotations

import pytest

from bot.grading import Verdict, grade
from bot.grading.text.normalize import analyse
from bot.model.questions import Question
from content.derive import derive
from content.lexicon import load_lexicon
from content.sides import prompt_sides
from tests.support.packs import load_pack_text, stated

PACK = """\
pack: plain-classes
title: Plain classes
topics:
  fx-classes: Plain classes
questions:
  - id: fx-thread-pool
    topic: fx-classes
    difficulty: easy
    prompt: Why do applications use a thread pool?
    model_answer: Starting a thread per task is slow; a pool reuses a fixed set of threads.
    hints: [What does starting a thread cost?]
    key_points:
      - id: fx-costly
        text: Creating a new thread for every task is slow and expensive.
      - id: fx-reuse
        text: The pool reuses a fixed number of threads for many tasks.
  - id: fx-process-thread
    topic: fx-classes
    difficulty: easy
    prompt: What is the difference between a process and a thread?
    model_answer: A process has its own memory; the threads of a process share it.
    hints: [Who owns the memory?]
    key_points:
      - id: fx-process-memory
        text: A process has its own private memory space.
      - id: fx-thread-shares
        text: Threads of one process share its memory and can talk through it cheaply.
  - id: fx-replicated-config
    topic: fx-classes
    difficulty: medium
    prompt: Why is keeping configuration in files on each server a problem?
    model_answer: Each server keeps its own copy, so copies drift apart; a shared store keeps one copy.
    hints: [What happens after one server is edited by hand?]
    key_points:
      - id: fx-drift
        text: Each server keeps its own local copy, so the copies drift apart over time.
      - id: fx-store
        text: A central configuration store gives every server the same values.
      - id: fx-reviewed
        text: Configuration changes are reviewed and versioned like code.
  - id: fx-durable-queue
    topic: fx-classes
    difficulty: medium
    prompt: What makes a message broker durable?
    model_answer: Acknowledged messages are written to disk and survive a broker crash.
    hints: [What happens on a restart?]
    key_points:
      - id: fx-survives
        text: Acknowledged messages are written to disk and survive a broker crash.
  - id: fx-logging
    topic: fx-classes
    difficulty: easy
    prompt: What should you avoid writing to application logs?
    model_answer: Secrets such as passwords and tokens, and personal data.
    hints: [What would an attacker look for?]
    key_points:
      - id: fx-secrets
        text: Passwords, tokens and API keys stay out of the logs.
      - id: fx-personal
        text: Personal data such as emails is masked before it is logged.
  - id: fx-sharded-search
    topic: fx-classes
    difficulty: hard
    prompt: How does a sharded search index answer queries?
    model_answer: Queries with the routing key go to one shard; others fan out to all of them.
    hints: [Which shard holds the document?]
    key_points:
      - id: fx-fan-out
        text: Queries that do not include the routing key must be sent to every shard.
  - id: fx-cleanup
    topic: fx-classes
    difficulty: easy
    prompt: How does a temp-file cleaner pick what to delete when the disk is full?
    model_answer: It deletes the files unused for the longest time first.
    hints: [Which file is least likely to be needed?]
    key_points:
      - id: fx-oldest-unused
        text: It deletes the files unused for the longest time first.
"""


@pytest.fixture(scope="module")
def questions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Question]:
    """The plain fixture pack, loaded as the bot loads packs."""
    return load_pack_text(tmp_path_factory.mktemp("plain"), PACK, "plain.yaml")


# ------------------------------------------------------- everyday words do not raise the bar
@pytest.mark.parametrize(
    ("question_id", "answer", "point"),
    [
        (
            "fx-thread-pool",
            "A pool keeps a few threads around and reuses them for lots of tasks.",
            "fx-reuse",
        ),
        ("fx-thread-pool", "Spinning up a thread per task is slow, it costs a lot.", "fx-costly"),
        (
            "fx-durable-queue",
            "Once acked, a message is on disk, so a broker crash doesn't lose it.",
            "fx-survives",
        ),
    ],
)
def test_a_paraphrase_without_the_authors_filler_words_states_the_point(
    questions: dict[str, Question], question_id: str, answer: str, point: str
) -> None:
    assert point in stated(questions[question_id], answer)


# --------------------------------------------------- a negated opposite is the point ("not lost")
@pytest.mark.parametrize(
    "answer",
    [
        "Acknowledged messages are written to disk, and they won't be lost when the broker crashes.",
        "acked msgs get persisted to disk so they are not lost after a broker crash",
    ],
)
def test_saying_the_opposite_is_not_true_states_the_point(
    questions: dict[str, Question], answer: str
) -> None:
    assert "fx-survives" in stated(questions["fx-durable-queue"], answer)


# ---------------------------------------------------------- an inverted claim is not the point
@pytest.mark.parametrize(
    ("question_id", "answer", "point"),
    [
        (
            "fx-replicated-config",
            "The local copies on each server always stay in sync.",
            "fx-drift",
        ),
        (
            "fx-durable-queue",
            "When the broker crashes, acknowledged messages written to disk are lost.",
            "fx-survives",
        ),
    ],
)
def test_a_claim_with_the_opposite_word_denies_the_point(
    questions: dict[str, Question], question_id: str, answer: str, point: str
) -> None:
    result = grade(questions[question_id], answer)
    assert point not in result.matched
    assert result.verdict is not Verdict.CORRECT


def test_the_opposite_said_of_something_else_does_not_deny(questions: dict[str, Question]) -> None:
    answer = (
        "Every server keeps its own local copy, so over time the copies drift apart. "
        "A central config store fixes that: all servers read the same values, always in sync. "
        "Config changes get reviewed and versioned like code."
    )
    assert grade(questions["fx-replicated-config"], answer).verdict is Verdict.CORRECT


# ------------------------------------------------ a point said negatively, an answer with "don't"
@pytest.mark.parametrize(
    ("question_id", "answer", "point"),
    [
        ("fx-logging", "Never write passwords, tokens or API keys to the logs.", "fx-secrets"),
        ("fx-logging", "don't log passwords or tokens or api keys", "fx-secrets"),
        ("fx-sharded-search", "A query without the routing key has to be sent to every shard.", "fx-fan-out"),
        (
            "fx-cleanup",
            "It deletes the files that haven't been used for the longest time.",
            "fx-oldest-unused",
        ),
    ],
)
def test_negated_words_of_a_negative_point_count(
    questions: dict[str, Question], question_id: str, answer: str, point: str
) -> None:
    assert point in stated(questions[question_id], answer)


def test_a_positive_point_is_still_denied_by_not(questions: dict[str, Question]) -> None:
    answer = "The pool does not reuse threads; it never has a fixed number of threads for tasks."
    assert "fx-reuse" not in stated(questions["fx-thread-pool"], answer)


# ------------------------------------------------------------------- swapped sides and denials
def test_swapped_definitions_of_two_sides_do_not_count(questions: dict[str, Question]) -> None:
    question = questions["fx-process-thread"]
    right = "A process has its own private memory space, while threads of one process share its memory."
    assert grade(question, right).verdict is Verdict.CORRECT
    swapped = grade(
        question, "A thread has its own private memory space, while processes share their memory."
    )
    assert "fx-process-memory" not in swapped.matched and swapped.verdict is not Verdict.CORRECT


def test_an_answer_that_denies_more_than_it_states_is_wrong(questions: dict[str, Question]) -> None:
    answer = (
        "Each server's copies never drift apart. Servers do not get the same values from a central "
        "configuration store. Configuration changes are reviewed and versioned like code."
    )
    result = grade(questions["fx-replicated-config"], answer)
    assert result.matched == ("fx-reviewed",) and result.verdict is Verdict.WRONG


# ------------------------------------------------------------------------- reading the symbols
def test_code_names_and_symbols_read_as_words() -> None:
    assert analyse("key by orderId").words == ("key", "by", "order", "id")
    assert "not" in analyse("deploy != release").words
    assert "percent" in analyse("send 10% of traffic").words
    assert analyse("GraphQL and JavaScript").words == ("graphql", "and", "javascript")
    assert "connections" in analyse("reuse warm conns").words


# ------------------------------------------------------------------- deriving, sides, lexicon
def test_a_list_point_needs_nearly_all_of_its_items() -> None:
    derived = derive("Atomicity, consistency, isolation and durability.", "What does ACID stand for?")
    assert derived.needed == len(derived.units) - 1


def test_examples_after_such_as_end_where_the_point_goes_on() -> None:
    units = derive(
        "A bad key such as a timestamp creates hotspots on one shard.", "What is a shard key?"
    ).units
    assert any("hotspots" in unit for unit in units[:-1])  # the point, not one of its examples
    assert "timestamp" in units[-1] and "hotspots" not in units[-1]


def test_more_comparison_prompts_name_their_sides() -> None:
    prompt = "What are the trade-offs between a local in-process cache and a distributed cache such as Redis?"
    assert [name for name, _ in prompt_sides(prompt)] == ["local", "distributed"]
    assert [name for name, _ in prompt_sides("Compare offset pagination with cursor pagination.")] == [
        "offset",
        "cursor",
    ]
    assert "relational" in dict(prompt_sides("What is the difference between SQL and NoSQL?"))["sql"]
    assert prompt_sides("What are HTTP methods and their purposes?") == []


def test_the_lexicon_keeps_short_words_apart_and_knows_opposites() -> None:
    lexicon = load_lexicon()
    assert "cpu" not in lexicon.synonyms("cors") and "cores" in lexicon.synonyms("cpu")
    assert "slower" in lexicon.opposites("faster") and "own" in lexicon.opposites("shared")
    assert "after" not in lexicon.synonyms("post")
