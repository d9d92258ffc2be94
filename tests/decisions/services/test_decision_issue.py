"""Issuing a decision as the office records it: the leaders' list its secretariat keeps, the
capacity each leader may sign in (Nghị định 30/2020/NĐ-CP, Art. 13), the signed copy
attached once, and an issued decision that no longer changes."""

import datetime as dt

import pytest

from tests.conftest import make_user
from tests.decisions.conftest import TODAY, issuer, justify_all, leader, make_draft, revoking, sign, signed_pdf
from thidua.core.concurrency import StaleError
from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.core.models import AuditEvent
from thidua.core.roles import Role
from thidua.decisions import services
from thidua.decisions.models import Capacity, Signatory, SignerRank
from thidua.decisions.services import RecipientSpec


@pytest.fixture
def deputy(tree):
    return leader(tree["root"], rank=SignerRank.DEPUTY, full_name="Phạm Văn Phó",
                  position="Phó Chủ tịch Ủy ban nhân dân tỉnh")


def _issue(draft, signatory, capacity, number="1234/QĐ-UBND", **kw):
    return services.decision_issue(actor=issuer(draft.authority), decision=draft, number=number,
                                   issued_on=dt.date(2026, 7, 2), signatory=signatory, capacity=capacity,
                                   today=TODAY, **kw)


def test_the_secretariat_keeps_its_leaders_list(secretariat, tree):
    chairman = services.signatory_add(actor=secretariat, authority=tree["root"], full_name="  Võ   Văn Chủ ",
                                      position="Chủ tịch Ủy ban nhân dân tỉnh", rank=SignerRank.HEAD)
    assert chairman.full_name == "Võ Văn Chủ"
    with pytest.raises(ApplicationError) as exc:
        services.signatory_add(actor=secretariat, authority=tree["root"], full_name="Lê Văn Hai",
                               position="Chủ tịch Ủy ban nhân dân tỉnh", rank=SignerRank.HEAD)
    assert exc.value.extra == {"field": "rank"} and "Võ Văn Chủ" in exc.value.message
    with pytest.raises(ApplicationError) as exc:
        services.signatory_add(actor=secretariat, authority=tree["root"], full_name=" ", position="Phó Chủ tịch",
                               rank=SignerRank.DEPUTY)
    assert exc.value.extra == {"field": "full_name"}
    # The chairman leaves office: the new one can then be added as head.
    services.signatory_update(actor=secretariat, signatory=chairman, full_name="Võ Văn Chủ",
                              position="Chủ tịch Ủy ban nhân dân tỉnh", rank=SignerRank.HEAD, active=False,
                              version=chairman.version)
    services.signatory_add(actor=secretariat, authority=tree["root"], full_name="Lê Văn Hai",
                           position="Chủ tịch Ủy ban nhân dân tỉnh", rank=SignerRank.HEAD)
    with pytest.raises(StaleError):
        services.signatory_update(actor=secretariat, signatory=chairman, full_name="Võ Văn Chủ", position="Khác",
                                  rank=SignerRank.DEPUTY, active=False, version=1)
    assert AuditEvent.objects.filter(action="decision.signatory_add").count() == 2


@pytest.mark.parametrize("who", ["officer_a", "head_a", "department_desk"])
def test_only_the_authority_s_secretariat_keeps_its_list(request, tree, who):
    if who == "department_desk":
        actor = make_user("thuky_so", Role.SECRETARIAT, tree["a"], "Đỗ Thị Sở")
    else:
        actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.signatory_add(actor=actor, authority=tree["root"], full_name="Võ Văn Chủ",
                               position="Chủ tịch Ủy ban nhân dân tỉnh", rank=SignerRank.HEAD)
    with pytest.raises(PermissionDenied):
        services.signing_rules_update(actor=actor, authority=tree["root"], by_order=True, delegated=False)
    assert not Signatory.objects.exists()


