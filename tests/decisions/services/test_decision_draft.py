"""Drafting: who may draft for which authority, and which lines a draft accepts."""

import pytest

from tests.decisions.conftest import TODAY, make_draft
from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.core.models import AuditEvent
from thidua.decisions import services
from thidua.decisions.models import Decision, Recipient
from thidua.decisions.services import RecipientSpec, default_symbol


def test_the_secretariat_drafts_and_the_audit_names_the_lines(secretariat, tree, person_a):
    decision = make_draft(secretariat, tree["root"], RecipientSpec(kind="BK_TINH", year=2025, person=person_a),
                          RecipientSpec(kind="BK_TINH", year=2025, unit=tree["a1"]))
    assert (decision.state, decision.symbol, decision.unit, decision.authority_name, decision.number) == (
        "draft", "QĐ-UBND", tree["root"], "UBND tỉnh Thử Nghiệm", None)
    assert [(r.subject_kind, r.subject) for r in decision.recipients.all()] == [
        ("individual", person_a), ("collective", tree["a1"])]
    assert AuditEvent.objects.filter(action="decision.draft", target_id=decision.pk, actor=secretariat).exists()
    added = AuditEvent.objects.get(action="decision.add_recipients", target_id=decision.pk)
    assert "Nguyễn Văn Phóng — Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Thử Nghiệm 2025" in added.after[
        "danh sách khen thưởng"]


def test_symbols_come_from_the_authority(tree):
    assert default_symbol(tree["root"]) == "QĐ-UBND"
    assert default_symbol(tree["a"]) == "QĐ-SNV"
    assert default_symbol(tree["b"]) == "QĐ-SYT"
    tree["b"].short_name = "SYTE"
    assert default_symbol(tree["b"]) == "QĐ-SYTE"


def test_the_symbol_can_be_overridden_but_must_be_one(secretariat, tree):
    decision = services.decision_draft(actor=secretariat, authority=tree["a"], summary="GK", symbol="QĐ-SNV.TĐKT")
    assert decision.symbol == "QĐ-SNV.TĐKT"
    with pytest.raises(ApplicationError) as exc:
        services.decision_draft(actor=secretariat, authority=tree["a"], summary="GK", symbol="QĐ/SNV")
    assert exc.value.message == services.SYMBOL_INVALID


def test_an_officer_may_not_draft(officer_a, tree):
    with pytest.raises(PermissionDenied):
        services.decision_draft(actor=officer_a, authority=tree["a"], summary="Giấy khen")
    assert not Decision.objects.exists()


def test_an_internal_department_is_no_authority(secretariat, tree):
    with pytest.raises(ApplicationError, match="bộ phận nội bộ"):
        services.decision_draft(actor=secretariat, authority=tree["a1"], summary="Giấy khen")


def test_a_department_cannot_award_a_provincial_form(secretariat, tree, person_a):
    with pytest.raises(ApplicationError, match="không thuộc thẩm quyền quyết định của Sở Nội vụ"):
        make_draft(secretariat, tree["a"], RecipientSpec(kind="BK_TINH", year=2025, person=person_a))
    assert not Recipient.objects.exists()


def test_the_subject_must_belong_to_the_authority(secretariat, tree, person_b):
    with pytest.raises(ApplicationError, match="không thuộc phạm vi của Sở Nội vụ"):
        make_draft(secretariat, tree["a"], RecipientSpec(kind="GK", year=2025, person=person_b))


def test_the_kind_must_accept_the_subject(secretariat, tree):
    with pytest.raises(ApplicationError, match="không tặng cho tập thể"):
        make_draft(secretariat, tree["root"], RecipientSpec(kind="CSTD_TINH", year=2025, unit=tree["a"]))


def test_a_line_is_not_added_twice(secretariat, tree, person_a, draft):
    with pytest.raises(ApplicationError, match="đã có trong danh sách"):
        services.decision_add_recipients(actor=secretariat, decision=draft,
                                         recipients=[RecipientSpec(kind="BK_TINH", year=2025, person=person_a)],
                                         today=TODAY)
    # As a household, the same person is another subject.
    services.decision_add_recipients(actor=secretariat, decision=draft, today=TODAY, recipients=[
        RecipientSpec(kind="BK_TINH", year=2025, person=person_a, household=True)])
    assert draft.recipients.count() == 2


def test_a_line_is_removed_from_a_draft(secretariat, draft):
    services.decision_remove_recipient(actor=secretariat, recipient=draft.recipients.get())
    assert not draft.recipients.exists()
    assert AuditEvent.objects.filter(action="decision.remove_recipient", target_id=draft.pk).exists()


def test_cancelling_needs_a_reason(secretariat, draft):
    with pytest.raises(ApplicationError) as exc:
        services.decision_cancel(actor=secretariat, decision=draft, reason=" ")
    assert exc.value.message == services.CANCEL_REASON_REQUIRED
    services.decision_cancel(actor=secretariat, decision=draft, reason="Hồ sơ chưa đủ")
    draft.refresh_from_db()
    assert (draft.state, draft.cancel_reason) == ("cancelled", "Hồ sơ chưa đủ")
    event = AuditEvent.objects.get(action="decision.cancel", target_id=draft.pk)
    assert event.reason == "Hồ sơ chưa đủ"


def test_updating_a_draft(secretariat, draft):
    services.decision_update(actor=secretariat, decision=draft, summary="Về việc tặng Bằng khen năm 2025",
                             symbol="QĐ-UBND", commendation_type="phong_trao")
    draft.refresh_from_db()
    assert (draft.summary, draft.commendation_type) == ("Về việc tặng Bằng khen năm 2025", "phong_trao")
    assert AuditEvent.objects.filter(action="decision.update", target_id=draft.pk).exists()
