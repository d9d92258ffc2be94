import datetime as dt

import pytest

from thidua.awards import services
from thidua.awards.models import Award
from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.core.models import AuditEvent


@pytest.fixture
def award(officer_a, person_a):
    return services.award_record(actor=officer_a, person=person_a, kind="LDTT", year=2025,
                                 decided_on=dt.date(2026, 7, 2), decision_number="15/QĐ-SNV")


def test_revoke_keeps_the_award_and_records_why(secretariat, award, revocation):
    services.award_revoke(actor=secretariat, award=award, document=revocation, reason="Kê khai không trung thực")
    award.refresh_from_db()
    assert award.revoked and award.revoked_by_document == revocation and award.revoked_at
    assert award.revoked_reason == "Kê khai không trung thực"
    assert Award.objects.filter(pk=award.pk).exists()
    event = AuditEvent.objects.get(action="award.revoke", target_id=award.pk)
    assert event.before["revoked"] is False and event.after["revoked"] is True
    assert event.reason == "Kê khai không trung thực" and event.actor == secretariat


def test_unit_officer_may_not_revoke(officer_a, award, revocation):
    with pytest.raises(PermissionDenied):
        services.award_revoke(actor=officer_a, award=award, document=revocation, reason="x")
    award.refresh_from_db()
    assert not award.revoked


def test_it_refuses_out_of_scope(officer_b, award, revocation):
    with pytest.raises(PermissionDenied):
        services.award_revoke(actor=officer_b, award=award, document=revocation, reason="x")


def test_reason_and_document_are_required_and_twice_is_refused(secretariat, award, revocation):
    with pytest.raises(ApplicationError) as exc:
        services.award_revoke(actor=secretariat, award=award, document=revocation, reason="  ")
    assert exc.value.message == services.REVOKE_REASON_REQUIRED
    with pytest.raises(ApplicationError) as exc:
        services.award_revoke(actor=secretariat, award=award, document=None, reason="Sai")
    assert exc.value.message == services.REVOKE_DOCUMENT_REQUIRED
    services.award_revoke(actor=secretariat, award=award, document=revocation, reason="Sai")
    with pytest.raises(ApplicationError) as exc:
        services.award_revoke(actor=secretariat, award=award, document=revocation, reason="Sai")
    assert exc.value.message == services.ALREADY_REVOKED
    assert AuditEvent.objects.filter(action="award.revoke").count() == 1
