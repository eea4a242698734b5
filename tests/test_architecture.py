"""The shape of claimtrack's code (ARCHITECTURE.md): no import cycle among its modules,
and each layer imports none of the layers above it. Every import statement counts,
wherever it stands: at the top, inside a function, or for type checking only."""

from __future__ import annotations

import ast
import functools
from collections.abc import Mapping
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"


def modules() -> dict[str, Path]:
    """Every module of the claimtrack package, by dotted name (a package by its own)."""
    found = {}
    for path in sorted((SRC / "claimtrack").rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imported(name: str, path: Path, known: Mapping[str, Path]) -> set[str]:
    """The claimtrack modules that the module ``name`` at ``path`` imports."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the package, or one above it per extra dot
                parents = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parents, base] if base else parents)
            # "from package import module" imports the module; "from module import name" the module.
            targets.update(f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names)
    found = set()
    for target in targets:
        while target and target not in known:  # "claimtrack.x.y" where y is a name in x
            target = target.rpartition(".")[0]
        if target and target != name:
            found.add(target)
    return found


@functools.cache
def import_graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imported(name, path, known) for name, path in known.items()}


def strongly_connected(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm,
    without recursion): each is a set of modules that import each other, directly or
    through others."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            for successor in successors:
                if successor not in index:
                    index[successor] = low[successor] = len(index)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(graph.get(successor, ())))))
                    break
                if successor in on_stack:
                    low[node] = min(low[node], index[successor])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        components.append(sorted(component))
    return sorted(components)


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b"}, "b": set()}, []),
        ({"a": {"b", "c"}, "b": {"c"}, "c": set()}, []),  # a diamond is no cycle
        ({"a": {"b"}, "b": {"a"}}, [["a", "b"]]),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
        ({"a": {"b"}, "b": {"a"}, "c": {"d"}, "d": {"c"}, "e": {"a", "c"}}, [["a", "b"], ["c", "d"]]),
    ],
)
def test_strongly_connected_components_are_the_cycles(graph, expected):
    assert strongly_connected(graph) == expected


def test_the_import_graph_sees_every_kind_of_import():
    graph = import_graph()
    assert "claimtrack.store.core" in graph["claimtrack.store"]  # from a package's __init__
    assert "claimtrack.store.writes" in graph["claimtrack.store.core"]  # inside a method
    assert "claimtrack.models" in graph["claimtrack.inputs.readers.text"]  # for type checking only
    assert "claimtrack.inputs.registry" in graph["claimtrack.cli"]  # "from package import module as name"


def test_no_import_cycles():
    cycles = strongly_connected(import_graph())
    assert not cycles, "modules that import each other: " + "; ".join(" <-> ".join(c) for c in cycles)


# Each layer, and the layers above it that it must not import (see ARCHITECTURE.md).
ABOVE_THE_RECORDS = ("claimtrack.store", "claimtrack.linking", "claimtrack.ingest", "claimtrack.inputs",
                     "claimtrack.nlp", "claimtrack.extract", "claimtrack.cli", "claimtrack.render")


@pytest.mark.parametrize(
    ("layer", "above"),
    [
        ("claimtrack.errors", ABOVE_THE_RECORDS + ("claimtrack.models",)),
        ("claimtrack.closed_sets", ABOVE_THE_RECORDS + ("claimtrack.models",)),
        ("claimtrack.models", ABOVE_THE_RECORDS),
        ("claimtrack.lexicon", ABOVE_THE_RECORDS),
        ("claimtrack.names", ABOVE_THE_RECORDS),
        ("claimtrack.places", ABOVE_THE_RECORDS),
        ("claimtrack.inputs", ("claimtrack.store", "claimtrack.linking", "claimtrack.ingest", "claimtrack.nlp",
                               "claimtrack.extract", "claimtrack.cli", "claimtrack.render")),
        ("claimtrack.store", ("claimtrack.linking", "claimtrack.ingest", "claimtrack.inputs", "claimtrack.nlp",
                              "claimtrack.extract", "claimtrack.cli", "claimtrack.render")),
        ("claimtrack.linking", ("claimtrack.store", "claimtrack.ingest", "claimtrack.inputs", "claimtrack.nlp",
                                "claimtrack.extract", "claimtrack.cli", "claimtrack.render")),
        ("claimtrack.nlp", ("claimtrack.store", "claimtrack.linking", "claimtrack.ingest", "claimtrack.inputs",
                            "claimtrack.extract", "claimtrack.cli", "claimtrack.render")),
        ("claimtrack.extract", ("claimtrack.store", "claimtrack.linking", "claimtrack.ingest", "claimtrack.inputs",
                                "claimtrack.cli", "claimtrack.render")),
        ("claimtrack.ingest", ("claimtrack.cli", "claimtrack.render")),
        ("claimtrack.ingest.pool", ("claimtrack.ingest.cluster", "claimtrack.ingest.job", "claimtrack.ingest.run")),
        ("claimtrack.ingest.cluster", ("claimtrack.ingest.pool", "claimtrack.ingest.run")),
        ("claimtrack.ingest.articles", ("claimtrack.ingest.job", "claimtrack.ingest.pool", "claimtrack.ingest.cluster",
                                        "claimtrack.store")),
        ("claimtrack.render", ("claimtrack.store", "claimtrack.linking", "claimtrack.ingest", "claimtrack.cli")),
    ],
)
def test_each_layer_imports_nothing_above_it(layer, above):
    graph = import_graph()
    members = [name for name in graph if name == layer or name.startswith(layer + ".")]
    assert members, layer
    wrong = sorted(
        f"{name} imports {target}"
        for name in members
        for target in graph[name]
        if any(target == top or target.startswith(top + ".") for top in above)
    )
    assert not wrong, wrong
