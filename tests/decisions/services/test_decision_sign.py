"""Signing writes the Document, the Awards with their money, and the fund payments."""

import datetime as dt

import pytest

from tests.conftest import make_user
from tests.decisions.conftest import TODAY, issuer, leader, make_draft, sign
from thidua.awards import services as award_services
from thidua.awards.models import Award
from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.core.models import AuditEvent
from thidua.core.roles import Role
from thidua.decisions import services
from thidua.decisions.models import Capacity, EntryKind, FundEntry
from thidua.decisions.services import RecipientSpec


@pytest.fixture
def secretariat_a(tree):
    """The desk of a department: no right over the province's decisions."""
    return make_user("thuky_so", Role.SECRETARIAT, tree["a"], "Đỗ Thị Sở")


def test_signing_numbers_the_decision_and_writes_the_award_and_the_payment(secretariat, chairman, draft, person_a,
                                                                           tree):
    decision = sign(chairman, draft, issued_on=dt.date(2026, 7, 2), title="KT. CHỦ TỊCH — PHÓ CHỦ TỊCH")
    decision.refresh_from_db()
    # The signer is the leader chosen from the list, never the user who records the issue.
    assert (decision.state, decision.number_text, decision.signer, decision.signer_name, decision.signer_title) == (
        "signed", "01/QĐ-UBND", None, "Phạm Văn Phó", "KT. CHỦ TỊCH — PHÓ CHỦ TỊCH")
    assert decision.signatory.full_name == "Phạm Văn Phó" and decision.capacity == "kt"
    doc = decision.document
    assert (doc.signer_title, doc.signer_name) == ("KT. CHỦ TỊCH — PHÓ CHỦ TỊCH", "Phạm Văn Phó")
    assert (doc.number, doc.kind, doc.issued_on, doc.unit, doc.issuer) == (
        "01/QĐ-UBND", "quyet_dinh", dt.date(2026, 7, 2), tree["root"], "UBND tỉnh Thử Nghiệm")
    award = Award.objects.get(person=person_a)
    # 1.5 × 2,530,000 = 3,795,000, rounded up to the ten-thousand.
    assert (award.kind, award.year, award.money, award.document, award.decision_number, award.held_unit) == (
        "BK_TINH", 2025, 3_800_000, doc, "01/QĐ-UBND", tree["a1"])
    assert award.achievement == "Hoàn thành xuất sắc nhiệm vụ 2024–2025"
    line = decision.recipients.get()
    assert (line.award, line.amount, line.paid) == (award, 3_800_000, 3_800_000)
    entry = FundEntry.objects.get()
    assert (entry.unit, entry.year, entry.kind, entry.amount, entry.award) == (
        tree["root"], 2026, EntryKind.PAYMENT, 3_800_000, award)
    recorder = issuer(tree["root"])
    assert AuditEvent.objects.filter(action="decision.sign", target_id=decision.pk, actor=recorder).exists()
    assert AuditEvent.objects.filter(action="award.record", target_id=award.pk, actor=recorder).exists()
    assert AuditEvent.objects.filter(action="document.create", target_id=doc.pk).exists()


@pytest.mark.parametrize(("issued_on", "money"), [
    (dt.date(2024, 6, 28), 1_800_000),     # Decree 98/2023: 1.0 × 1,800,000 (Decree 24/2023)
    (dt.date(2024, 7, 1), 2_340_000),      # Decree 98/2023: 1.0 × 2,340,000 (Decree 73/2024)
    (dt.date(2025, 7, 1), 3_510_000),      # Decree 152/2025 in force: 1.5 × 2,340,000
    (dt.date(2026, 6, 30), 3_510_000),
    (dt.date(2026, 7, 1), 3_800_000),      # 1.5 × 2,530,000 = 3,795,000 → 3,800,000 (Decree 161/2026)
])
def test_the_base_salary_in_force_on_the_decision_date_applies(secretariat, chairman, tree, person_a, issued_on,
                                                               money):
    decision = make_draft(secretariat, tree["root"], RecipientSpec(kind="BK_TINH", year=2023, person=person_a))
    sign(chairman, decision, issued_on=issued_on)
    assert Award.objects.get(person=person_a).money == money


