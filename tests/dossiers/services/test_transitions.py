"""Every transition of the workflow and its refusals: wrong role, out of scope, wrong state,
missing documents, flags without justification, quota without justification."""

import datetime as dt

import pytest

from tests.conftest import make_user
from tests.dossiers.conftest import YEAR, add, complete, make_dossier, province_papers, upload
from thidua.awards.services import award_record
from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.core.models import AuditEvent
from thidua.core.roles import Role
from thidua.dossiers import services
from thidua.dossiers.models import DossierEvent, DossierState, ItemState
from thidua.dossiers.services import ReturnNote, VoteResult
from thidua.org.models import Bloc, BlocMembership

S, IS = DossierState, ItemState


def _event(dossier, action):
    return DossierEvent.objects.filter(dossier=dossier, action=action).latest("pk")


# --- submit ----------------------------------------------------------------------------------------


def test_the_head_submits_and_the_receiving_clock_starts(draft, head_a):
    dossier = services.dossier_submit(actor=head_a, dossier=draft, reason="Kính trình Giám đốc Sở")
    assert dossier.state == S.SUBMITTED and dossier.submitted_at is not None
    assert dossier.due_on == dt.date(2026, 3, 5)  # 3 working days after Monday 02/03/2026
    event = _event(dossier, "submit")
    assert (event.from_state, event.to_state, event.actor, event.comment) == ("draft", "submitted", head_a,
                                                                              "Kính trình Giám đốc Sở")
    audit = AuditEvent.objects.get(action="dossier.submit", target_id=dossier.pk)
    assert audit.before["state"] == "Đang lập" and audit.after["state"] == "Đã trình, chờ tiếp nhận"


def test_a_summary_of_achievement_the_record_contradicts_blocks_submission_until_corrected(draft, officer_a,
                                                                                           head_a, eligible_a):
    item = draft.items.get(person=eligible_a)  # rated HTXSNV in 2025 only
    services.dossier_item_update(actor=officer_a, item=item,
                                 achievement="Hoàn thành xuất sắc nhiệm vụ năm 2024 và 2025")
    item.refresh_from_db()
    assert "contradicts" in item.flags
    with pytest.raises(ApplicationError) as exc:
        services.dossier_submit(actor=head_a, dossier=draft)
    assert exc.value.message == (
        f"Tóm tắt thành tích của {eligible_a.full_name} ghi «Hoàn thành xuất sắc nhiệm vụ» năm 2024, nhưng năm "
        "2024 chưa có xếp loại; hãy sửa tóm tắt thành tích cho đúng trước khi trình.")
    # A justification does not cover it: the statement itself must be right.
    services.dossier_item_justify(actor=officer_a, item=item, text="Đơn vị xác nhận")
    with pytest.raises(ApplicationError):
        services.dossier_submit(actor=head_a, dossier=draft)
    services.dossier_item_update(actor=officer_a, item=item, achievement="Hoàn thành xuất sắc nhiệm vụ năm 2025")
    assert services.dossier_submit(actor=head_a, dossier=draft).state == S.SUBMITTED


def test_submit_refuses_the_wrong_role_and_out_of_scope(draft, officer_a, officer_b, tree):
    head_b = make_user("thutruong_b", Role.UNIT_HEAD, tree["b"], "Lâm Văn Bảo")
    for actor in (officer_a, officer_b, head_b):  # the officer builds but does not sign; B is elsewhere
        with pytest.raises(PermissionDenied):
            services.dossier_submit(actor=actor, dossier=draft)
    draft.refresh_from_db()
    assert draft.state == S.DRAFT and not AuditEvent.objects.filter(action="dossier.submit").exists()


def test_submit_refuses_an_empty_dossier_and_a_wrong_state(officer_a, head_a, tree, submitted):
    empty = make_dossier(officer_a, tree["a"], title="Chưa có ai")
    with pytest.raises(ApplicationError) as exc:
        services.dossier_submit(actor=head_a, dossier=empty)
    assert exc.value.message == services.EMPTY_DOSSIER
    with pytest.raises(ApplicationError) as exc:
        services.dossier_submit(actor=head_a, dossier=submitted)
    assert exc.value.message == services.WRONG_STATE % {"action": "trình", "state": "Đã trình, chờ tiếp nhận"}


