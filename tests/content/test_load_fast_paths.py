"""The cheap paths of pack loading give what the thorough ones give: the data PyYAML would build,
the same answer on the size limits (for the shipped packs and for YAML that uses its rarer features:
aliases, merge keys, tags, non-string keys), and, for command-line runs inside the test process, a
bank reused only while no pack file and no limit changed."""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

import pytest
import yaml

from content import PackError, limits, load_bank, shipped_pack_files
from content.yaml_source import read_yaml
from tests.support.banks import reused_load_bank

RARE_FEATURES = [
    "a: &x [1, 2, {b: c}]\nd: *x\n",
    "base: &b {k: 1, j: two}\nmerged: {<<: *b, k: 3}\n",
    "when: 2024-05-01\non: yes\nn: ~\nf: 1.5e3\ni: 0x1f\ns: '123'\n",
    "1: one\n2.5: two\ntrue: three\nnull: four\n",
    "tagged: !!str 42\nset: !!set {a, b}\npairs: !!omap [{a: 1}, {b: 2}]\nbin: !!binary aGk=\n",
    "- [a, [b, [c, [d]]]]\n- {x: {y: {z: []}}}\n- ''\n- |\n  block\n  text\n",
]


def pyyaml(text: str) -> object:
    """What PyYAML's own safe constructor builds from ``text`` (parsed by libyaml where it is installed)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@pytest.mark.parametrize("text", RARE_FEATURES)
def test_rare_yaml_features_read_as_pyyaml_reads_them(text: str) -> None:
    document, problems = read_yaml(Path("rare.yaml"), text)
    assert problems == [] and document is not None
    assert document.data == pyyaml(text)


def test_nesting_deeper_than_the_call_stack_reads_as_pyyaml_reads_it() -> None:
    depth = 600  # within libyaml's nesting limit, beyond the call stack allowed below
    text = "deep: " + "[" * depth + "x" + "]" * depth + "\n"
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + depth // 2)
    try:
        document, problems = read_yaml(Path("deep.yaml"), text)
    finally:
        sys.setrecursionlimit(limit)
    assert problems == [] and document is not None
    assert document.data == pyyaml(text)


def test_an_unhashable_key_is_still_a_problem_at_its_line() -> None:
    _, problems = read_yaml(Path("bad.yaml"), "ok: 1\n? [a, b]\n: value\n")
    (problem,) = problems
    assert problem.line == 2 and "unhashable" in problem.reason


def test_the_shipped_packs_read_as_pyyaml_reads_them() -> None:
    for entry in shipped_pack_files():
        text = entry.read_text(encoding="utf-8-sig")
        document, problems = read_yaml(Path(str(entry)), text)
        assert problems == [] and document is not None, entry.name
        assert document.data == pyyaml(text), entry.name


def nodes(text: str) -> yaml.Node:
    """The node tree of ``text``."""
    return yaml.compose(text, Loader=yaml.SafeLoader)


def questions(count: int, width: int, *, alias: bool = False) -> str:
    """A pack-shaped document of ``count`` questions, each a list of ``width`` words."""
    if alias:
        body = "words: &w [" + ", ".join(["w"] * width) + "]\nquestions:\n" + "  - *w\n" * count
    else:
        body = "questions:\n" + f"  - [{', '.join(['w'] * width)}]\n" * count
    return body


@pytest.mark.parametrize(
    ("text", "within"),
    [
        (questions(3, 10), True),
        (questions(2, limits.MAX_QUESTION_NODES - 1), True),
        (questions(2, limits.MAX_QUESTION_NODES), False),
        (questions(30, 9_000, alias=True), False),
        (questions(20, 9_000, alias=True), True),
        ("questions: &q [a, *q]\n", False),
    ],
)
def test_the_walk_agrees_with_the_expanded_sizes(text: str, within: bool) -> None:
    root = nodes(text)
    found = limits._questions(root)
    sizes = limits.expanded_sizes(root)
    exact = sizes[id(root)] <= limits.MAX_DOCUMENT_NODES and all(
        sizes[id(question)] <= limits.MAX_QUESTION_NODES for question in found
    )
    assert limits.within_limits(root, found) is exact is within


PACK = """\
pack: fx-again
title: Again
topics:
  fx-again: Again
questions:
  - id: fx-again-q
    topic: fx-again
    difficulty: easy
    prompt: {prompt}
    model_answer: An answer.
    hints: [A hint.]
    key_points:
      - id: fx-again-p
        text: A point.
"""


def test_a_reused_bank_is_the_loaded_one_until_a_file_changes(tmp_path: Path) -> None:
    pack = tmp_path / "again.yaml"
    pack.write_text(PACK.format(prompt="What is asked first?"), encoding="utf-8")
    first = reused_load_bank([tmp_path])
    assert reused_load_bank([tmp_path]) is first
    assert [q.id for q in first.questions()] == [q.id for q in load_bank([tmp_path]).questions()]
    assert reused_load_bank() is not first and reused_load_bank() is reused_load_bank()
    pack.write_text(PACK.format(prompt="What is asked, second?"), encoding="utf-8")
    changed = reused_load_bank([tmp_path]).get("fx-again-q")
    assert changed is not None and changed.prompt == "What is asked, second?"
    pack.write_text(PACK.format(prompt="[unclosed"), encoding="utf-8")
    with pytest.raises(PackError):
        reused_load_bank([tmp_path])
    with pytest.raises(PackError):
        reused_load_bank([tmp_path / "missing"])


def test_a_changed_limit_loads_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "again.yaml").write_text(PACK.format(prompt="What is asked?"), encoding="utf-8")
    assert reused_load_bank([tmp_path]).get("fx-again-q") is not None
    monkeypatch.setattr(limits, "MAX_QUESTION_SYNONYMS", 0)
    with pytest.raises(PackError):
        reused_load_bank([tmp_path])
