"""The floors hold: no import in src/ goes up `thidua.layers` (issue 11), none closes a
cycle, and thidua modules are imported at module level, except in `AppConfig.ready()`."""

from pathlib import Path

from tests.architecture.imports import SRC, file_of, imports
from thidua import layers


def _report(title: str, entries) -> str:
    return title + "\n" + "\n".join(f"  {a}: {b}" for a, b in sorted(entries))


def test_every_app_stands_on_one_floor():
    apps = {p.parent.name for p in SRC.glob("*/apps.py")} | {"rules"}  # rules: plain Python, no Django app
    assert apps == set(layers.APPS)
    assert len(layers.APPS) == len(set(layers.APPS))


def test_no_import_goes_up_the_floors():
    found = {(i.file, i.imported) for i in imports()
             if i.importer in layers.APPS and i.imported in layers.APPS
             and not layers.may_import(i.importer, i.imported)}
    assert not found, _report("These imports go up the floors of thidua.layers:", found)


def test_thidua_modules_are_imported_at_module_level():
    found = {(i.file, i.module) for i in imports()
             if i.importer in layers.APPS and i.in_function and i.in_function != "ready"}
    assert not found, _report("Imports inside functions (allowed only in AppConfig.ready()):", found)


def test_the_floors_are_ordered_one_way():
    assert layers.may_import("decisions", "dossiers") and not layers.may_import("dossiers", "decisions")
    assert not layers.may_import("people", "catalog") and not layers.may_import("catalog", "people")  # peers
    assert all(layers.may_import(app, app) for app in layers.APPS)
    assert Path(layers.__file__).parent == SRC


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one file (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                other = stack.pop()
                group.append(other)
                if other == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in list(graph):
        if node not in index:
            visit(node)
    return groups


def test_no_import_closes_a_cycle():
    graph: dict[str, set[str]] = {}
    for i in imports():
        target = file_of(i.module)
        if target and target != i.file:
            graph.setdefault(i.file, set()).add(target)
    assert not _cycles(graph), "Files that import each other, directly or around a circle:\n" + "\n".join(
        " → ".join(group) for group in _cycles(graph))
