"""What a plain key point's sentence is turned into: the general causes of plain packs grading
answers wrongly, each tried on made-up questions with answers written the way people write them.

Words nearly every answer uses ("server", "request") never make a point on their own; names in
capitals ("GET") are kept; a list counts by its items; examples named together state their point;
the prompt's own words and generic words never stand in for a point's word; no word counts twice.
"""

from __future__ import annotations

import pytest

from bot.model.questions import Question
from content.derive import derive
from content.lexicon import load_lexicon, parse_lexicon
from tests.support.packs import load_pack_text, stated

PACK = """\
pack: plain-derivation
title: Plain derivation
topics:
  fx-derive: Plain derivation
questions:
  - id: fx-split
    topic: fx-derive
    difficulty: easy
    prompt: Why split a web application into a frontend and a backend?
    model_answer: Separation of concerns; each side is deployed on its own.
    hints: [Who owns what?]
    key_points:
      - id: fx-separation
        text: Client-server separation of concerns.
  - id: fx-verbs
    topic: fx-derive
    difficulty: easy
    prompt: What do the HTTP verbs do?
    model_answer: GET reads a resource, DELETE removes it.
    hints: [Reading and removing.]
    key_points:
      - id: fx-get
        text: GET retrieves a resource.
      - id: fx-delete
        text: DELETE removes a resource.
  - id: fx-spread
    topic: fx-derive
    difficulty: easy
    prompt: What does a dispatcher in front of a worker pool do?
    model_answer: It distributes incoming jobs across several workers.
    hints: [How many workers get jobs?]
    key_points:
      - id: fx-distributes
        text: Distributes incoming jobs across multiple workers.
  - id: fx-stores
    topic: fx-derive
    difficulty: easy
    prompt: Which data models do non-relational stores offer?
    model_answer: Documents, key-value pairs, wide columns or graphs.
    hints: [Think beyond tables.]
    key_points:
      - id: fx-models
        text: Documents, key-value pairs, wide columns or graphs.
  - id: fx-gateway
    topic: fx-derive
    difficulty: easy
    prompt: What does an API gateway do?
    model_answer: It routes calls and handles shared concerns such as authentication and logging.
    hints: [What would every service otherwise repeat?]
    key_points:
      - id: fx-concerns
        text: Handles cross-cutting concerns such as authentication, logging and rate limiting in one place.
"""


@pytest.fixture(scope="module")
def questions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Question]:
    """The fixture pack, loaded as the bot loads packs (plain points only)."""
    return load_pack_text(tmp_path_factory.mktemp("derive"), PACK, "derive.yaml")


# ------------------------------------------------------- words every answer uses make no point
def test_generic_words_alone_do_not_state_a_point(questions: dict[str, Question]) -> None:
    question = questions["fx-split"]
    assert "fx-separation" not in stated(question, "The server keeps a session for every client.")
    assert "fx-separation" in stated(question, "It separates concerns between the client and the server.")


def test_the_lexicon_names_generic_words() -> None:
    lexicon = load_lexicon()
    assert lexicon.is_generic("servers") and lexicon.is_generic("request")
    assert not lexicon.is_generic("idempotent")
    assert parse_lexicon("generic: [widget]").is_generic("widgets")


def test_a_generic_word_is_no_synonym_of_a_point_word() -> None:
    lexicon = load_lexicon()
    units = derive("Absorbs load spikes.", "What does a queue do?", lexicon).units
    load = next(unit for unit in units if unit[0] == "load")
    assert not any(lexicon.is_generic(entry.rstrip("*")) for entry in load[1:])


# ------------------------------------------------------------------ names written in capitals
def test_a_name_in_capitals_is_kept_though_it_is_a_common_word(questions: dict[str, Question]) -> None:
    units = derive("GET retrieves a resource.", "What do the HTTP verbs do?").units
    assert ("get",) in [unit[:1] for unit in units]
    assert "fx-get" in stated(questions["fx-verbs"], "GET: fetch a resource")


def test_no_word_counts_for_two_units() -> None:
    units = derive("GET retrieves a resource.", "What do the HTTP verbs do?").units
    retrieves = next(unit for unit in units if unit[0] == "retrieves")
    assert "get" not in retrieves and "gets" not in retrieves


# ------------------------------------------------------------------------------ lists and items
def test_a_sentence_without_separators_is_no_list() -> None:
    prompt = "What does a dispatcher in front of a worker pool do?"
    sentence = derive("Distributes incoming jobs across multiple workers.", prompt)
    listed = derive("Distributes jobs, tasks, batches and events.", prompt)
    assert sentence.needed <= 2  # about half of its four words, as for any sentence
    assert listed.needed == len(listed.units) - 1  # a list asks for nearly all of its items


def test_a_list_point_counts_its_items(questions: dict[str, Question]) -> None:
    question = questions["fx-stores"]
    assert "fx-models" in stated(question, "You get documents, key-value or graphs.")
    assert "fx-models" not in stated(question, "You get documents.")


def test_examples_named_together_state_their_point(questions: dict[str, Question]) -> None:
    question = questions["fx-gateway"]
    assert "fx-concerns" in stated(question, "It does the auth checks and request logging for every service.")
    assert "fx-concerns" not in stated(question, "It does logging.")


# ---------------------------------------------------------------------------- the prompt's words
def test_a_synonym_made_of_the_prompts_words_never_counts_for_the_point() -> None:
    text = "Groups several operations into one unit of work."
    asked = derive(text, "Explain database transactions.").units
    unasked = derive(text, "What does BEGIN ... COMMIT do?").units
    assert not any("transaction*" in unit for unit in asked)
    assert any("transaction*" in unit for unit in unasked)


def test_examples_and_contrasts_do_not_split_a_point_into_segments() -> None:
    derived = derive(
        "Packages an app with its dependencies (runtime, libraries) into an image run as a container.",
        "What is containerization?",
    )
    assert len([a for a in derived.alternatives if a[0][0] != "#!"]) == 1  # one concept set, no segments
