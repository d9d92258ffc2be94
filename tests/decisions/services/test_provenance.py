"""Where a decision line comes from (issue 12): a line the engine finds eligible goes in as
such; a direct entry it does not find eligible waits for the decision-maker's written
justification and is marked in the ledger; what a council voted down never goes in; a
sudden or thematic commendation needs no eligibility chain."""

import pytest

from tests.conftest import make_person, make_user
from tests.decisions.conftest import TODAY, issuer, leader, make_draft, sign
from tests.dossiers.conftest import qualify
from thidua.awards.models import Award
from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.core.models import AuditEvent
from thidua.core.roles import Role
from thidua.decisions import services
from thidua.decisions.models import Capacity, LineSource
from thidua.decisions.services import RecipientSpec
from thidua.dossiers.models import Dossier, DossierItem, DossierState, ItemState

GROUNDS = "Dũng cảm cứu người trong lũ tháng 9/2025; Giám đốc Sở thống nhất khen."


@pytest.fixture
def director(tree):
    return make_user("giamdoc", Role.UNIT_HEAD, tree["a"], "Phạm Văn Đốc")


def _gk(person, **kw):
    return RecipientSpec(kind="GK", year=2025, person=person, **kw)


def test_an_eligible_line_goes_in_as_such_and_signs(secretariat, officer_a, director, tree):
    worker = qualify(officer_a, make_person(tree["a"], "Hoàng Thị Lành"), year=2025, rating="HTTNV", codes=("LDTT",))
    draft = make_draft(secretariat, tree["a"], RecipientSpec(kind="LDTT", year=2025, person=worker),
                       summary="Về việc công nhận danh hiệu Lao động tiên tiến năm 2025")
    line = draft.recipients.get()
    assert (line.source, line.verdict_eligible) == (LineSource.VERDICT, True) and line.verdict["reasons"]
    assert services.unjustified(draft) == []
    signed = sign(director, draft, issued_on=TODAY, title="GIÁM ĐỐC")
    assert Award.objects.get(person=worker, kind="LDTT").exception_grounds == ""
    assert signed.state == "signed"


def test_a_line_the_engine_refuses_waits_for_the_decision_maker_s_justification(secretariat, director, tree,
                                                                                 person_a):
    draft = make_draft(secretariat, tree["a"], _gk(person_a), summary="Về việc tặng Giấy khen")
    line = draft.recipients.get()
    assert (line.source, line.verdict_eligible, line.justification) == (LineSource.MANUAL, False, "")
    assert line.verdict["eligible"] is False and line.verdict["reasons"]  # what the engine said, kept
    added = AuditEvent.objects.filter(action="decision.add_recipients").latest("at")
    assert "chờ giải trình" in str(added.after)
    with pytest.raises(ApplicationError) as exc:
        services.decision_issue(actor=issuer(tree["a"]), decision=draft, number="05/QĐ-SNV", issued_on=TODAY,
                                signatory=leader(tree["a"], full_name="Hoàng Văn Cường"), capacity=Capacity.HEAD,
                                today=TODAY)
    assert exc.value.message == services.UNJUSTIFIED_LINES % {"names": person_a.full_name}
    # The secretariat drafts but does not hold the decision right: it cannot justify.
    with pytest.raises(PermissionDenied):
        services.decision_justify_line(actor=secretariat, recipient=line, justification=GROUNDS)
    with pytest.raises(ApplicationError) as exc:
        services.decision_justify_line(actor=director, recipient=line, justification="   ")
    assert exc.value.message == services.JUSTIFICATION_REQUIRED
    services.decision_justify_line(actor=director, recipient=line, justification=GROUNDS)
    line.refresh_from_db()
    assert (line.justification, line.justified_by) == (GROUNDS, director)
    event = AuditEvent.objects.get(action="decision.justify")
    assert event.actor == director and GROUNDS in str(event.after)
    sign(director, draft, issued_on=TODAY, title="GIÁM ĐỐC")
    assert Award.objects.get(person=person_a, kind="GK").exception_grounds == GROUNDS


def test_a_justification_typed_with_the_line_must_come_from_the_decision_maker(secretariat, tree, person_a):
    draft = make_draft(secretariat, tree["a"], summary="Về việc tặng Giấy khen")
    with pytest.raises(ApplicationError) as exc:
        services.decision_add_recipients(actor=secretariat, decision=draft, recipients=[_gk(person_a,
                                         justification=GROUNDS)], today=TODAY)
    assert exc.value.message == services.JUSTIFICATION_BY_DECIDER % {"authority": tree["a"].name}
    assert not draft.recipients.exists()


def test_what_the_council_voted_down_never_goes_into_a_decision(secretariat, tree, person_a):
    dossier = Dossier.objects.create(unit=tree["a"], title="Đề nghị khen thưởng năm 2025", authority_level="co_quan",
                                     authority_unit=tree["a"], commendation_type="cong_trang", year=2025,
                                     state=DossierState.VOTED)
    DossierItem.objects.create(dossier=dossier, subject_kind="individual", person=person_a,
                               held_unit=person_a.current_unit, subject_name=person_a.full_name, kind="GK",
                               year=2025, period_from=2025, period_to=2025, state=ItemState.REJECTED)
    draft = make_draft(secretariat, tree["a"], summary="Về việc tặng Giấy khen")
    with pytest.raises(ApplicationError) as exc:
        services.decision_add_recipients(actor=secretariat, decision=draft, recipients=[_gk(person_a)], today=TODAY)
    assert exc.value.message == services.REJECTED_BY_COUNCIL % {
        "name": "Giấy khen của Giám đốc Sở Nội vụ", "year": 2025, "subject": person_a,
        "dossier": "Đề nghị khen thưởng năm 2025"}
    assert not draft.recipients.exists()


def test_a_sudden_commendation_needs_no_eligibility_chain(secretariat, director, tree, person_a):
    draft = services.decision_draft(actor=secretariat, authority=tree["a"], commendation_type="dot_xuat",
                                    summary="Về việc khen thưởng đột xuất", recipients=[_gk(person_a)], today=TODAY)
    assert draft.recipients.get().source == LineSource.NO_CHAIN and services.unjustified(draft) == []
    sign(director, draft, issued_on=TODAY, title="GIÁM ĐỐC")
    assert Award.objects.get(person=person_a).exception_grounds == ""
