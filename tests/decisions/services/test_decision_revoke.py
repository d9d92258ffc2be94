"""Revocation: a later, numbered decision of the same authority or one above it."""

import datetime as dt

import pytest

from tests.conftest import make_user
from tests.decisions.conftest import TODAY, make_draft, revoking, sign
from thidua.awards import services as award_services
from thidua.awards.models import Award
from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.core.models import AuditEvent
from thidua.core.roles import Role
from thidua.decisions import selectors, services
from thidua.decisions.models import Decision, EntryKind, FundEntry, Recipient
from thidua.decisions.services import RecipientSpec

REASON = "Cá nhân kê khai không trung thực thành tích (Luật TĐKT, Điều 93 khoản 2 điểm a)"


def revoke(actor, awards, issued_on=dt.date(2026, 10, 5), **kw):
    line = Recipient.objects.filter(award__in=awards).select_related("decision__authority").first()
    authority = kw.get("authority") or (line.decision.authority if line else None)
    issue = revoking(authority, issued_on.year) if authority else {"number": "01/QĐ-UBND", "signatory": None,
                                                                     "capacity": "head"}
    return services.decision_revoke(actor=actor, awards=awards, reason=kw.pop("reason", REASON), issued_on=issued_on,
                                    today=TODAY, **issue, **kw)


@pytest.fixture
def signed(chairman, draft):
    return sign(chairman, draft)


def test_revocation_keeps_the_award_marked_and_records_the_recovery(chairman, signed, person_a, tree):
    award = Award.objects.get(person=person_a)
    revocation = revoke(chairman, [award])
    award.refresh_from_db()
    assert (revocation.kind, revocation.state, revocation.number_text, revocation.reason) == (
        "revocation", "signed", "02/QĐ-UBND", REASON)
    assert "01/QĐ-UBND" in revocation.summary
    assert (award.revoked, award.revoked_by_document, award.revoked_reason) == (True, revocation.document, REASON)
    assert Award.objects.filter(person=person_a).count() == 1  # still in the ledger
    recovery = FundEntry.objects.get(kind=EntryKind.RECOVERY)
    assert (recovery.unit, recovery.year, recovery.amount, recovery.decision, recovery.award) == (
        tree["root"], 2026, 3_800_000, revocation, award)
    assert revocation.recipients.get().revoked_award == award
    assert (award.revocation_number, award.revocation_date) == ("02/QĐ-UBND", dt.date(2026, 10, 5))
    event = AuditEvent.objects.get(action="award.revoke", target_id=award.pk)
    assert (event.actor, event.reason, event.before["revoked"], event.after["revoked"]) == (chairman, REASON, False,
                                                                                           True)
    assert AuditEvent.objects.filter(action="decision.revoke", target_id=revocation.pk, actor=chairman).exists()
    [year] = selectors.fund_totals(chairman)
    assert (year.paid, year.recovered, year.net, year.decisions) == (3_800_000, 3_800_000, 0, 2)


def test_a_superior_authority_may_revoke_a_department_decision(secretariat, head_a, chairman, tree, person_a):
    decision = make_draft(secretariat, tree["a"], RecipientSpec(kind="GK", year=2025, person=person_a),
                          summary="Giấy khen")
    sign(head_a, decision, title="GIÁM ĐỐC")
    award = Award.objects.get(person=person_a)
    revocation = revoke(chairman, [award], authority=tree["root"])
    assert revocation.number_text == "01/QĐ-UBND"
    # The money is recovered into the fund that paid it, the department's.
    assert FundEntry.objects.get(kind=EntryKind.RECOVERY).unit == tree["a"]


def test_a_lower_authority_may_not_revoke(head_a, signed, person_a, tree):
    award = Award.objects.get(person=person_a)
    with pytest.raises(PermissionDenied):
        revoke(head_a, [award])
    # The department head signs for the department, which did not decide it.
    with pytest.raises(ApplicationError, match="hoặc cấp trên của cơ quan đó"):
        revoke(head_a, [award], authority=tree["a"])
    award.refresh_from_db()
    assert not award.revoked


def test_the_secretariat_records_a_revocation_as_it_records_every_issue(secretariat, officer_a, signed, person_a):
    award = Award.objects.get(person=person_a)
    with pytest.raises(PermissionDenied):
        revoke(officer_a, [award])
    revocation = revoke(secretariat, [award])
    assert revocation.state == "signed" and revocation.signer_name == "Võ Văn Chủ"  # the leader, not the clerk


def test_a_department_s_revocation_is_recorded_by_its_own_desk(secretariat, head_a, tree, person_a):
    desk = make_user("tdkt_a", Role.SECRETARIAT, tree["a"], "Ngô Thị Bàn")
    decision = make_draft(desk, tree["a"], RecipientSpec(kind="GK", year=2025, person=person_a), summary="Giấy khen")
    sign(head_a, decision, title="GIÁM ĐỐC")
    award = Award.objects.get(person=person_a)
    with pytest.raises(PermissionDenied):  # the province's desk reads the Sở's decisions, does not issue them
        revoke(secretariat, [award], authority=tree["a"])
    assert revoke(desk, [award], authority=tree["a"]).authority == tree["a"]


def test_revocation_needs_a_reason_a_later_date_and_a_live_award(chairman, signed, person_a):
    award = Award.objects.get(person=person_a)
    with pytest.raises(ApplicationError) as exc:
        revoke(chairman, [award], reason="")
    assert exc.value.message == award_services.REVOKE_REASON_REQUIRED
    with pytest.raises(ApplicationError, match="phải ban hành sau quyết định khen thưởng 01/QĐ-UBND"):
        revoke(chairman, [award], issued_on=dt.date(2026, 7, 1))
    with pytest.raises(ApplicationError) as exc:
        revoke(chairman, [])
    assert exc.value.message == services.REVOKE_NOTHING
    with pytest.raises(ApplicationError) as exc:
        revoke(chairman, [award], issued_on=dt.date(2026, 11, 21))
    assert exc.value.message == services.ISSUED_IN_FUTURE
    revoke(chairman, [award])
    with pytest.raises(ApplicationError) as exc:
        revoke(chairman, [award])
    assert exc.value.message == award_services.ALREADY_REVOKED % award
    # The refused attempts left nothing behind: one revocation decision, one number, one recovery.
    assert FundEntry.objects.filter(kind=EntryKind.RECOVERY).count() == 1
    assert list(Decision.objects.filter(kind="revocation").values_list("number", flat=True)) == [2]


def test_an_award_recorded_by_hand_is_revoked_in_the_ledger_not_here(chairman, secretariat, person_a):
    award = award_services.award_record(actor=secretariat, person=person_a, kind="BK_TINH", year=2024,
                                        decided_on=dt.date(2025, 3, 3), decision_number="9/QĐ-UBND", today=TODAY)
    with pytest.raises(ApplicationError, match="sổ khen thưởng"):
        revoke(chairman, [award])


def test_it_refuses_out_of_scope(signed, person_a, tree):
    head_b = make_user("giamdoc_b", Role.UNIT_HEAD, tree["b"], "Đỗ Văn Bình")
    award = Award.objects.get(person=person_a)
    with pytest.raises(PermissionDenied):
        revoke(head_b, [award])
    award.refresh_from_db()
    assert not award.revoked and not Decision.objects.filter(kind="revocation").exists()
