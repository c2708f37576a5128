"""Each class of reading failure from issue 10, as general cases on several questions.

Asides and parentheses, purpose and removal versus denial, ellipses, tables, and linear time: the
grader must read each the same way whatever the question, so every class is tried on more than one.
"""

from __future__ import annotations

import dataclasses
import textwrap

import pytest

from bot.grading import Verdict, grade
from bot.grading.text.clean import clean
from bot.grading.text.normalize import analyse
from bot.model.questions import Difficulty, KeyPoint, Question
from content import ContentBank


def _hits(bank: ContentBank, question_id: str, answer: str) -> set[str]:
    """The key points an answer states."""
    return set(grade(bank.get(question_id), answer).matched)


# ---------------------------------------------------------------------------------------- asides
@pytest.mark.parametrize(
    ("question_id", "plain", "with_aside", "point"),
    [
        (
            "client-server",
            "The client sends a request to a server.",
            "The client, like a browser, sends a request to a server.",
            "client-sends-request",
        ),
        (
            "message-queues",
            "Message queues decouple services.",
            "Message queues (RabbitMQ, Kafka, SQS) decouple services.",
            "decoupling",
        ),
        (
            "client-server",
            "The client sends a request to a server.",
            "The client – a browser or a mobile app – sends a request to a server.",
            "client-sends-request",
        ),
        (
            "client-server",
            "The client sends a request to a server.",
            "The client, a browser or an app, sends a request to a server.",
            "client-sends-request",
        ),
        (
            "caching",
            "Caching keeps copies of frequently used data in memory.",
            "Caching keeps copies of frequently used data, e.g. user profiles, in memory.",
            "fast-copy",
        ),
    ],
)
def test_an_aside_does_not_break_the_claim_around_it(
    bank: ContentBank, question_id: str, plain: str, with_aside: str, point: str
) -> None:
    """Parentheses, "like", "e.g.", appositives and dashes: the point counts with or without them."""
    if point not in {p.id for p in bank.get(question_id).key_points}:
        pytest.skip(f"{question_id} has no point {point}")
    assert point in _hits(bank, question_id, plain)
    assert point in _hits(bank, question_id, with_aside)


def test_a_parenthesised_list_does_not_make_a_keyword_dump() -> None:
    """Examples in brackets are an aside, not a list of bare terms."""
    assert not analyse("Message queues (RabbitMQ, Kafka, SQS) decouple services.").is_dump
    assert not analyse("Use a cache (Redis, Memcached) to cut latency.").is_dump
    assert analyse("RabbitMQ, Kafka, SQS").is_dump


def test_an_example_does_not_complete_a_claim(bank: ContentBank) -> None:
    """Words inside "e.g. ..." illustrate; they do not pair with the words outside to state a point."""
    answer = "Message queues decouple services for asynchronous processing (e.g., sending emails, logs)."
    assert "producers-consumers" not in _hits(bank, "message-queues", answer)


# ------------------------------------------------------------------------ purpose, removal, denial
@pytest.mark.parametrize(
    ("question_id", "answer", "point"),
    [
        (
            "rate-limiting",
            "Caps requests per user per minute, so one user can't overload the API.",
            "prevent-abuse",
        ),
        (
            "rate-limiting",
            "Caps requests per user per minute, so that nobody can overload the server.",
            "prevent-abuse",
        ),
        (
            "load-balancing",
            "It distributes incoming requests across several servers so that no server gets overloaded.",
            "distributes-requests",
        ),
    ],
)
def test_a_purpose_is_not_a_denial(bank: ContentBank, question_id: str, answer: str, point: str) -> None:
    """ "so X can't ...", "so that nobody can ..." state what the thing prevents."""
    result = grade(bank.get(question_id), answer)
    assert point in result.matched
    assert "denies" not in result.reason and "opposite" not in result.reason