def test_capacities_follow_the_authority_and_the_signer(tree, chairman):
    head, deputy = leader(tree["root"]), leader(tree["root"], rank=SignerRank.DEPUTY, full_name="Phạm Văn Phó")
    assert services.capacity_text(Capacity.HEAD, tree["root"], head) == "CHỦ TỊCH"
    assert services.capacity_text(Capacity.DEPUTY_FOR, tree["root"], deputy) == "KT. CHỦ TỊCH — PHÓ CHỦ TỊCH"
    assert services.capacity_text(Capacity.ACTING, tree["root"], deputy) == "Q. CHỦ TỊCH"
    director = leader(tree["a"], full_name="Hoàng Văn Cường")
    sở_deputy = leader(tree["a"], rank=SignerRank.DEPUTY, full_name="Lý Thị Phó")
    assert services.capacity_text(Capacity.HEAD, tree["a"], director) == "GIÁM ĐỐC"
    assert services.capacity_text(Capacity.DEPUTY_FOR, tree["a"], sở_deputy) == "KT. GIÁM ĐỐC — PHÓ GIÁM ĐỐC"
    refusals = [
        (Capacity.HEAD, tree["root"], deputy, "chỉ do người đứng đầu ký"),
        (Capacity.DEPUTY_FOR, tree["root"], head, "ký thay (KT.) là của cấp phó"),
        (Capacity.ACTING, tree["root"], head, "không ký «Q.»"),
        (Capacity.ON_BEHALF, tree["a"], director, "chỉ dùng cho quyết định của Ủy ban nhân dân"),
        # The Chairman's Bằng khen is his own decision, not the People's Committee's.
        (Capacity.ON_BEHALF, tree["root"], head, "không ký «TM. Ủy ban nhân dân»"),
        (Capacity.BY_ORDER, tree["root"], deputy, "chưa cho phép ký «TL.»"),
        (Capacity.DELEGATED, tree["a"], director, "chưa cho phép ký «TUQ.»"),
        ("", tree["root"], head, "hãy chọn cách ký"),
    ]
    for capacity, authority, signer, words in refusals:
        with pytest.raises(ApplicationError) as exc:
            services.capacity_text(capacity, authority, signer)
        assert words in exc.value.message and exc.value.extra == {"field": "capacity"}, capacity
    # TM. is offered at a People's Committee only; TL./TUQ. once its working rules allow them.
    offered = dict(services.capacities(tree["a"]))
    assert set(offered) == {Capacity.HEAD, Capacity.DEPUTY_FOR, Capacity.ACTING}
    assert offered[Capacity.DEPUTY_FOR].startswith("KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC")


def test_delegated_signatures_only_where_the_authority_enables_them(secretariat, tree):
    office = leader(tree["root"], rank=SignerRank.OFFICE_HEAD, full_name="Trịnh Văn Phòng",
                    position="Chánh Văn phòng UBND tỉnh")
    rules = services.signing_rules_update(actor=secretariat, authority=tree["root"], by_order=True, delegated=False)
    assert services.capacity_text(Capacity.BY_ORDER, tree["root"], office) == "TL. CHỦ TỊCH — CHÁNH VĂN PHÒNG UBND TỈNH"
    assert Capacity.BY_ORDER in dict(services.capacities(tree["root"]))
    assert Capacity.DELEGATED not in dict(services.capacities(tree["root"]))
    services.signing_rules_update(actor=secretariat, authority=tree["root"], by_order=False, delegated=True,
                                  version=rules.version)
    with pytest.raises(ApplicationError):
        services.capacity_text(Capacity.BY_ORDER, tree["root"], office)
    assert services.capacity_text(Capacity.DELEGATED, tree["root"], office).startswith("TUQ. CHỦ TỊCH — ")


def test_the_signer_is_an_active_leader_of_the_authority(chairman, draft, tree, deputy):
    justify_all(chairman, draft)
    retired = leader(tree["root"], rank=SignerRank.DEPUTY, full_name="Ngô Văn Cũ")
    retired.active = False
    retired.save()
    elsewhere = leader(tree["a"], rank=SignerRank.DEPUTY, full_name="Lý Thị Phó")
    for signatory, words in ((None, "hãy chọn người đã ký"), (retired, "không còn giữ chức vụ"),
                             (elsewhere, "không có trong danh sách lãnh đạo ký")):
        with pytest.raises(ApplicationError) as exc:
            _issue(draft, signatory, Capacity.DEPUTY_FOR)
        assert words in exc.value.message and exc.value.extra == {"field": "signatory"}
    draft.refresh_from_db()
    assert draft.state == "draft"


