"""One transition engine (issue 11): every record that moves through states has a machine in
`thidua.core.transitions`, its `state` column is held to the machine's states by a
CheckConstraint, and nothing but the engine assigns a state — so a state a table does not
know cannot reach the database, and no service moves a record around its machine."""

import ast

import pytest
from django.apps import apps
from django.db import models

from tests.architecture.imports import SRC
from thidua.core import transitions

ENGINE = "core/transitions.py"
# Every model that moves through states, by its machine's name.
MACHINES = {
    "registration_sheet": "registrations.RegistrationSheet",
    "pledge": "pledges.Pledge",
    "scoring_round": "pledges.ScoringRound",
    "dossier": "dossiers.Dossier",
    "dossier_item": "dossiers.DossierItem",
    "consultation_opinion": "dossiers.ConsultationOpinion",
    "meeting": "councils.Meeting",
    "decision": "decisions.Decision",
    "import_batch": "imports.ImportBatch",
    "certificate_batch": "printing.CertificateBatch",
    "list_export": "eligibility.ListExport",
    "exemplar": "exemplars.Exemplar",
}


def _constraint_values(model) -> set[str]:
    name = f"{model._meta.app_label}_{model._meta.model_name}_state"
    found = [c for c in model._meta.constraints if isinstance(c, models.CheckConstraint) and c.name == name]
    assert found, f"{model._meta.label} has no CheckConstraint {name} on its state"
    (lookup, values), = found[0].condition.children
    assert lookup == "state__in"
    return set(values)


def test_every_moving_record_has_its_machine():
    assert {name: m.model._meta.label for name, m in transitions.MACHINES.items()} == MACHINES


@pytest.mark.parametrize("name", sorted(MACHINES))
def test_the_state_column_holds_only_the_machine_states(name):
    machine = transitions.MACHINES[name]
    model = apps.get_model(MACHINES[name])
    field = model._meta.get_field("state")
    assert {v for v, _label in field.choices} == set(machine.states.values)
    assert _constraint_values(model) == set(machine.states.values)
    # Every state is reached or left by some row of the table, or is where a record starts.
    used = {row.source for row in machine.table.values()} | {row.target for row in machine.table.values()}
    assert set(machine.states.values) - used <= {field.default}


def _assigns_state(node: ast.AST) -> bool:
    def is_state(target) -> bool:
        if isinstance(target, ast.Tuple | ast.List):
            return any(is_state(t) for t in target.elts)
        return isinstance(target, ast.Attribute) and target.attr == "state"

    if isinstance(node, ast.Assign):
        return any(is_state(t) for t in node.targets)
    if isinstance(node, ast.AugAssign | ast.AnnAssign):
        return is_state(node.target)
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Name) and func.id == "setattr" and len(node.args) > 1:
            return isinstance(node.args[1], ast.Constant) and node.args[1].value == "state"
        if isinstance(func, ast.Attribute) and func.attr == "update":
            return any(k.arg == "state" for k in node.keywords)
    return False


def test_only_the_engine_assigns_a_state():
    found = []
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC).as_posix()
        if relative == ENGINE or "/migrations/" in relative:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [f"{relative}:{node.lineno}" for node in ast.walk(tree) if _assigns_state(node)]
    assert not found, "State assigned outside core/transitions.py (take a step of the machine):\n" + "\n".join(found)