@pytest.mark.parametrize(
    ("question_id", "answer"),
    [
        (
            "normalization",
            "Normalization removes duplicate data by splitting it into related tables. Denormalization "
            "combines tables again so reads need fewer joins.",
        ),
        (
            "normalization",
            "Normalization eliminates duplicated data across tables; denormalization duplicates data on "
            "purpose to make reads faster.",
        ),
    ],
)
def test_removing_a_thing_is_not_doing_it(bank: ContentBank, question_id: str, answer: str) -> None:
    """ "removes duplicate data" does not fire the "duplicates data" misconception."""
    assert grade(bank.get(question_id), answer).verdict is Verdict.CORRECT


@pytest.mark.parametrize(
    ("question_id", "answer"),
    [
        ("rate-limiting", "Rate limiting does not prevent abuse or overload; it only counts requests."),
        ("jwt", "A JWT is not signed: it is a header.payload.signature string."),
    ],
)
def test_a_real_denial_still_denies(bank: ContentBank, question_id: str, answer: str) -> None:
    """A plain "does not" / "is not" is still read as denying the point."""
    assert grade(bank.get(question_id), answer).verdict is not Verdict.CORRECT


# ------------------------------------------------------------------------------- sentence ends
@pytest.mark.parametrize(
    "text",
    ["a do... while loop always runs once", "caching, e.g. redis, is fast", "i.e. the server, etc. and more"],
)
def test_ellipses_and_dotted_abbreviations_do_not_end_a_sentence(text: str) -> None:
    """ "...", "e.g.", "i.e.", "etc." are read inside the sentence."""
    assert len(set(analyse(text).sentence)) == 1


# --------------------------------------------------------------------------------------- tables
@pytest.mark.parametrize(
    ("question_id", "table"),
    [
        (
            "monolith-vs-microservices",
            "Feature\tMonolith\tMicroservices\nStructure\tOne codebase\tIndependent services\n"
            "Deployment\tSingle deployment\tIndependent deployment\nScaling\tScale the whole app\t"
            "Scale each service\nCommunication\tIn-process calls\tOver the network (HTTP, queues)",
        ),
        (
            "sql-vs-nosql",
            "| | SQL | NoSQL |\n|---|---|---|\n| Structure | Tables, rows | Documents, key-value, graph |\n"
            "| Schema | Fixed | Flexible |\n| Scaling | Vertical | Horizontal |",
        ),
        (
            "rest-vs-graphql",
            "Feature | REST | GraphQL\nEndpoints | Multiple endpoints | Single endpoint\n"
            "Data | Over-fetching / under-fetching | Exact data requested\n"
            "Query language | None | GraphQL schema",
        ),
    ],
)
def test_a_table_says_each_cell_of_its_column(bank: ContentBank, question_id: str, table: str) -> None:
    """Tab- or pipe-separated rows and Markdown tables: a cell is said of its column's side."""
    assert grade(bank.get(question_id), table).verdict is Verdict.CORRECT


def test_a_swapped_table_is_not_correct(bank: ContentBank) -> None:
    """The same pairing catches a table whose columns say the other side's claims."""
    table = "Type\tSQL\tNoSQL\nSchema\tFlexible\tFixed\nScaling\tHorizontal\tVertical"
    assert grade(bank.get("sql-vs-nosql"), table).verdict is not Verdict.CORRECT


# ---------------------------------------------------------------------------------- linear time
@pytest.mark.parametrize(
    "answer", ["a" + "\n" * 4998 + "a", "." * 4999 + "x", "(a " * 1666, "a," * 2500, "a|b\n" * 1250]
)
def test_adversarial_answers_are_read_and_graded_wrong(bank: ContentBank, answer: str) -> None:
    """Inputs that made the reader's patterns backtrack are read like any other text (their time is
    measured by ``python -m benchmarks.grading_speed``, which prints the worst case)."""
    result = grade(bank.get("caching"), answer)
    assert result.verdict is Verdict.WRONG and result.matched == ()


