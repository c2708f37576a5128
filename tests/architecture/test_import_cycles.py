"""No import cycles: no two of the project's modules import each other, directly or through others."""

from __future__ import annotations

import grimp

PACKAGES = ("bot", "content", "adapters", "storage", "interview_bot")


def _import_graph() -> grimp.ImportGraph:
    """The graph of imports between the project's own modules (no cache written)."""
    return grimp.build_graph(*PACKAGES, include_external_packages=False, cache_dir=None)


def _mutual_groups(graph: grimp.ImportGraph) -> list[list[str]]:
    """The groups of modules that all reach each other by imports (Tarjan's strongly connected components).

    Only groups of two or more: those are exactly the modules A with some B where A imports B and B
    imports A, directly or indirectly.
    """
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    for root in sorted(graph.modules):
        if root in order:
            continue
        # An iterative depth-first walk: (module, the imports of it still to visit).
        order[root] = low[root] = len(order)
        stack.append(root)
        on_stack.add(root)
        walk = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        while walk:
            module, imports = walk[-1]
            imported = next(imports, None)
            if imported is None:
                walk.pop()
                if walk:
                    low[walk[-1][0]] = min(low[walk[-1][0]], low[module])
                if low[module] == order[module]:
                    group = []
                    while not group or group[-1] != module:
                        group.append(stack.pop())
                        on_stack.discard(group[-1])
                    if len(group) > 1:
                        groups.append(sorted(group))
            elif imported not in order:
                order[imported] = low[imported] = len(order)
                stack.append(imported)
                on_stack.add(imported)
                walk.append((imported, iter(sorted(graph.find_modules_directly_imported_by(imported)))))
            elif imported in on_stack:
                low[module] = min(low[module], order[imported])
    return groups


def _a_cycle(graph: grimp.ImportGraph, group: list[str]) -> str:
    """One cycle through the group's first module, as ``a -> b -> ... -> a``."""
    first = group[0]
    members = set(group)
    step = min(m for m in graph.find_modules_directly_imported_by(first) if m in members)
    back = graph.find_shortest_chain(importer=step, imported=first) or (step, first)
    return " -> ".join((first, *back))


def test_no_two_modules_import_each_other() -> None:
    graph = _import_graph()
    groups = _mutual_groups(graph)
    report = "\n".join(f"{', '.join(group)}\n    e.g. {_a_cycle(graph, group)}" for group in groups)
    assert not groups, "modules that import each other (directly or indirectly):\n" + report


def test_the_search_finds_a_cycle_through_other_modules() -> None:
    graph = grimp.ImportGraph()
    for importer, imported in (("p.a", "p.b"), ("p.b", "p.c"), ("p.c", "p.a"), ("p.c", "p.d")):
        graph.add_import(importer=importer, imported=imported)
    assert _mutual_groups(graph) == [["p.a", "p.b", "p.c"]]
    assert _a_cycle(graph, ["p.a", "p.b", "p.c"]) == "p.a -> p.b -> p.c -> p.a"
