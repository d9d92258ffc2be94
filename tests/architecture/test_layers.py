"""The floors hold: no import in src/ goes up `thidua.layers` (issue 11), and thidua modules
are imported at module level, except in `AppConfig.ready()`. What is still to move is
listed in `pending.py`; nothing new may join it, and what has moved must leave it."""

from pathlib import Path

from tests.architecture import pending
from tests.architecture.imports import SRC, imports
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
    new, moved = found - pending.UPWARD, pending.UPWARD - found
    assert not new, _report("These imports go up the floors of thidua.layers:", new)
    assert not moved, _report("These no longer go up: remove them from tests/architecture/pending.py:", moved)


def test_thidua_modules_are_imported_at_module_level():
    found = {(i.file, i.module) for i in imports()
             if i.importer in layers.APPS and i.in_function and i.in_function != "ready"}
    new, moved = found - pending.INSIDE_FUNCTIONS, pending.INSIDE_FUNCTIONS - found
    assert not new, _report("Imports inside functions (allowed only in AppConfig.ready()):", new)
    assert not moved, _report("These moved to module level: remove them from tests/architecture/pending.py:", moved)


def test_the_floors_are_ordered_one_way():
    assert layers.may_import("decisions", "dossiers") and not layers.may_import("dossiers", "decisions")
    assert not layers.may_import("people", "catalog") and not layers.may_import("catalog", "people")  # peers
    assert all(layers.may_import(app, app) for app in layers.APPS)
    assert Path(layers.__file__).parent == SRC