def test_money_is_rounded_up_to_the_ten_thousand(secretariat, head_a, tree, person_a):
    decision = make_draft(secretariat, tree["a"], RecipientSpec(kind="LDTT", year=2025, person=person_a),
                          summary="Về việc công nhận danh hiệu Lao động tiên tiến năm 2025")
    sign(head_a, decision, issued_on=dt.date(2026, 3, 2), title="GIÁM ĐỐC")
    assert Award.objects.get(person=person_a).money == 710_000  # 0.3 × 2,340,000 = 702,000


def test_only_the_highest_title_of_one_period_is_paid(secretariat, head_a, tree, person_a):
    decision = make_draft(
        secretariat, tree["a"],
        RecipientSpec(kind="LDTT", year=2025, person=person_a),
        RecipientSpec(kind="CSTDCS", year=2025, person=person_a),
        RecipientSpec(kind="GK", year=2025, person=person_a),
        summary="Về việc công nhận danh hiệu thi đua và tặng Giấy khen năm 2025")
    sign(head_a, decision, issued_on=dt.date(2026, 7, 15), title="GIÁM ĐỐC")
    paid = {a.kind: a.money for a in Award.objects.filter(person=person_a)}
    # CSTĐCS 1.0 × 2,530,000; LĐTT not paid beside it; a form of commendation is paid too.
    assert paid == {"CSTDCS": 2_530_000, "LDTT": 0, "GK": 760_000}
    ldtt = decision.recipients.get(kind="LDTT")
    assert ldtt.amount == 760_000 and "Chiến sĩ thi đua cơ sở" in ldtt.paid_note
    assert sum(FundEntry.objects.values_list("amount", flat=True)) == 3_290_000


def test_a_higher_title_decided_later_pays_the_difference(secretariat, head_a, tree, person_a):
    first = make_draft(secretariat, tree["a"], RecipientSpec(kind="LDTT", year=2025, person=person_a),
                       summary="Về việc công nhận danh hiệu Lao động tiên tiến")
    sign(head_a, first, issued_on=dt.date(2026, 7, 2), title="GIÁM ĐỐC")
    later = make_draft(secretariat, tree["a"], RecipientSpec(kind="CSTDCS", year=2025, person=person_a),
                       summary="Về việc công nhận danh hiệu Chiến sĩ thi đua cơ sở")
    sign(head_a, later, issued_on=dt.date(2026, 8, 3), title="GIÁM ĐỐC")
    line = later.recipients.get()
    assert (line.amount, line.paid) == (2_530_000, 1_770_000)
    assert "760.000 đ" in line.paid_note
    assert Award.objects.get(person=person_a, kind="CSTDCS").money == 1_770_000
    # The earlier decision keeps what it paid: together exactly the highest title's money.
    assert sum(FundEntry.objects.values_list("amount", flat=True)) == 2_530_000


def test_a_lower_title_decided_after_a_higher_one_is_not_paid(secretariat, head_a, tree, person_a):
    sign(head_a, make_draft(secretariat, tree["a"], RecipientSpec(kind="CSTDCS", year=2025, person=person_a),
                            summary="CSTĐCS"), title="GIÁM ĐỐC")
    later = make_draft(secretariat, tree["a"], RecipientSpec(kind="LDTT", year=2025, person=person_a), summary="LĐTT")
    sign(head_a, later, issued_on=dt.date(2026, 8, 3), title="GIÁM ĐỐC")
    assert later.recipients.get().paid == 0
    assert Award.objects.get(person=person_a, kind="LDTT").money == 0


