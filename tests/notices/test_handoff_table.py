"""docs/notices.md and the registry say the same: every handoff the apps register has its
row in the table, and every row of the table is registered. Every registered handoff has
its scenario test (`SCENARIOS`): a row added without one fails here."""

import ast
import re
from functools import cache
from pathlib import Path

import pytest

from thidua.notices.handoffs import registered

ROOT = Path(__file__).resolve().parents[2]
TABLE = ROOT / "docs" / "notices.md"

# Each event → the test that plays it (who is told, the words, the e-mail, who is not, and
# when it closes: tests/notices/handoff_checks.py), as `path::function[parameter]`.
SCENARIOS = {
    "registration_sheet.submit": "tests/registrations/test_handoffs.py::test_handoff[submit]",
    "registration_sheet.approve": "tests/registrations/test_handoffs.py::test_handoff[approve]",
    "registration_sheet.return": "tests/registrations/test_handoffs.py::test_handoff[return]",
    "registration_sheet.reopen": "tests/registrations/test_handoffs.py::test_handoff[reopen]",
    "dossier.ask_head": "tests/dossiers/test_handoffs.py::test_the_officer_asks_the_head_to_sign_and_submit",
    "dossier.submit": "tests/dossiers/test_handoffs.py::test_submitted_reaches_the_receiving_desk",
    "dossier.resubmit": "tests/dossiers/test_handoffs.py::test_resubmitted_reaches_the_desk_that_returned_it",
    "dossier.return": "tests/dossiers/test_handoffs.py::test_returned_reaches_the_officer_with_the_reason",
    "dossier.draft_decision": "tests/decisions/test_handoffs.py::test_an_issued_decision_tells_the_proposing_unit",
    "consultation_opinion.sent":
        "tests/dossiers/test_handoffs.py::test_an_opinion_sent_from_the_public_page_reaches_the_desk",
    "meeting.convene": "tests/councils/test_handoffs.py::test_handoff[convene]",
    "meeting.open": "tests/councils/test_handoffs.py::test_handoff[open]",
    "movement.launch": "tests/movements/test_handoffs.py::test_launch_tells_the_officers_of_the_units_taking_part",
    "decision.sign": "tests/decisions/test_handoffs.py::test_an_issued_decision_tells_the_proposing_unit",
    "decision.record":
        "tests/dossiers/test_handoffs.py::test_a_decision_recorded_from_outside_tells_the_units_that_proposed",
}


def test_the_table_lists_every_registered_handoff():
    rows = TABLE.read_text(encoding="utf-8").splitlines()
    first_cells = [row.split("|")[1] for row in rows if row.startswith("| `")]
    events = {e for cell in first_cells for e in re.findall(r"`([a-z_]+\.[a-z_]+)`", cell)}
    assert events == set(registered())


@cache
def _module(path: str) -> ast.Module:
    return ast.parse((ROOT / path).read_text(encoding="utf-8"))


def _defines(path: str, function: str, parameter: str) -> bool:
    """Whether the test module PATH defines FUNCTION and, for a parametrised test, names
    PARAMETER among its constants (the ids of `parametrize` or of the rows it reads)."""
    module = _module(path)
    if not any(isinstance(n, ast.FunctionDef) and n.name == function for n in module.body):
        return False
    return not parameter or any(isinstance(n, ast.Constant) and n.value == parameter for n in ast.walk(module))


# Collected with the registry as the apps fill it at start-up, and the scenarios named:
# an event in either without the other fails.
@pytest.mark.parametrize("event", sorted(set(registered()) | set(SCENARIOS)))
def test_every_registered_handoff_has_its_scenario_test(event):
    assert event in registered(), f"{event}: a scenario for a handoff nobody registers"
    assert event in SCENARIOS, f"{event}: registered without a scenario test (add one and name it in SCENARIOS)"
    path, _, test = SCENARIOS[event].partition("::")
    function, _, parameter = test.rstrip("]").partition("[")
    assert (ROOT / path).is_file() and _defines(path, function, parameter), f"{event}: {SCENARIOS[event]} not found"


def test_the_scenarios_cover_what_the_apps_register_at_start_up():
    assert registered(), "the apps registered no handoff: the parametrised test above would check nothing"