def test_the_signed_copy_comes_at_issue_or_once_later(settings, secretariat, chairman, draft, deputy, tree,
                                                      person_b):
    justify_all(chairman, draft)
    with pytest.raises(ApplicationError) as exc:
        _issue(draft, deputy, Capacity.DEPUTY_FOR, signed_file=signed_pdf("scan.docx"))
    assert exc.value.extra == {"field": "signed_file"} and "chỉ nhận .pdf" in exc.value.message
    decision = _issue(draft, deputy, Capacity.DEPUTY_FOR)
    assert not decision.document.file
    officer = make_user("canbo_tinh", Role.UNIT_OFFICER, tree["root"], "Lê Văn Cán")
    with pytest.raises(PermissionDenied):
        services.decision_attach_signed(actor=officer, decision=decision, signed_file=signed_pdf())
    services.decision_attach_signed(actor=secretariat, decision=decision, signed_file=signed_pdf())
    decision.document.refresh_from_db()
    with decision.document.file.open("rb") as stored:
        assert stored.read(5) == b"%PDF-"
    with pytest.raises(ApplicationError) as exc:
        services.decision_attach_signed(actor=secretariat, decision=decision, signed_file=signed_pdf("khac.pdf"))
    assert exc.value.message == services.SIGNED_FILE_PRESENT
    assert AuditEvent.objects.filter(action="decision.attach_signed", target_id=decision.pk).count() == 1
    # A draft has no signed copy to attach.
    other = make_draft(secretariat, tree["root"], RecipientSpec(kind="BK_TINH", year=2025, person=person_b))
    with pytest.raises(ApplicationError):
        services.decision_attach_signed(actor=secretariat, decision=other, signed_file=signed_pdf())


def test_an_issued_decision_is_corrected_by_revocation_and_a_replacing_decision(secretariat, chairman, draft, deputy,
                                                                                person_a, tree):
    decision = sign(chairman, draft, title="KT. CHỦ TỊCH — PHÓ CHỦ TỊCH", number="1234/QĐ-UBND",
                    signed_file=signed_pdf())
    line = decision.recipients.get()
    for attempt in (
        lambda: services.decision_update(actor=secretariat, decision=decision, authority_name="X", symbol="QĐ-UBND",
                                         summary="Sửa", commendation_type="cong_trang"),
        lambda: services.decision_add_recipients(actor=secretariat, decision=decision, recipients=[
            RecipientSpec(kind="BK_TINH", year=2024, person=person_a)]),
        lambda: services.decision_remove_recipient(actor=secretariat, recipient=line),
    ):
        with pytest.raises(ApplicationError) as exc:
            attempt()
        assert exc.value.message == services.NOT_A_DRAFT
    revocation = services.decision_revoke(actor=chairman, awards=[line.award], reason="Ghi sai thành tích",
                                          issued_on=dt.date(2026, 8, 1), today=TODAY,
                                          **revoking(tree["root"], 2026, number="1235/QĐ-UBND"))
    assert revocation.number_text == "1235/QĐ-UBND" and revocation.signer_name == "Võ Văn Chủ"
    replacing = make_draft(secretariat, tree["root"], RecipientSpec(kind="BK_TINH", year=2025, person=person_a),
                           summary="Về việc tặng Bằng khen (thay thế Quyết định số 1234/QĐ-UBND)")
    replaced = sign(chairman, replacing, issued_on=dt.date(2026, 8, 1), number="1236/QĐ-UBND")
    assert replaced.recipients.get().award.decision_number == "1236/QĐ-UBND"


def test_a_decision_from_above_is_recorded_with_its_signed_copy(secretariat, tree, person_a):
    decision = services.decision_draft(
        actor=secretariat, unit=tree["root"], authority_name="Thủ tướng Chính phủ", symbol="QĐ-TTg",
        summary="Về việc tặng Bằng khen của Thủ tướng Chính phủ",
        recipients=[RecipientSpec(kind="BK_TTG", year=2025, person=person_a)], today=TODAY)
    services.decision_record_issued(actor=secretariat, decision=decision, number=1234, issued_on=dt.date(2026, 9, 8),
                                    signer_name="Nguyễn Văn Thủ", signer_title="KT. THỦ TƯỚNG — PHÓ THỦ TƯỚNG",
                                    signed_file=signed_pdf(), today=TODAY)
    decision.refresh_from_db()
    assert decision.document.file.name.endswith(".pdf") and decision.signatory is None