def test_missing_required_documents_block_submission_and_are_listed(officer_a, head_a, tree, eligible_a):
    dossier = make_dossier(officer_a, tree["a"])
    add(officer_a, dossier, eligible_a)
    services.dossier_document_add(actor=officer_a, dossier=dossier, kind="to_trinh", file=upload())
    with pytest.raises(ApplicationError) as exc:
        services.dossier_submit(actor=head_a, dossier=dossier)
    message = exc.value.message
    assert message.startswith("Hồ sơ còn thiếu: ")
    assert "Biên bản họp Hội đồng Thi đua – Khen thưởng" in message and "Kết quả bỏ phiếu kín" in message
    assert "Báo cáo thành tích của Nguyễn Văn Phóng" in message and "Tờ trình" not in message
    dossier.refresh_from_db()
    assert dossier.state == S.DRAFT


def test_an_ineligible_item_needs_a_justification_to_be_sent(officer_a, head_a, tree, eligible_a, person_weak):
    dossier = make_dossier(officer_a, tree["a"])
    add(officer_a, dossier, eligible_a, person_weak)
    complete(officer_a, dossier)
    with pytest.raises(ApplicationError) as exc:
        services.dossier_submit(actor=head_a, dossier=dossier)
    assert exc.value.message == services.INELIGIBLE_UNJUSTIFIED % "Lý Văn Yếu (Chiến sĩ thi đua cơ sở)"
    services.dossier_item_justify(actor=officer_a, item=dossier.items.get(person=person_weak),
                                  text="Đề nghị xét vì có thành tích đặc biệt trong phòng, chống dịch.")
    assert services.dossier_submit(actor=head_a, dossier=dossier).state == S.SUBMITTED


def test_a_duplicate_needs_a_justification_to_be_sent(officer_a, head_a, secretariat, tree, eligible_a):
    award_record(actor=secretariat, kind="BK_TINH", year=YEAR, decided_on=dt.date(2026, 1, 15), person=eligible_a,
                 decision_number="12/QĐ-UBND")
    dossier = make_dossier(officer_a, tree["a"], title="Giấy khen")
    add(officer_a, dossier, eligible_a, kind="GK")
    complete(officer_a, dossier, kinds=("to_trinh", "bien_ban_binh_xet"))
    dossier.items.update(verdict_eligible=True)  # the GK criteria are not what this test is about
    with pytest.raises(ApplicationError) as exc:
        services.dossier_submit(actor=head_a, dossier=dossier)
    problems = exc.value.extra["problems"]
    assert services.DUPLICATE_UNJUSTIFIED % "Nguyễn Văn Phóng (Giấy khen)" in problems


def _bloc_flags(secretariat, tree):
    bloc = Bloc.objects.create(code="K1", name="Khối tổng hợp", organiser=tree["root"])
    for unit in (tree["a"], tree["b"]):
        BlocMembership.objects.create(bloc=bloc, unit=unit, year=YEAR)
    dossier = make_dossier(secretariat, tree["root"], level="tinh", title="Đề nghị Cờ thi đua của tỉnh")
    add(secretariat, dossier, tree["a"], tree["b"], kind="CO_TINH")
    complete(secretariat, dossier)
    for item in dossier.items.all():
        if item.flags:
            services.dossier_item_justify(actor=secretariat, item=item, text="Khối đã bình xét, xếp hạng.")
    return dossier


def test_an_exceeded_quota_needs_a_justification_kept_with_the_dossier(secretariat, tree):
    dossier = _bloc_flags(secretariat, tree)
    with pytest.raises(ApplicationError) as exc:
        services.dossier_submit(actor=secretariat, dossier=dossier)
    assert exc.value.message.startswith(str(services.QUOTA_UNJUSTIFIED).split("%")[0])
    assert "Khối Khối tổng hợp: đề nghị 2 «Cờ thi đua cấp bộ, ban, ngành, tỉnh», vượt 1" in exc.value.message
    dossier = services.dossier_submit(actor=secretariat, dossier=dossier,
                                      quota_justification="Hai đơn vị đồng hạng nhất, đề nghị Hội đồng xem xét.")
    assert dossier.state == S.SUBMITTED
    assert dossier.quota_justified_by == secretariat and dossier.quota_justified_at is not None
    assert dossier.quota_snapshot[0]["excess"] == 1 and dossier.quota_snapshot[0]["limit"] == "flags_per_bloc"


