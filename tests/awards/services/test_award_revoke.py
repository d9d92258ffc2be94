"""Revoking an award in the ledger: an award recorded by hand or imported is revoked by
recording the paper decision (a document of Văn bản, or its number and date); an award
decided in thidua only by a revocation decision of thidua (tests/decisions)."""

import datetime as dt

import pytest

from tests.conftest import make_user
from tests.decisions.conftest import sign
from thidua.awards import services
from thidua.awards.models import Award
from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.core.models import AuditEvent
from thidua.core.roles import Role
from thidua.decisions import services as decision_services

TODAY = dt.date(2026, 11, 20)
REASON = "Kê khai không trung thực"


@pytest.fixture
def award(officer_a, person_a):
    return services.award_record(actor=officer_a, person=person_a, kind="LDTT", year=2025,
                                 decided_on=dt.date(2026, 7, 2), decision_number="15/QĐ-SNV")


def revoke(actor, award, reason=REASON, **kw):
    kw.setdefault("today", TODAY)
    return services.award_revoke(actor=actor, award=award, reason=reason, **kw)


def test_revoke_by_a_document_keeps_the_award_and_records_why(secretariat, award, revocation):
    revoke(secretariat, award, document=revocation)
    award.refresh_from_db()
    assert award.revoked and award.revoked_by_document == revocation and award.revoked_at
    assert (award.revocation_number, award.revocation_date) == ("45/QĐ-UBND", dt.date(2026, 9, 1))
    assert award.revoked_reason == REASON
    assert Award.objects.filter(pk=award.pk).exists()
    event = AuditEvent.objects.get(action="award.revoke", target_id=award.pk)
    assert event.before["revoked"] is False and event.after["revoked"] is True
    assert event.reason == REASON and event.actor == secretariat


def test_revoke_by_a_paper_decision_records_its_number_and_date(secretariat, award):
    revoke(secretariat, award, number=" 07/QĐ-UBND ", revoked_on=dt.date(2026, 10, 1))
    award.refresh_from_db()
    assert award.revoked and award.revoked_by_document is None
    assert (award.revoked_number, award.revoked_on) == ("07/QĐ-UBND", dt.date(2026, 10, 1))
    assert (award.revocation_number, award.revocation_date) == ("07/QĐ-UBND", dt.date(2026, 10, 1))
    event = AuditEvent.objects.get(action="award.revoke", target_id=award.pk)
    assert event.after["revoked_number"] == "07/QĐ-UBND" and event.reason == REASON


def test_a_document_wins_over_a_number_typed_beside_it(secretariat, award, revocation):
    revoke(secretariat, award, document=revocation, number="99/QĐ-UBND", revoked_on=dt.date(2026, 10, 1))
    award.refresh_from_db()
    assert (award.revocation_number, award.revoked_number, award.revoked_on) == ("45/QĐ-UBND", "", None)


@pytest.mark.parametrize("who", ["officer_a", "head_a"])
def test_wrong_role_may_not_revoke(request, who, award, revocation):
    with pytest.raises(PermissionDenied):
        revoke(request.getfixturevalue(who), award, document=revocation)
    award.refresh_from_db()
    assert not award.revoked and not AuditEvent.objects.filter(action="award.revoke").exists()


def test_it_refuses_out_of_scope(tree, award, revocation):
    secretariat_b = make_user("thuky_b", Role.SECRETARIAT, tree["b"], "Vũ Thị Hạnh")
    with pytest.raises(PermissionDenied):
        revoke(secretariat_b, award, document=revocation)
    award.refresh_from_db()
    assert not award.revoked


def test_reason_and_decision_are_required_and_twice_is_refused(secretariat, award, revocation):
    with pytest.raises(ApplicationError) as exc:
        revoke(secretariat, award, reason="  ", document=revocation)
    assert exc.value.message == services.REVOKE_REASON_REQUIRED
    with pytest.raises(ApplicationError) as exc:
        revoke(secretariat, award)
    assert exc.value.message == services.REVOKE_DECISION_REQUIRED
    with pytest.raises(ApplicationError) as exc:
        revoke(secretariat, award, number="07/QĐ-UBND")
    assert exc.value.message == services.REVOKE_DATE_REQUIRED
    revoke(secretariat, award, document=revocation)
    with pytest.raises(ApplicationError) as exc:
        revoke(secretariat, award, document=revocation)
    assert exc.value.message == services.ALREADY_REVOKED % award
    assert AuditEvent.objects.filter(action="award.revoke").count() == 1


def test_the_revoking_decision_is_dated_between_the_award_and_today(secretariat, award):
    with pytest.raises(ApplicationError) as exc:
        revoke(secretariat, award, number="07/QĐ-UBND", revoked_on=dt.date(2026, 11, 21))
    assert exc.value.message == services.REVOKE_IN_FUTURE
    with pytest.raises(ApplicationError, match="phải ban hành sau quyết định khen thưởng 15/QĐ-SNV"):
        revoke(secretariat, award, number="07/QĐ-UBND", revoked_on=dt.date(2026, 7, 1))
    award.refresh_from_db()
    assert not award.revoked


def test_an_award_decided_in_thidua_is_revoked_only_by_a_revocation_decision(secretariat, tree, person_a,
                                                                             revocation):
    chairman = make_user("chutich", Role.UNIT_HEAD, tree["root"], "Võ Văn Chủ")
    draft = decision_services.decision_draft(
        actor=secretariat, authority=tree["root"], summary="Về việc tặng Bằng khen", today=TODAY,
        recipients=[decision_services.RecipientSpec(kind="BK_TINH", year=2025, person=person_a)])
    sign(chairman, draft)
    award = Award.objects.get(person=person_a)
    for kw in ({"document": revocation}, {"document": award.document},
               {"number": "07/QĐ-UBND", "revoked_on": dt.date(2026, 10, 1)}):
        with pytest.raises(ApplicationError) as exc:
            revoke(secretariat, award, **kw)
        assert exc.value.message == services.REVOKE_BY_DECISION_ONLY % "01/QĐ-UBND"
    # The chairman signs decisions, but not in the ledger: the revocation decision is the way.
    with pytest.raises(PermissionDenied):
        revoke(chairman, award, document=revocation)
    award.refresh_from_db()
    assert not award.revoked and not AuditEvent.objects.filter(action="award.revoke").exists()
