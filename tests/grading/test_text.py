"""The grader's text pieces: stemming, the lexicon, clauses, negation scope, keyword lists, typo matching."""

from __future__ import annotations

import pytest

from bot.grading import compiled
from bot.grading.index import AnswerIndex, word_keys
from bot.grading.text.lexicon import american
from bot.grading.text.normalize import analyse
from bot.grading.text.stem import stem
from bot.model.questions import Difficulty, KeyPoint, Question


def _negated(text: str) -> set[str]:
    """The words of ``text`` that lie inside a negation's scope."""
    reading = analyse(text)
    return {w for w, n in zip(reading.words, reading.negator, strict=True) if n >= 0}


@pytest.mark.parametrize(
    "words",
    [
        ("verify", "verifies", "verified", "verifying"),
        ("cache", "caching", "cached", "caches"),
        ("authenticate", "authentication", "authenticated", "authenticating"),
        ("scale", "scaling", "scales", "scaled"),
        ("deploy", "deployment", "deployed"),
        ("idempotent", "idempotant"),
    ],
)
def test_inflections_share_a_stem(words: tuple[str, ...]) -> None:
    assert len({stem(w) for w in words}) == 1


def test_different_words_keep_different_stems() -> None:
    assert stem("authentication") != stem("authorization")
    assert stem("stateless") != stem("stateful") != stem("state")
    assert stem("normalization") != stem("denormalization")


def test_lexicon_expands_abbreviations_and_collapses_expansions() -> None:
    assert analyse("authn in the db via the LB, one txn").words == (
        "authentication",
        "in",
        "the",
        "database",
        "via",
        "the",
        "load",
        "balancer",
        "one",
        "transaction",
    )
    assert analyse("JSON Web Token and Cross-Origin Resource Sharing").words == ("jwt", "and", "cors")
    assert analyse("No-SQL doesn't").words == ("nosql", "does", "not")


def test_british_spellings_become_american() -> None:
    assert american("normalisation") == "normalization"
    assert american("behaviour") == "behavior"
    assert american("otherwise") == "otherwise"
    assert analyse("authorisation").words == ("authorization",)


def test_sentences_and_clauses() -> None:
    reading = analyse("SQL scales up, NoSQL scales out. Both store data; indexes help")
    assert reading.sentence == (0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2)
    assert reading.clause[0] == reading.clause[2] != reading.clause[3]


def test_negation_covers_the_rest_of_its_clause_only() -> None:
    assert _negated("JWT is not signed, but it is encoded") == {"signed"}
    assert _negated("the server doesn't store sessions and the token is signed") == {"store", "sessions"}
    assert _negated("no server-side session") == {"server", "side", "session"}


def test_not_only_and_checked_complements_are_not_negations() -> None:
    assert _negated("not only fast but also safe") == set()
    assert _negated("the server verifies the token was not tampered with") == set()


def test_non_covers_one_word_and_nested_cues_are_just_negated() -> None:
    assert _negated("non-durable storage") == {"durable"}  # "non-relational" is a name: NoSQL
    assert analyse("non-blocking calls").soft_negator == (-1, 0, -1)


def test_soft_cues_only_count_for_misconceptions() -> None:
    reading = analyse("avoid MD5 for passwords")
    assert reading.negator == (-1, -1, -1, -1)
    assert reading.soft_negator[1] == 0


def test_keyword_lists_are_told_from_terse_notes() -> None:
    assert analyse("REST, GraphQL, endpoints, schema, over-fetching").is_dump
    assert analyse("nginx, haproxy, envoy").is_dump
    assert not analyse("validate input and rate limit").is_dump
    assert not analyse("SQL = tables, NoSQL = documents").is_dump
    assert not analyse("1. TLS everywhere\n2. hash passwords with bcrypt\n3. rate limit per key").is_dump


def _tiny_question() -> Question:
    point = KeyPoint("idem", "PUT is idempotent.", concepts=(("idempotent",), ("retriev*",)))
    return Question("tiny", "core", Difficulty.EASY, "What is PUT?", "It is idempotent.", (point,))


def test_typos_match_the_questions_words_only() -> None:
    cq = compiled(_tiny_question())
    keys = word_keys(cq, "idempotant", stem("idempotant"))
    assert stem("idempotent") in keys
    assert "*retriev" in word_keys(cq, "retreived", stem("retreived"))
    assert word_keys(cq, "replication", stem("replication")) == ()  # not a misspelt "retrieve"


def test_subjects_bind_claims_to_the_right_side() -> None:
    question = Question(
        "sides",
        "security",
        Difficulty.EASY,
        "How does authentication differ from authorization?",
        "...",
        (KeyPoint("a", "Authentication verifies identity.", concepts=(("identity",),), subject="authn"),),
        subjects=(("authn", ("authentication",)), ("authz", ("authorization",))),
    )
    cq = compiled(question)
    reading = analyse("Authorization, unlike authentication, is what checks your identity")
    index = AnswerIndex(cq, reading)
    assert index.side(len(reading) - 1, strict=False) == 1
    reading = analyse("Authentication checks identity and authorization permissions")
    index = AnswerIndex(cq, reading)
    assert index.side(2, strict=False) == 0 and index.side(len(reading) - 1, strict=False) == 1
    reading = analyse("Authentication comes first. Then it checks permissions")
    index = AnswerIndex(cq, reading)
    assert index.side(len(reading) - 1, strict=False) == 0
    assert index.side(len(reading) - 1, strict=True) == -1


def test_labels_are_words_before_a_colon() -> None:
    reading = analyse("A: all or nothing. C = valid state; I - no interference")
    assert {reading.words[i] for i in reading.labels} == {"a", "c", "i"}
    assert not reading.is_dump
