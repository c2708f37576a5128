"""Plain key points: a key point that is only its text grades by what its sentence says, with the
shared lexicon's synonyms, never by the prompt's own words; refinements still take precedence."""

from __future__ import annotations

from pathlib import Path

from bot.grading import grade
from bot.model.grades import Verdict
from content import lint_paths, load_bank
from content.derive import derive, needed_units
from content.lexicon import crude_stem, load_lexicon, parse_lexicon
from content.loader import load_packs
from content.plain import plain_pack, write_plain_copy
from content.sides import prompt_sides
from tests.support.paths import ROOT

PLAIN_PACK = """\
pack: plain-fixture
title: Plain fixture
topics:
  fx-plain: Plain points
questions:
  - id: fx-cdn
    topic: fx-plain
    difficulty: easy
    prompt: What is a CDN?
    model_answer: A network of edge servers that keep copies of static files close to users.
    hints: [Where are the servers?]
    key_points:
      - id: fx-copies
        text: Edge servers store copies of static files close to users.
      - id: fx-faster
        text: Pages load faster because requests travel a shorter distance.
  - id: fx-authn-authz
    topic: fx-plain
    difficulty: easy
    prompt: How does authentication differ from authorization?
    model_answer: Authentication verifies identity; authorization decides permissions.
    hints: [Who versus what.]
    key_points:
      - id: fx-authn
        text: Authentication verifies identity.
      - id: fx-authz
        text: Authorization decides permissions.
"""


def _bank(tmp_path: Path, text: str = PLAIN_PACK):
    path = tmp_path / "plain.yaml"
    path.write_text(text, encoding="utf-8")
    result = load_packs([path])
    assert [str(p) for p in result.problems] == []
    return {q.id: q for q in result.questions}


def test_a_key_point_may_be_only_its_text(tmp_path: Path) -> None:
    path = tmp_path / "plain.yaml"
    path.write_text(PLAIN_PACK, encoding="utf-8")
    assert lint_paths([path]) == []
    question = _bank(tmp_path)["fx-cdn"]
    assert all(point.alternatives and not point.concepts for point in question.key_points)


def test_plain_points_grade_paraphrases_with_lexicon_synonyms(tmp_path: Path) -> None:
    question = _bank(tmp_path)["fx-cdn"]
    answer = "Edge nodes keep cached copies of static assets near the users, so pages get quicker."
    assert grade(question, answer).verdict is not Verdict.WRONG
    full = (
        "Edge servers save copies of the static files close to the users. "
        "Pages load quicker since requests travel a shorter distance."
    )
    assert grade(question, full).verdict is Verdict.CORRECT
    assert grade(question, "I like turtles.").verdict is Verdict.WRONG


def test_repeating_the_prompt_proves_nothing(tmp_path: Path) -> None:
    question = _bank(tmp_path)["fx-cdn"]
    units = derive(question.key_points[0].text, "What are edge servers?").units
    assert not any("edge" in unit for unit in units)
    assert grade(question, "A CDN is a CDN.").verdict is Verdict.WRONG


def test_a_comparison_prompt_makes_its_sides_subjects(tmp_path: Path) -> None:
    question = _bank(tmp_path)["fx-authn-authz"]
    assert [name for name, _ in question.subjects] == ["authentication", "authorization"]
    assert [p.subject for p in question.key_points] == ["authentication", "authorization"]
    right = "Authentication verifies the identity, authorization decides the permissions."
    assert grade(question, right).verdict is Verdict.CORRECT
    swapped = "Authorization verifies the identity, and authentication decides the permissions."
    assert grade(question, swapped).verdict is not Verdict.CORRECT
    assert prompt_sides("Explain CORS.") == []


def test_refinements_take_precedence(tmp_path: Path) -> None:
    text = PLAIN_PACK.replace(
        "        text: Authorization decides permissions.\n",
        "        text: Authorization decides permissions.\n        concepts: [[permission*, rights]]\n",
    )
    point = _bank(tmp_path, text)["fx-authn-authz"].key_points[1]
    assert point.concepts == (("permission*", "rights"),) and point.alternatives == ()


def test_examples_and_negated_contrasts_are_not_required() -> None:
    derived = derive("Caching keeps copies in memory (Redis, Memcached) instead of recomputing.", "Why?")
    words = {word for unit in derived.units for word in unit}
    assert "recomputing" not in words  # the contrast after "instead of" is not what counts
    examples = derived.units[-1]
    assert "redis" in examples and "memcached" in examples
    assert all(len(alternative) == len(derived.alternatives[0]) for alternative in derived.alternatives)


def test_needed_units_grow_with_the_sentence() -> None:
    assert [needed_units(n) for n in range(1, 9)] == [1, 2, 2, 3, 3, 3, 4, 4]


def test_the_lexicon_is_one_file_of_synonym_sets() -> None:
    lexicon = load_lexicon()
    assert len(lexicon.sets) >= 200
    assert "quick" in lexicon.synonyms("fast") and "lower" in lexicon.synonyms("reduces")
    assert "save*" in lexicon.synonyms("storing") and "backend" in lexicon.synonyms("server")
    assert lexicon.phrase_at(["speed", "up", "reads"], 0)[0] == 2
    assert crude_stem("caching") == crude_stem("cache") == crude_stem("caches")
    assert parse_lexicon("sets: [[a, b], [lonely]]").sets == [("a", "b")]


def test_the_plain_copy_of_the_shipped_pack_loads_and_grades() -> None:
    import yaml

    data = yaml.safe_load((ROOT / "content" / "packs" / "backend.yaml").read_text(encoding="utf-8"))
    plain = plain_pack(data)
    for question in plain["questions"]:
        assert "misconceptions" not in question and "subjects" not in question
        assert all(set(point) <= {"id", "text", "required", "weight"} for point in question["key_points"])


def test_plain_copy_grades_the_shipped_examples_reasonably(tmp_path: Path) -> None:
    copy = write_plain_copy(ROOT / "content" / "packs" / "backend.yaml", tmp_path / "backend.yaml")
    result = load_packs([copy])
    assert result.problems == [] and len(result.questions) == 25
    refined = {q.id: q for q in load_bank().questions()}
    agreed = total = 0
    for question in result.questions:
        assert refined[question.id].prompt == question.prompt
        for example in result.examples[question.id]:
            agreed += grade(question, example.answer).verdict.value == example.label
            total += 1
    assert total >= 100 and agreed / total >= 0.6