# ------------------------------------------------------------------- comparisons and degrees
def _made_up(qid: str, prompt: str, model_answer: str, *points: KeyPoint, **fields: object) -> Question:
    """A made-up medium question, to try a reading class on any pack's shape."""
    return Question(
        id=qid,
        topic="t",
        difficulty=Difficulty.MEDIUM,
        prompt=prompt,
        model_answer=model_answer,
        key_points=points,
        **fields,  # type: ignore[arg-type]
    )


def _tree_question(**changes: object) -> Question:
    """A made-up question with two sides, to try comparisons and degrees on any pack's shape."""
    question = _made_up(
        "bst",
        "What is a binary search tree?",
        "Each node is greater than every node in its left subtree.",
        KeyPoint(
            id="node-greater",
            text="A node is greater than its left subtree.",
            concepts=(("greater",),),
            subject="node",
        ),
        KeyPoint(
            id="left-smaller",
            text="The left subtree holds smaller keys.",
            concepts=(("smaller",),),
            subject="left",
        ),
        subjects=(("node", ("node", "parent", "root")), ("left", ("left subtree", "left child"))),
        default_subject="node",
    )
    return dataclasses.replace(question, **changes)


@pytest.mark.parametrize(
    ("answer", "point"),
    [
        ("Its key is greater than all keys in its left subtree.", "node-greater"),
        ("Each key is greater than every key stored in the left subtree.", "node-greater"),
    ],
)
def test_a_comparison_is_about_its_subject_not_what_it_is_compared_to(answer: str, point: str) -> None:
    """What follows "than" is the side compared to, not the side the claim is about."""
    assert point in grade(_tree_question(), answer).matched


@pytest.mark.parametrize(
    "answer", ["The left subtree holds the smallest keys.", "left subtree: smaller keys"]
)
def test_a_superlative_meets_the_comparative(answer: str) -> None:
    """ "smallest" meets "smaller" (and "biggest" would meet "bigger", "easiest" "easier")."""
    assert "left-smaller" in grade(_tree_question(), answer).matched


def test_degrees_of_an_adjective_meet_on_shipped_questions(bank: ContentBank) -> None:
    """The same on a shipped question: "fastest" reads where a pack says "faster"."""
    question = bank.get("caching")
    slow = grade(
        question, "A cache keeps copies of hot data in memory, the fastest layer, so reads skip the database."
    )
    assert slow.verdict is not Verdict.WRONG


# -------------------------------------------------------------- credit for the wrong thing, dumps
@pytest.mark.parametrize(
    ("question_id", "answer"),
    [
        ("docker", "Docker is a lightweight virtual machine: each container boots its own kernel and OS."),
        ("http-methods", "GET POST PUT PATCH DELETE idempotent safe"),
        ("message-queues", "RabbitMQ, Kafka, SQS, retries, ordering, dead letter queues"),
    ],
)
def test_no_bonus_for_a_keyword_dump_or_a_misconception(
    bank: ContentBank, question_id: str, answer: str
) -> None:
    """A bonus point is not earned by bare terms or by words said in the service of a misconception."""
    question = bank.get(question_id)
    result = grade(question, answer)
    bonus = {p.id for p in question.key_points if not p.required}
    assert not bonus & set(result.matched), result
    assert result.verdict is not Verdict.CORRECT


# -------------------------------------------------------------------------- key: value layout
@pytest.mark.parametrize(
    ("text", "together"),
    [
        ("Structure:\n\nHeader.Payload.Signature", ("structure", "signature")),
        ("Trade-off:\n- slower writes", ("trade", "writes")),
        ("Durability:\n  committed data survives a crash", ("durability", "crash")),
    ],
)
def test_a_label_line_labels_the_next_line(text: str, together: tuple[str, str]) -> None:
    """A line ending with a colon and the value on the next line read as one "key: value" statement."""
    a = analyse(text)
    first, last = (a.words.index(word) for word in together)
    assert a.sentence[first] == a.sentence[last]