def test_titles_of_different_years_are_all_paid(secretariat, head_a, tree, person_a):
    decision = make_draft(secretariat, tree["a"], RecipientSpec(kind="LDTT", year=2024, person=person_a),
                          RecipientSpec(kind="CSTDCS", year=2025, person=person_a), summary="Hai năm")
    sign(head_a, decision, title="GIÁM ĐỐC")
    assert sorted(Award.objects.filter(person=person_a).values_list("money", flat=True)) == [760_000, 2_530_000]


def test_a_provincial_cstd_is_paid_beside_the_years_cstdcs(secretariat, head_a, chairman, tree, person_a):
    """Decree 152 Art. 49(5): titles whose counting time differs are each paid. CSTĐ cấp tỉnh
    counts three years of CSTĐCS (Law Art. 22(1)(a)), so a line with no period of its own is
    not in the period of that year's CSTĐCS, already paid by the department."""
    sign(head_a, make_draft(secretariat, tree["a"], RecipientSpec(kind="CSTDCS", year=2025, person=person_a),
                            summary="CSTĐCS 2025"), issued_on=dt.date(2026, 7, 15), title="GIÁM ĐỐC")
    decision = make_draft(secretariat, tree["root"], RecipientSpec(kind="CSTD_TINH", year=2025, person=person_a),
                          summary="Về việc tặng danh hiệu Chiến sĩ thi đua cấp tỉnh")
    sign(chairman, decision, issued_on=dt.date(2026, 8, 15))
    line = decision.recipients.get()
    assert (line.amount, line.paid, line.paid_note) == (7_590_000, 7_590_000, "")  # 3.0 × 2,530,000 (Art. 50(1)(b))
    paid = {a.kind: a.money for a in Award.objects.filter(person=person_a)}
    assert paid == {"CSTD_TINH": 7_590_000, "CSTDCS": 2_530_000}
    assert sum(FundEntry.objects.values_list("amount", flat=True)) == 10_120_000


def test_a_provincial_cstd_for_the_cstdcs_period_pays_the_difference(secretariat, head_a, chairman, tree, person_a):
    sign(head_a, make_draft(secretariat, tree["a"], RecipientSpec(kind="CSTDCS", year=2025, person=person_a),
                            summary="CSTĐCS 2025"), issued_on=dt.date(2026, 7, 15), title="GIÁM ĐỐC")
    decision = make_draft(secretariat, tree["root"], RecipientSpec(
        kind="CSTD_TINH", year=2025, period_from=2025, period_to=2025, person=person_a), summary="Cùng thời gian")
    sign(chairman, decision, issued_on=dt.date(2026, 8, 15))
    assert decision.recipients.get().paid == 7_590_000 - 2_530_000


def test_a_title_already_in_the_ledger_is_refused_and_nothing_is_written(secretariat, head_a, tree, person_a):
    award_services.award_record(actor=secretariat, person=person_a, kind="LDTT", year=2025,
                                decided_on=dt.date(2026, 2, 2), decision_number="7/QĐ-SNV", today=TODAY)
    decision = make_draft(secretariat, tree["a"], RecipientSpec(kind="LDTT", year=2025, person=person_a),
                          summary="LĐTT")
    with pytest.raises(ApplicationError, match="7/QĐ-SNV"):
        sign(head_a, decision, title="GIÁM ĐỐC")
    decision.refresh_from_db()
    assert (decision.state, decision.number, decision.document) == ("draft", None, None)
    assert Award.objects.count() == 1 and not FundEntry.objects.exists()


@pytest.mark.parametrize("who", ["chairman", "officer_a", "head_a", "secretariat_a"])
def test_only_the_secretariat_of_the_authority_records_the_issue(request, draft, tree, who):
    with pytest.raises(PermissionDenied):
        services.decision_issue(actor=request.getfixturevalue(who), decision=draft, number="01/QĐ-UBND",
                                issued_on=dt.date(2026, 7, 2), signatory=leader(tree["root"]),
                                capacity=Capacity.HEAD, today=TODAY)
    draft.refresh_from_db()
    assert draft.state == "draft" and not AuditEvent.objects.filter(action="decision.sign").exists()


