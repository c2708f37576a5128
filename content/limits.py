"""Limits that keep a pack from costing more to load or grade than its size suggests.

YAML aliases (``*name``) repeat their anchor's content wherever they are used, so a 2 KB file can
expand to a million synonyms: the expanded size is counted on the parsed node tree, before the
document is constructed or validated, and a pack over a limit is refused with a clear reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import yaml

from bot.model.questions import Question
from content.problems import PackProblem

MAX_PACK_BYTES = 2_000_000
MAX_DOCUMENT_NODES = 200_000
MAX_QUESTION_NODES = 10_000
MAX_QUESTION_SYNONYMS = 20_000
_ALIAS_HINT = "YAML aliases (*name) repeat their anchor's content each time they are used"


def size_problem(path: Path, size: int) -> PackProblem | None:
    """A problem when a pack file is larger than ``MAX_PACK_BYTES``."""
    if size <= MAX_PACK_BYTES:
        return None
    return PackProblem(path, None, f"the file has {size:,} bytes; a pack may have at most {MAX_PACK_BYTES:,}")


def expanded_sizes(root: yaml.Node) -> dict[int, int]:
    """Every node's size with aliases expanded (by ``id``), counted once per distinct node.

    A node that contains itself (a recursive alias) counts as larger than any limit.
    """
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            on_path.discard(key)
            sizes[key] = 1 + sum(sizes.get(id(child), MAX_DOCUMENT_NODES + 1) for child in _children(node))
            continue
        if key in sizes:
            continue
        if key in on_path:
            sizes[key] = MAX_DOCUMENT_NODES + 1
            continue
        on_path.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in sizes)
    return sizes


def _children(node: yaml.Node) -> Iterator[yaml.Node]:
    """The child nodes of a node (keys and values of a mapping)."""
    if isinstance(node, yaml.SequenceNode):
        yield from node.value
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield key
            yield value


def within_limits(root: yaml.Node, questions: list[yaml.Node]) -> bool:
    """Whether the document and each question expand to at most their limits, by walking them.

    A walk visits an aliased node again at each use, so it counts the expanded size; it stops just
    past the limit, so its cost is bounded whatever the aliases do. Much cheaper than
    ``expanded_sizes``, which is only needed to say by how much a pack is too big.
    """
    if _walk(root, MAX_DOCUMENT_NODES + 1) > MAX_DOCUMENT_NODES:
        return False
    return all(_walk(question, MAX_QUESTION_NODES + 1) <= MAX_QUESTION_NODES for question in questions)


def _walk(node: yaml.Node, limit: int) -> int:
    """How many nodes a walk from ``node`` visits (aliases once per use), stopping at ``limit``."""
    count = 0
    stack = [node]
    while stack and count < limit:
        current = stack.pop()
        count += 1
        if isinstance(current, yaml.SequenceNode):
            stack += current.value
        elif isinstance(current, yaml.MappingNode):
            for pair in current.value:
                stack += pair
    return count


def expansion_problems(path: Path, root: yaml.Node) -> list[PackProblem]:
    """Problems for a document, or any of its questions, that expands beyond the limits."""
    questions = _questions(root)
    if within_limits(root, questions):
        return []
    sizes = expanded_sizes(root)
    problems = []
    for question in questions:
        size = sizes[id(question)]
        if size > MAX_QUESTION_NODES:
            shown = f"more than {MAX_DOCUMENT_NODES:,}" if size > MAX_DOCUMENT_NODES else f"{size:,}"
            reason = f"this question expands to {shown} values (at most {MAX_QUESTION_NODES:,}); "
            reason += _ALIAS_HINT
            problems.append(PackProblem(path, question.start_mark.line + 1, reason))
    if not problems and sizes[id(root)] > MAX_DOCUMENT_NODES:
        reason = f"the pack expands to more than {MAX_DOCUMENT_NODES:,} values; {_ALIAS_HINT}"
        problems.append(PackProblem(path, root.start_mark.line + 1, reason))
    return problems


def _questions(root: yaml.Node) -> list[yaml.Node]:
    """The question nodes of a pack document (none when it has no ``questions`` list)."""
    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "questions":
            return list(value.value) if isinstance(value, yaml.SequenceNode) else []
    return []


def synonym_count(question: Question) -> int:
    """How many synonyms a question's key points and misconceptions expand to (derived ones included)."""
    count = sum(len(names) for _, names in question.subjects)
    for item in (*question.key_points, *question.misconceptions):
        sets = [item.concepts, *item.alternatives, *getattr(item, "opposites", ())]
        count += sum(len(group) for groups in sets for group in groups) + len(item.phrasings)
    return count


def synonym_problem(path: Path, line: int, question: Question) -> PackProblem | None:
    """A problem when a question expands to more than ``MAX_QUESTION_SYNONYMS`` synonyms."""
    count = synonym_count(question)
    if count <= MAX_QUESTION_SYNONYMS:
        return None
    reason = (
        f"question '{question.id}' expands to {count:,} synonyms (at most {MAX_QUESTION_SYNONYMS:,}); "
        "use fewer or shorter synonym groups"
    )
    return PackProblem(path, line, reason)