# ------------------------------------------------------------------------------ typos, leniency
def test_a_typo_that_stems_to_a_common_word_still_meets_the_question_word() -> None:
    """ "longes" stems to the common "long", yet it is "longest" short of a letter."""
    question = _made_up(
        "lcs",
        "What does the longest common subsequence problem ask?",
        "Find the longest subsequence present in both strings.",
        KeyPoint(id="longest", text="The longest subsequence in both.", concepts=(("longest",), ("both",))),
    )
    assert "longest" in grade(question, "find the longes subsequence in both strings").matched
    assert "longest" not in grade(question, "find a long subsequence in both strings").matched


@pytest.mark.parametrize(
    ("question_id", "answer"),
    [
        (
            "authn-vs-authz",
            "The first establishes identity: the system checks your credentials and becomes confident you "
            "are who you claim to be. The second happens afterwards and governs access: given that identity, "
            "it looks at roles or policies to decide whether you may perform the action. Those are "
            "authentication and authorization.",
        ),
        (
            "sql-vs-nosql",
            "One keeps data in tables with rows and a fixed schema and grows on a bigger machine; the "
            "other stores documents with a flexible schema and spreads out over many machines. The first is "
            "SQL, the second NoSQL.",
        ),
    ],
)
def test_a_right_answer_that_names_the_sides_late_is_partial_at_worst(
    bank: ContentBank, question_id: str, answer: str
) -> None:
    """Sides referred to as "the first" and "the second": never called wrong."""
    assert grade(bank.get(question_id), answer).verdict is not Verdict.WRONG


def test_swapped_sides_named_outright_stay_wrong(bank: ContentBank) -> None:
    """The leniency is only for sentences that name no side: a swapped definition is still wrong."""
    answer = "Authentication decides what you may access; authorization verifies who you are."
    assert grade(bank.get("authn-vs-authz"), answer).verdict is Verdict.WRONG


# ------------------------------------------------------------------------------ hyphenated names
@pytest.mark.parametrize(
    ("answer", "point"),
    [
        ("no-store means never store it.", "no-store-never"),
        (
            "no-cache means a cache may store the response but must revalidate it before each use.",
            "no-cache-revalidate",
        ),
        (
            "A no-cache response can be kept, but it has to be revalidated with the origin before reuse.",
            "no-cache-revalidate",
        ),
    ],
)
def test_a_hyphenated_no_names_a_thing_and_denies_nothing(bank: ContentBank, answer: str, point: str) -> None:
    """ "no-store", "no-cache" are names: the "no" in them does not negate the rest of the clause."""
    result = grade(bank.get("http-cache-control"), answer)
    assert point in result.matched
    assert "opposite" not in result.reason


def test_no_one_is_still_nobody() -> None:
    """ "no-one" keeps its "no": it is "nobody", not a name; "no-store" denies nothing."""
    assert max(analyse("no-one can read it").negator) >= 0
    assert max(analyse("no-store responses are kept by no proxy").negator[:4]) == -1


# ------------------------------------------------------------------------------ hard-wrapped text
@pytest.mark.parametrize("width", [60, 100])
def test_a_hard_wrapped_model_answer_still_grades_correct(bank: ContentBank, width: int) -> None:
    """A paragraph pasted from an editor breaks mid-sentence; those breaks are spaces, not sentence ends."""
    wrapped = {q.id: "\n".join(textwrap.wrap(q.model_answer, width)) for q in bank.questions()}
    missed = [
        qid for qid, text in wrapped.items() if grade(bank.get(qid), text).verdict is not Verdict.CORRECT
    ]
    assert missed == []


def test_list_lines_and_finished_sentences_keep_their_breaks() -> None:
    """Short lines, list items, table rows and lines that end a sentence are not joined."""
    long = "the cache keeps the hottest rows in memory for the readers"
    assert clean(f"{long}\nand evicts the rest") == f"{long} and evicts the rest"
    assert clean(f"{long}.\nand evicts the rest") == f"{long}.\nand evicts the rest"
    assert clean("fast reads\nstale data") == "fast reads\nstale data"
    assert "readers and" not in clean(f"- {long}\n- and the rest")
    assert clean(f"{long}\tyes\nno").count("\n") == 1
