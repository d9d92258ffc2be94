"""The workflow table read like a table (house style §10.5): what the YAML says, and that it
is refused loudly when malformed."""

import pytest

from thidua.dossiers import services, workflow
from thidua.dossiers.models import TERMINAL_STATES, DossierState

S = DossierState


def test_the_table_routes_every_state():
    table = workflow.transitions()
    moves = {(src, action): t.target for (src, action), t in table.items()}
    assert moves[(S.DRAFT, "submit")] == S.SUBMITTED
    assert moves[(S.SUBMITTED, "receive")] == S.RECEIVED
    assert moves[(S.UNDER_REVIEW, "return")] == S.RETURNED and moves[(S.RETURNED, "resubmit")] == S.UNDER_REVIEW
    assert moves[(S.UNDER_REVIEW, "open_consultation")] == S.CONSULTATION
    assert moves[(S.TO_COUNCIL, "record_votes")] == S.VOTED
    assert moves[(S.DECISION_DRAFTED, "decide")] == S.DECIDED and moves[(S.VOTED, "forward")] == S.FORWARDED
    sources = {src for src, _action in table}
    for state in set(S.values) - TERMINAL_STATES:
        assert state in sources, f"{state} has no way out"
    for state in TERMINAL_STATES:
        assert state not in sources, f"{state} is terminal"
    # Every action has its service and its words.
    for _src, action in table:
        assert action in services.ACTION_WORDS and action in services._AUDIT


def test_who_and_how_long():
    table = workflow.transitions()
    submit = table[(S.DRAFT, "submit")]
    assert submit.perms == ("dossier.submit",) and submit.on == "unit" and submit.limit == "receive"
    # `on:` is a key, not YAML 1.1's boolean: the receiving side acts over the authority.
    assert table[(S.SUBMITTED, "receive")].on == "authority" and table[(S.VOTED, "forward")].on == "authority"
    assert table[(S.UNDER_REVIEW, "return")].needs_reason
    assert table[(S.TO_COUNCIL, "record_votes")].perms == ("dossier.review", "council.vote")
    limits = workflow.workflow().limits
    assert limits["review"].working_days == 20 and "311/QĐ-BNV" in limits["review"].basis
    assert workflow.workflow().consultation_days == 10
    docs = workflow.workflow().documents
    assert docs["ket_qua_bo_phieu"].required_for("CSTDCS") and not docs["ket_qua_bo_phieu"].required_for("GK")
    assert docs["to_trinh"].required_for("GK") and docs["bao_cao_thanh_tich"].per_item


@pytest.mark.parametrize(("raw", "message"), [
    ({"transitions": [{"from": "draft", "action": "fly", "to": "submitted", "perm": "dossier.submit"}]},
     "transitions[0]: unknown action «fly»"),
    ({"transitions": [{"from": "draft", "action": "submit", "to": "nowhere", "perm": "dossier.submit"}]},
     "transitions[0]: unknown state «nowhere»"),
    ({"transitions": [{"from": "draft", "action": "submit", "to": "submitted", "perm": "dossier.fly"}]},
     "transitions[0]: unknown permission"),
    ({"transitions": [{"from": "draft", "action": "submit", "to": "submitted", "perm": "dossier.submit",
                       "limit": "soon"}]}, "transitions[0]: unknown limit «soon»"),
    ({"limits": {"review": {"working_days": -1, "basis": "x"}}}, "limits.review: needs 'working_days'"),
    ({"documents": {"to_trinh": {"name": "Tờ trình", "required": "always"}}}, "documents.to_trinh: a required"),
    ({"consultation": {"working_days": 0}}, "consultation.working_days"),
    ({"transitions": [{"from": "voted", "action": "forward", "to": "forwarded", "perm": "dossier.submit",
                       True: "authority"}]}, "transitions[0]: unknown key «True»"),
])
def test_a_malformed_file_is_refused_with_its_entry(raw, message):
    data = {"consultation": {"working_days": 10}, **raw}
    with pytest.raises(workflow.WorkflowError) as exc:
        workflow.parse(data, "thu.yaml")
    assert str(exc.value).startswith("thu.yaml, ") and message in str(exc.value)


def test_what_the_checklist_and_deadlines_cite_is_the_legal_text_only():
    """The checklist and the deadlines cite texts; the confidence marks and notes about our
    research stay in the YAML's comments and docs/law.md (issue 13)."""
    import re

    flow = workflow.workflow()
    texts = [*(limit.basis for limit in flow.limits.values()), flow.consultation_basis,
             *(b for spec in flow.documents.values() for b in spec.basis)]
    research = re.compile(r"LAW\.md|chưa xác nhận|chưa đọc|tiền nhiệm|(^|\s)[PQU] —")
    assert texts and not [t for t in texts if research.search(t)]