# --- receive, review, return, resubmit ----------------------------------------------------------


def test_the_secretariat_receives_and_the_review_clock_starts(submitted, secretariat, head_a, officer_b):
    for actor in (head_a, officer_b):
        with pytest.raises(PermissionDenied):
            services.dossier_receive(actor=actor, dossier=submitted)
    with pytest.raises(ApplicationError) as exc:
        services.dossier_receive(actor=secretariat, dossier=submitted, assignee=head_a)
    assert exc.value.message == services.ASSIGNEE_NOT_REVIEWER % "Hoàng Văn Cường"
    dossier = services.dossier_receive(actor=secretariat, dossier=submitted)
    assert dossier.state == S.RECEIVED and dossier.assigned_to == secretariat and dossier.received_at
    assert dossier.due_on == dt.date(2026, 3, 30)  # 20 working days (LAW.md §D4)
    assert _event(dossier, "receive").detail["assigned_to"] == "Trần Thị Thu"


def test_accept_and_exclude_items(received, secretariat, officer_a):
    first, second = received.items.order_by("search_key")
    with pytest.raises(PermissionDenied):
        services.dossier_accept_items(actor=officer_a, dossier=received, accept=[first])
    with pytest.raises(ApplicationError) as exc:
        services.dossier_accept_items(actor=secretariat, dossier=received, exclude={second: " "})
    assert exc.value.message == services.EXCLUDE_NEEDS_REASON % second.subject_name
    dossier = services.dossier_accept_items(actor=secretariat, dossier=received, accept=[first],
                                            exclude={second.pk: "Trùng với đề nghị của đơn vị cấp trên"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert dossier.state == S.UNDER_REVIEW and dossier.due_on == dt.date(2026, 3, 30)  # the clock continues
    assert first.state == IS.ACCEPTED and first.reviewed_by == secretariat
    assert second.state == IS.EXCLUDED and second.review_note == "Trùng với đề nghị của đơn vị cấp trên"


def test_a_flagged_item_is_accepted_only_once_justified(officer_a, head_a, secretariat, tree, person_weak):
    dossier = make_dossier(officer_a, tree["a"])
    (item,) = add(officer_a, dossier, person_weak)
    complete(officer_a, dossier)
    services.dossier_item_justify(actor=officer_a, item=item, text="Giải trình của đơn vị.")
    services.dossier_submit(actor=head_a, dossier=dossier)
    services.dossier_receive(actor=secretariat, dossier=dossier)
    item.refresh_from_db()
    assert services.dossier_accept_items(actor=secretariat, dossier=dossier, accept=[item]).state == S.UNDER_REVIEW


def test_return_per_item_then_correct_only_what_was_returned(received, secretariat, officer_a, head_a):
    first, second = received.items.order_by("search_key")
    services.dossier_accept_items(actor=secretariat, dossier=received, accept=[second])
    with pytest.raises(ApplicationError) as exc:
        services.dossier_return(actor=secretariat, dossier=received, items={first: ReturnNote()})
    assert exc.value.message == services.ITEM_RETURN_NEEDS_REASON % first.subject_name
    with pytest.raises(PermissionDenied):
        services.dossier_return(actor=officer_a, dossier=received, reason="x")
    dossier = services.dossier_return(
        actor=secretariat, dossier=received, codes=["van_ban_chua_dung_the_thuc"], reason="Tờ trình chưa ký.",
        items={first.pk: ReturnNote(codes=("thanh_tich_chua_ro",), fields=("report",),
                                    comment="Bổ sung số liệu năm 2025.")})
    first.refresh_from_db()
    assert dossier.state == S.RETURNED and dossier.due_on == dt.date(2026, 3, 16)  # 10 working days to correct
    assert first.state == IS.RETURNED and first.return_codes == ["thanh_tich_chua_ro"]
    assert first.return_fields == ["report"] and first.return_comment == "Bổ sung số liệu năm 2025."
    detail = _event(dossier, "return").detail
    assert detail["codes"] == ["Văn bản chưa đúng thể thức, chưa ký, đóng dấu"]
    assert detail["items"][0]["reasons"] == ["Báo cáo thành tích chưa rõ, thiếu số liệu cụ thể"]
    # Only the returned item may change; the accepted one is kept as it was.
    with pytest.raises(ApplicationError) as exc:
        services.dossier_item_update(actor=officer_a, item=second, achievement="Sửa thêm")
    assert exc.value.message == services.ITEM_NOT_EDITABLE % second.subject_name
    services.dossier_item_update(actor=officer_a, item=first, report_text="Báo cáo đã bổ sung số liệu 2025.")
    services.dossier_document_add(actor=officer_a, dossier=dossier, kind="to_trinh", file=upload("to-trinh-ky.pdf"))
    dossier = services.dossier_resubmit(actor=head_a, dossier=dossier, reason="Đã bổ sung")
    first.refresh_from_db()
    second.refresh_from_db()
    assert dossier.state == S.UNDER_REVIEW and dossier.due_on == dt.date(2026, 3, 30)  # the review restarts
    assert first.state == IS.PENDING and first.resubmitted_at is not None
    assert second.state == IS.ACCEPTED and second.resubmitted_at is None
    assert _event(dossier, "resubmit").detail["corrected"] == [first.subject_name]


def test_return_refuses_unknown_codes_and_other_without_comment(received, secretariat):
    item = received.items.first()
    with pytest.raises(ApplicationError) as exc:
        services.dossier_return(actor=secretariat, dossier=received, items={item: ReturnNote(codes=("bua",))})
    assert exc.value.message == services.RETURN_CODE_UNKNOWN % "bua"
    with pytest.raises(ApplicationError) as exc:
        services.dossier_return(actor=secretariat, dossier=received, codes=["khac"])
    assert exc.value.message == services.RETURN_OTHER_NEEDS_COMMENT


def test_cancel_needs_a_reason_and_the_unit(draft, officer_a, secretariat):
    with pytest.raises(ApplicationError) as exc:
        services.dossier_cancel(actor=officer_a, dossier=draft, reason="")
    assert exc.value.message == services.NEEDS_REASON % {"action": "hủy"}
    services.dossier_cancel(actor=officer_a, dossier=draft, reason="Đơn vị lập lại hồ sơ")
    draft.refresh_from_db()
    assert draft.state == S.CANCELLED and draft.due_on is None
    assert set(draft.items.values_list("state", flat=True)) == {IS.WITHDRAWN}


# --- council, decision ----------------------------------------------------------------------------


@pytest.fixture
def at_council(received, secretariat):
    services.dossier_accept_items(actor=secretariat, dossier=received, accept=list(received.items.all()))
    return services.dossier_to_council(actor=secretariat, dossier=received, reason="Trình phiên họp tháng 3")


def test_to_council_needs_every_item_reviewed(received, secretariat):
    first = received.items.order_by("search_key").first()
    services.dossier_accept_items(actor=secretariat, dossier=received, accept=[first])
    with pytest.raises(ApplicationError) as exc:
        services.dossier_to_council(actor=secretariat, dossier=received)
    assert exc.value.message.startswith("Còn 1 trường hợp chưa thẩm định xong")


def test_to_council_then_votes_with_a_lower_form_and_a_partial_meeting(at_council, council_member, officer_a):
    assert at_council.state == S.TO_COUNCIL and at_council.due_on == dt.date(2026, 3, 16)
    first, second = at_council.items.order_by("search_key")
    with pytest.raises(PermissionDenied):
        services.dossier_record_votes(actor=officer_a, dossier=at_council, results={first: VoteResult("agree")})
    with pytest.raises(ApplicationError) as exc:
        services.dossier_record_votes(actor=council_member, dossier=at_council,
                                      results={first: VoteResult("lower", lower_kind="CSTD_TINH")})
    assert exc.value.message == services.VOTE_LOWER_INVALID % {"code": "CSTD_TINH", "name": first.subject_name}
    dossier = services.dossier_record_votes(actor=council_member, dossier=at_council, reference="Phiên 1",
                                            results={first: VoteResult("lower", "LDTT", {"agree": 9, "total": 11})})
    assert dossier.state == S.TO_COUNCIL  # the second item waits for the next meeting
    first.refresh_from_db()
    assert first.state == IS.APPROVED and first.final_kind == "LDTT" and first.vote["tally"]["agree"] == 9
    dossier = services.dossier_record_votes(actor=council_member, dossier=dossier,
                                            results={second.pk: VoteResult("disagree")})
    second.refresh_from_db()
    assert dossier.state == S.VOTED and second.state == IS.REJECTED
    assert dossier.due_on == dt.date(2026, 3, 16)  # 10 working days to decide


def test_a_dossier_the_council_rejected_whole_closes_with_its_reason_and_offers_no_decision(at_council,
                                                                                         council_member, tree):
    from thidua.dossiers import selectors

    dossier = services.dossier_record_votes(actor=council_member, dossier=at_council, reference="Phiên 1",
                                            results={i: VoteResult("disagree") for i in at_council.items.all()})
    assert dossier.state == S.REFUSED and dossier.decided_at is not None and dossier.due_on is None
    event = DossierEvent.objects.filter(dossier=dossier).latest("pk")
    assert (event.action, event.comment) == ("refuse", str(services.ALL_REJECTED))
    assert dossier not in selectors.voted_dossiers(dossier.authority_unit)  # no decision is drafted from it


def test_recall_needs_a_reason(at_council, secretariat):
    with pytest.raises(ApplicationError):
        services.dossier_recall(actor=secretariat, dossier=at_council, reason="")
    assert services.dossier_recall(actor=secretariat, dossier=at_council,
                                   reason="Có đơn phản ánh").state == S.UNDER_REVIEW


@pytest.fixture
def voted(at_council, council_member):
    return services.dossier_record_votes(actor=council_member, dossier=at_council,
                                         results={i: VoteResult("agree") for i in at_council.items.all()})


def test_decision_drafted_then_decided_writes_the_items_award(voted, secretariat, head_a, officer_a):
    with pytest.raises(PermissionDenied):
        services.dossier_mark_decision_drafted(actor=officer_a, dossier=voted)
    dossier = services.dossier_mark_decision_drafted(actor=secretariat, dossier=voted, reference="Dự thảo 7")
    assert dossier.state == S.DECISION_DRAFTED
    first, second = dossier.items.order_by("search_key")
    award = award_record(actor=secretariat, kind="CSTDCS", year=YEAR, decided_on=dt.date(2026, 3, 2),
                         person=first.person, decision_number="25/QĐ-SNV")
    wrong = award_record(actor=secretariat, kind="LDTT", year=YEAR, decided_on=dt.date(2026, 3, 2),
                         person=second.person, decision_number="25/QĐ-SNV")
    with pytest.raises(ApplicationError) as exc:
        services.dossier_mark_decided(actor=head_a, dossier=dossier, awards={second: wrong})
    assert exc.value.message == services.AWARD_MISMATCH % second.subject_name
    dossier = services.dossier_mark_decided(actor=head_a, dossier=dossier, awards={first: award},
                                            decision_number="25/QĐ-SNV")
    first.refresh_from_db()
    second.refresh_from_db()
    assert dossier.state == S.DECIDED and dossier.due_on is None and dossier.decided_at
    assert (first.state, first.award, first.decision_number) == (IS.DECIDED, award, "25/QĐ-SNV")
    assert second.state == IS.REFUSED


def test_the_nominee_s_status_says_when_the_award_was_later_revoked(voted, secretariat, head_a, client):
    from django.urls import reverse

    from tests.conftest import login
    from thidua.awards.services import award_revoke

    dossier = services.dossier_mark_decision_drafted(actor=secretariat, dossier=voted)
    first, _second = dossier.items.order_by("search_key")
    award = award_record(actor=secretariat, kind="CSTDCS", year=YEAR, decided_on=dt.date(2026, 3, 2),
                         person=first.person, decision_number="25/QĐ-SNV")
    services.dossier_mark_decided(actor=head_a, dossier=dossier, awards={first: award}, decision_number="25/QĐ-SNV")
    url = reverse("dossiers:person_status", args=[first.person_id])
    assert "Đã được khen thưởng" in login(client, secretariat).get(url).content.decode()
    # A decided dossier still counts the people it proposed (one awarded, one not).
    listing = client.get(reverse("dossiers:list") + "?tab=tat-ca").content.decode()
    row = listing.split(dossier.title, 1)[1].split("</tr>", 1)[0]
    assert '<td class="text-end">2</td>' in row
    award_revoke(actor=secretariat, award=award, reason="Khai man thành tích", number="40/QĐ-SNV",
                 revoked_on=dt.date(2026, 3, 2))
    status = client.get(url).content.decode()
    assert "Đã được khen thưởng, sau đó bị hủy bỏ (Quyết định số 40/QĐ-SNV)" in status


def test_refuse_needs_a_reason(voted, head_a):
    with pytest.raises(ApplicationError):
        services.dossier_refuse(actor=head_a, dossier=voted, reason=" ")
    dossier = services.dossier_refuse(actor=head_a, dossier=voted, reason="Không đủ tiêu chuẩn")
    assert dossier.state == S.REFUSED
    assert set(dossier.items.values_list("state", flat=True)) == {IS.REFUSED}


# --- a central-level dossier: consultation and forwarding ---------------------------------------


def test_a_kind_requiring_consultation_goes_through_it_before_the_council(central, secretariat, time_machine):
    with pytest.raises(ApplicationError) as exc:
        services.dossier_to_council(actor=secretariat, dossier=central)
    assert exc.value.message == services.CONSULTATION_REQUIRED % "Nguyễn Văn Phóng (Bằng khen của Thủ tướng Chính phủ)"
    with pytest.raises(ApplicationError) as exc:
        services.dossier_open_consultation(actor=secretariat, dossier=central, days=3)
    assert exc.value.message == services.CONSULTATION_DAYS_INVALID % 10
    dossier = services.dossier_open_consultation(actor=secretariat, dossier=central)
    assert dossier.state == S.CONSULTATION and dossier.consultation_starts_on == dt.date(2026, 3, 2)
    assert dossier.consultation_ends_on == dossier.due_on == dt.date(2026, 3, 16)
    assert dossier.items.get().published_at is not None
    with pytest.raises(ApplicationError) as exc:
        services.dossier_close_consultation(actor=secretariat, dossier=dossier)
    assert exc.value.message == services.CONSULTATION_NOT_OVER % "16/03/2026"
    time_machine.move_to(dt.datetime(2026, 3, 17, 9, 0))
    dossier = services.dossier_close_consultation(actor=secretariat, dossier=dossier)
    assert dossier.state == S.UNDER_REVIEW and dossier.consultation_closed_at is not None
    assert services.dossier_to_council(actor=secretariat, dossier=dossier).state == S.TO_COUNCIL


def test_no_consultation_for_kinds_that_do_not_require_it(received, secretariat):
    services.dossier_accept_items(actor=secretariat, dossier=received, accept=list(received.items.all()))
    with pytest.raises(ApplicationError) as exc:
        services.dossier_open_consultation(actor=secretariat, dossier=received)
    assert exc.value.message == services.NO_CONSULTATION_NEEDED


def test_forward_creates_the_upper_dossier_sent_out_of_the_tree(central, secretariat, council_member, head_root,
                                                               tree, time_machine):
    services.dossier_open_consultation(actor=secretariat, dossier=central)
    time_machine.move_to(dt.datetime(2026, 3, 17, 9, 0))
    services.dossier_close_consultation(actor=secretariat, dossier=central)
    services.dossier_to_council(actor=secretariat, dossier=central)
    (item,) = central.items.all()
    dossier = services.dossier_record_votes(actor=council_member, dossier=central, results={item: VoteResult("agree")})
    with pytest.raises(ApplicationError) as exc:
        services.dossier_mark_decision_drafted(actor=secretariat, dossier=dossier)
    assert exc.value.message == services.CENTRAL_FORWARD
    upper = services.dossier_forward(actor=secretariat, dossiers=[dossier], title="Tờ trình đề nghị Bằng khen TTg",
                                     number="45/TTr-UBND", papers=province_papers())
    dossier.refresh_from_db()
    item.refresh_from_db()
    assert dossier.state == S.FORWARDED and dossier.forwarded_to == upper and item.state == IS.FORWARDED
    assert upper.state == S.SENT and upper.unit == tree["root"] and upper.authority_unit is None
    assert upper.external_authority == "Thủ tướng Chính phủ (qua Bộ Nội vụ)"
    copy = upper.items.get()
    assert copy.source_item == item and copy.state == IS.PENDING and copy.justification == item.justification
    own = upper.documents.get(kind="to_trinh", carried_from=None)
    assert (own.name, own.uploaded_by) == ("to-trinh-ubnd-tinh.pdf", secretariat)
    carried = upper.documents.get(kind="to_trinh", carried_from=dossier)  # the unit's paper, not the province's
    assert carried.name == "to_trinh.pdf" and carried.file.name == dossier.documents.get(kind="to_trinh").file.name
    # The central answer, recorded by the province.
    award = award_record(actor=secretariat, kind="BK_TTG", year=YEAR, decided_on=dt.date(2026, 3, 17),
                         person=item.person, decision_number="310/QĐ-TTg")
    upper = services.dossier_mark_decided(actor=head_root, dossier=upper, awards={copy: award},
                                          decision_number="310/QĐ-TTg")
    assert upper.state == S.DECIDED and upper.items.get().state == IS.DECIDED
    from thidua.dossiers.selectors import item_status

    assert item_status(item) == "Đã trình cấp trên: Đã được khen thưởng"


def test_may_mirrors_the_table(draft, officer_a, head_a, secretariat, officer_b):
    assert services.may(officer_a, draft, "edit") and not services.may(officer_a, draft, "submit")
    assert services.may(head_a, draft, "submit") and not services.may(head_a, draft, "edit")
    assert not services.may(secretariat, draft, "receive")
    assert not services.may(officer_b, draft, "edit")


def test_a_unit_s_own_head_cannot_decide_a_dossier_it_sent_upward(officer_a, head_a, head_root, secretariat, tree,
                                                                 eligible_a):
    # Sở A's head signs for Sở A; a dossier Sở A sends to the province is the province's to decide.
    dossier = make_dossier(officer_a, tree["a"], level="tinh", title="Đề nghị Bằng khen của Chủ tịch UBND tỉnh")
    (item,) = add(officer_a, dossier, eligible_a, kind="BK_TINH")
    complete(officer_a, dossier, kinds=("to_trinh", "bien_ban_binh_xet"))
    item.refresh_from_db()
    if item.flags:
        services.dossier_item_justify(actor=officer_a, item=item, text="Thành tích xuất sắc hai năm liền.")
    services.dossier_submit(actor=head_a, dossier=dossier)
    services.dossier_receive(actor=secretariat, dossier=dossier)
    services.dossier_accept_items(actor=secretariat, dossier=dossier, accept=[item])
    services.dossier_to_council(actor=secretariat, dossier=dossier)
    voted = services.dossier_record_votes(actor=secretariat, dossier=dossier, results={item: VoteResult("agree")})
    for action in (lambda who: services.dossier_refuse(actor=who, dossier=voted, reason="Không đủ tiêu chuẩn"),
                   lambda who: services.dossier_mark_decision_drafted(actor=who, dossier=voted)):
        with pytest.raises(PermissionDenied):
            action(head_a)
    assert services.dossier_refuse(actor=head_root, dossier=voted, reason="Không đủ tiêu chuẩn").state == S.REFUSED