def test_signing_refuses_a_future_date_and_an_early_date(chairman, draft):
    with pytest.raises(ApplicationError) as exc:
        sign(chairman, draft, issued_on=dt.date(2026, 12, 1))
    assert exc.value.message == services.ISSUED_IN_FUTURE
    with pytest.raises(ApplicationError, match="trước năm thành tích 2025"):
        sign(chairman, draft, issued_on=dt.date(2024, 12, 30))


def test_an_empty_draft_cannot_be_signed(secretariat, chairman, tree):
    decision = make_draft(secretariat, tree["root"])
    with pytest.raises(ApplicationError) as exc:
        sign(chairman, decision)
    assert exc.value.message == services.NO_RECIPIENTS


def test_a_signed_decision_is_no_longer_a_draft(secretariat, chairman, draft, person_a):
    sign(chairman, draft)
    with pytest.raises(ApplicationError) as exc:
        services.decision_add_recipients(actor=secretariat, decision=draft,
                                         recipients=[RecipientSpec(kind="BK_TINH", year=2024, person=person_a)])
    assert exc.value.message == services.NOT_A_DRAFT
    with pytest.raises(ApplicationError):
        sign(chairman, draft)


def test_a_decision_from_above_is_recorded_with_its_own_number(secretariat, tree, person_a):
    decision = services.decision_draft(
        actor=secretariat, unit=tree["root"], authority_name="Thủ tướng Chính phủ", symbol="QĐ-TTg",
        summary="Về việc tặng Bằng khen của Thủ tướng Chính phủ",
        recipients=[RecipientSpec(kind="BK_TTG", year=2025, person=person_a)], today=TODAY)
    services.decision_record_issued(actor=secretariat, decision=decision, number=1234, issued_on=dt.date(2026, 9, 8),
                                    signer_name="Nguyễn Văn Thủ", signer_title="KT. THỦ TƯỚNG — PHÓ THỦ TƯỚNG",
                                    today=TODAY)
    award = Award.objects.get(person=person_a)
    # 3.5 × 2,530,000 = 8,855,000 → 8,860,000, paid by the province that proposed it.
    assert (award.decision_number, award.issuer, award.money) == ("1234/QĐ-TTg", "Thủ tướng Chính phủ", 8_860_000)
    assert FundEntry.objects.get().unit == tree["root"]
    again = services.decision_draft(
        actor=secretariat, unit=tree["root"], authority_name="Thủ tướng Chính phủ", symbol="QĐ-TTg", summary="Khác",
        recipients=[RecipientSpec(kind="BK_TTG", year=2024, person=person_a)], today=TODAY)
    with pytest.raises(ApplicationError, match="1234/QĐ-TTg"):
        services.decision_record_issued(actor=secretariat, decision=again, number=1234,
                                        issued_on=dt.date(2026, 10, 1), signer_name="A", signer_title="B",
                                        today=TODAY)


def test_a_recorded_number_past_six_digits_is_refused_not_overflowed(secretariat, tree, person_a):
    decision = services.decision_draft(
        actor=secretariat, unit=tree["root"], authority_name="Thủ tướng Chính phủ", symbol="QĐ-TTg",
        summary="Về việc tặng Bằng khen của Thủ tướng Chính phủ",
        recipients=[RecipientSpec(kind="BK_TTG", year=2025, person=person_a)], today=TODAY)
    for number in (2**31, 2**63, 10**30):
        with pytest.raises(ApplicationError) as caught:
            services.decision_record_issued(actor=secretariat, decision=decision, number=number,
                                            issued_on=dt.date(2026, 9, 8), signer_name="Nguyễn Văn Thủ",
                                            signer_title="PHÓ THỦ TƯỚNG", today=TODAY)
        assert caught.value.message == services.NUMBER_TOO_BIG and caught.value.extra == {"field": "number"}
    assert not Award.objects.exists()
