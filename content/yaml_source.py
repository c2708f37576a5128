"""Reads one YAML file into plain data plus its node tree, so any value can be traced to its line."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from content.limits import expansion_problems
from content.problems import PackProblem

# libyaml's loader is several times faster and keeps the same line marks; pure Python is the fallback.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class YamlDocument:
    """A parsed YAML file: the constructed data and the node tree it came from."""

    path: Path
    data: Any
    root: yaml.Node

    def line_of(self, loc: Sequence[int | str]) -> int:
        """The 1-based line of the value at ``loc`` (or of the deepest part of it that exists).

        Mapping entries are located by their key's line: that is where a reader looks for
        ``field: value``, and a block scalar's value only starts on the line below.
        """
        node = self.root
        line = node.start_mark.line
        for part in loc:
            child = _child(node, part)
            if child is None:
                break
            key_node, node = child
            line = (key_node if key_node is not None else node).start_mark.line
        return line + 1

    def node_at(self, loc: Sequence[int | str]) -> yaml.Node | None:
        """The node at ``loc``, or None if the path leaves the document."""
        node = self.root
        for part in loc:
            child = _child(node, part)
            if child is None:
                return None
            node = child[1]
        return node


def _child(node: yaml.Node, part: int | str) -> tuple[yaml.Node | None, yaml.Node] | None:
    """The (key node, value node) reached from ``node`` by one step of a location."""
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int):
        return (None, node.value[part]) if 0 <= part < len(node.value) else None
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in reversed(node.value):  # the last duplicate is the one that counts
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(part):
                return key_node, value_node
    return None


def read_yaml(path: Path, text: str) -> tuple[YamlDocument | None, list[PackProblem]]:
    """Parse ``text`` (the content of ``path``); return the document or the problems that stop it."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is None or (isinstance(root, yaml.ScalarNode) and root.tag.endswith(":null")):
            return None, [PackProblem(path, 1, "the file is empty; a pack needs 'pack', 'title' and content")]
        duplicates = sorted(_duplicate_keys(path, root), key=lambda problem: problem.line or 0)
        if duplicates:
            return None, duplicates
        too_big = expansion_problems(path, root)  # before constructing: aliases can multiply the data
        if too_big:
            return None, too_big
        data = _construct(loader, root)
    except yaml.MarkedYAMLError as error:
        return None, [_yaml_problem(path, text, error)]
    except yaml.YAMLError as error:
        return None, [PackProblem(path, None, f"invalid YAML: {error}")]
    finally:
        loader.dispose()
    return YamlDocument(path, data, root), []


_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


def _construct(loader: yaml.SafeLoader, root: yaml.Node) -> Any:
    """The document's data: plain strings, lists and mappings built directly, anything else by PyYAML.

    PyYAML's constructor spends most of its time on bookkeeping that packs rarely need (shared
    and recursive aliases, merge keys, tags). A document reaching here is within the size limits
    and so not recursive; an aliased node is built again at each use, which gives equal data.
    Nesting deeper than Python's call stack is left to PyYAML, which builds without recursing.
    """
    try:
        return _plain(loader, root)
    except RecursionError:
        return loader.construct_document(root)


def _plain(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """One node's data; a mapping with any key that is not a plain string goes to PyYAML whole."""
    tag = node.tag
    if tag == _STR and type(node) is yaml.ScalarNode:
        return node.value
    if tag == _SEQ and type(node) is yaml.SequenceNode:
        return [_plain(loader, child) for child in node.value]
    if tag == _MAP and type(node) is yaml.MappingNode:
        mapping = {}
        for key, value in node.value:
            if key.tag != _STR or type(key) is not yaml.ScalarNode:
                return loader.construct_object(node, deep=True)
            mapping[key.value] = _plain(loader, value)
        return mapping
    return loader.construct_object(node, deep=True)


def _yaml_problem(path: Path, text: str, error: yaml.MarkedYAMLError) -> PackProblem:
    """A parser or scanner error as a problem at the line the parser names.

    An error found only at the end of the file (an unclosed quote or bracket) is reported where the
    unfinished construct began, which is the line that needs fixing.
    """
    mark = error.problem_mark or error.context_mark
    at_end = mark is not None and mark.index >= len(text.rstrip())
    if at_end and error.context_mark is not None:
        mark = error.context_mark
    reason = f"invalid YAML: {error.problem or error.context or 'cannot parse'}"
    if error.context and error.problem and error.context_mark is not None:
        reason += f" ({error.context} at line {error.context_mark.line + 1})"
    return PackProblem(path, mark.line + 1 if mark is not None else None, reason)


def _duplicate_keys(path: Path, node: yaml.Node) -> Iterator[PackProblem]:
    """Yield a problem for every key that appears twice in one mapping (YAML would keep only the last)."""
    seen_nodes: set[int] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if id(current) in seen_nodes:  # aliases may share nodes
            continue
        seen_nodes.add(id(current))
        if isinstance(current, yaml.MappingNode):
            first_lines: dict[tuple[str, str], int] = {}
            for key_node, value_node in current.value:
                stack.append(value_node)
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                    continue
                key = (key_node.tag, key_node.value)
                line = key_node.start_mark.line + 1
                if key in first_lines:
                    yield PackProblem(
                        path, line, f"duplicate key '{key_node.value}' (first at line {first_lines[key]})"
                    )
                else:
                    first_lines[key] = line
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
