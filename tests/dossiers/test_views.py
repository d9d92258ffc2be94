"""Dossier pages: scope (404 outside it), read-only users (403 on writes), the pages'
content, the query count of the detail page."""

import datetime as dt
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import login, make_person
from tests.dossiers.conftest import YEAR, add, make_dossier, qualify, upload
from tests.xlsx_cells import AT, MINUS, NAME, PLUS, assert_text_cells
from thidua.core.models import AuditEvent
from thidua.dossiers import services
from thidua.dossiers.models import Dossier, DossierState, ItemState


def _urls(dossier):
    item = dossier.items.first()
    doc = dossier.documents.first()
    get = [reverse(f"dossiers:{n}", args=[dossier.pk]) for n in (
        "detail", "edit", "export", "add_eligible", "add_bloc", "add_manual", "return", "opinions")]
    get += [reverse("dossiers:item", args=[dossier.pk, item.pk]),
            reverse("dossiers:item_template", args=[dossier.pk, item.pk]),
            reverse("dossiers:document", args=[dossier.pk, doc.pk])]
    post = [reverse(f"dossiers:{n}", args=[dossier.pk]) for n in ("check", "review", "assign", "document_add")]
    post += [reverse("dossiers:transition", args=[dossier.pk, step]) for step in ("trinh", "tiep-nhan", "huy")]
    post += [reverse("dossiers:item_justify", args=[dossier.pk, item.pk]),
             reverse("dossiers:item_remove", args=[dossier.pk, item.pk]),
             reverse("dossiers:document_remove", args=[dossier.pk, doc.pk])]
    return get, post


def test_it_refuses_out_of_scope(client, draft, officer_b):
    login(client, officer_b)
    get, post = _urls(draft)
    for url in get:
        assert client.get(url).status_code == 404, url
    for url in post:
        assert client.post(url, {"y-kien": "x"}).status_code == 404, url
    assert draft.title not in client.get(reverse("dossiers:list")).content.decode()
    assert client.get(reverse("dossiers:person_status", args=[draft.items.first().person_id])).status_code == 404


def test_a_read_only_user_gets_403_on_writes(client, draft, council_member):
    login(client, council_member)  # sees the province's dossiers, changes none of them
    assert client.get(reverse("dossiers:detail", args=[draft.pk])).status_code == 200
    item = draft.items.first()
    for url in (reverse("dossiers:edit", args=[draft.pk]), reverse("dossiers:add_eligible", args=[draft.pk]),
                reverse("dossiers:return", args=[draft.pk]), reverse("dossiers:opinions", args=[draft.pk])):
        assert client.get(url).status_code == 403, url
    for url in (reverse("dossiers:transition", args=[draft.pk, "trinh"]), reverse("dossiers:check", args=[draft.pk]),
                reverse("dossiers:item", args=[draft.pk, item.pk]),
                reverse("dossiers:item_remove", args=[draft.pk, item.pk]),
                reverse("dossiers:document_add", args=[draft.pk])):
        assert client.post(url, {"y-kien": "x", "achievement": "x"}).status_code == 403, url
    assert client.get(reverse("dossiers:create")).status_code == 403
    draft.refresh_from_db()
    assert draft.state == DossierState.DRAFT and draft.items.count() == 2


def test_buttons_are_shown_only_to_who_may_press_them(client, draft, officer_a, head_a):
    login(client, officer_a)
    body = client.get(reverse("dossiers:detail", args=[draft.pk])).content.decode()
    assert "Thêm từ danh sách đủ điều kiện" in body and "Trình hồ sơ" not in body
    assert "Phòng Công chức, viên chức, Sở Nội vụ" in body  # the nominee's unit with its parent
    login(client, head_a)
    body = client.get(reverse("dossiers:detail", args=[draft.pk])).content.decode()
    assert "Trình hồ sơ" in body and "Thêm từ danh sách đủ điều kiện" not in body
    assert "Tiếp nhận hồ sơ" not in body


def test_a_new_dossier_is_addressed_where_the_unit_s_proposals_go(client, officer_a, tree):
    login(client, officer_a)
    # A department proposes to the province; its internal office to the department's director.
    for unit, level in ((tree["a"], "tinh"), (tree["a1"], "co_quan")):
        page = client.get(reverse("dossiers:create"), {"don-vi": unit.pk})
        assert page.context["form"].initial["authority_level"] == level
        assert f'<option value="{level}" selected>' in page.content.decode()


def test_build_from_the_eligibility_list(client, officer_a, tree, eligible_a, person_a2, person_weak):
    login(client, officer_a)
    page = client.get(reverse("dossiers:create"), {"ma": "CSTDCS", "nam": YEAR, "don-vi": tree["a"].pk})
    assert "Đề nghị tặng «Chiến sĩ thi đua cơ sở» năm 2025" in page.content.decode()
    # A department's CSTĐCS goes to its director, not to a commune chairman.
    assert page.context["form"].initial["authority_level"] == "co_quan"
    response = client.post(reverse("dossiers:create") + "?ma=CSTDCS", {
        "unit": tree["a"].pk, "authority_level": "co_quan", "commendation_type": "cong_trang", "year": YEAR,
        "title": "Đề nghị tặng CSTĐCS năm 2025"})
    dossier = Dossier.objects.get()
    assert response.url == reverse("dossiers:add_eligible", args=[dossier.pk]) + "?ma=CSTDCS"
    body = client.get(response.url).content.decode()
    assert "Nguyễn Văn Phóng" in body and "Trần Thị Bích Ngọc" in body and "Lý Văn Yếu" not in body
    response = client.post(reverse("dossiers:add_eligible", args=[dossier.pk]),
                           {"ma": "CSTDCS", "chon": [f"p:{eligible_a.pk}", f"p:{person_a2.pk}"]})
    assert response.status_code == 302
    assert set(dossier.items.values_list("person__full_name", "source")) == {
        ("Nguyễn Văn Phóng", "eligibility"), ("Trần Thị Bích Ngọc", "eligibility")}
    # Already proposed: shown, not selectable.
    picker = client.get(reverse("dossiers:add_eligible", args=[dossier.pk]), {"ma": "CSTDCS"}).content.decode()
    assert "đã có trong hồ sơ «Đề nghị tặng CSTĐCS năm 2025»" in picker


def test_detail_shows_verdicts_flags_checklist_and_timeline(client, officer_a, tree, eligible_a, person_weak):
    dossier = make_dossier(officer_a, tree["a"])
    add(officer_a, dossier, eligible_a, person_weak)
    login(client, officer_a)
    body = client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert "✔ đủ điều kiện" in body and "✘ chưa đủ" in body
    assert "Cần xử lý trước khi trình" in body and "Lý Văn Yếu" in body and "cần giải trình" in body
    assert "Thiếu: Tờ trình đề nghị khen thưởng (kèm danh sách)" in body
    assert 'data-kind="ket_qua_bo_phieu" data-complete="0"' in body
    assert "Diễn biến hồ sơ" in body and "Đang lập" in body


def test_detail_query_count_does_not_grow_with_the_list(client, officer_a, tree, eligible_a,
                                                       django_assert_max_num_queries):
    dossier = make_dossier(officer_a, tree["a"])
    add(officer_a, dossier, eligible_a)
    login(client, officer_a)
    url = reverse("dossiers:detail", args=[dossier.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    people = [qualify(officer_a, make_person(tree["a"], f"Cán bộ Số {n}")) for n in range(6)]
    add(officer_a, dossier, *people)
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small)
    with django_assert_max_num_queries(22):
        client.get(url)


def test_submit_shows_every_problem(client, officer_a, head_a, tree, eligible_a):
    dossier = make_dossier(officer_a, tree["a"])
    add(officer_a, dossier, eligible_a)
    login(client, head_a)
    response = client.post(reverse("dossiers:transition", args=[dossier.pk, "trinh"]), follow=True)
    assert "Hồ sơ còn thiếu" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.state == DossierState.DRAFT


def test_return_form_and_resubmission_view(client, received, secretariat, officer_a, head_a):
    first, second = received.items.order_by("search_key")
    login(client, secretariat)
    page = client.get(reverse("dossiers:return", args=[received.pk])).content.decode()
    assert "Báo cáo thành tích chưa rõ, thiếu số liệu cụ thể" in page and "Thiếu văn bản trong thành phần hồ sơ" in page
    response = client.post(reverse("dossiers:return", args=[received.pk]), {
        f"tra-{first.pk}": "1", f"ly-do-{first.pk}": ["thanh_tich_chua_ro", "thieu_minh_chung"],
        f"noi-dung-{first.pk}": ["report"], f"y-kien-{first.pk}": "Bổ sung số liệu.", "y-kien": ""})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.state == ItemState.RETURNED and first.return_codes == ["thanh_tich_chua_ro", "thieu_minh_chung"]
    login(client, officer_a)
    body = client.get(reverse("dossiers:detail", args=[received.pk])).content.decode()
    assert "Hồ sơ bị trả lại để bổ sung, sửa" in body and "Thiếu tài liệu minh chứng thành tích" in body
    item_page = client.get(reverse("dossiers:item", args=[received.pk, first.pk])).content.decode()
    assert "Bị trả lại để sửa" in item_page and "Bổ sung số liệu." in item_page
    # The other item cannot be edited.
    assert client.post(reverse("dossiers:item", args=[received.pk, second.pk]),
                       {"kind": "CSTDCS", "period_from": YEAR, "period_to": YEAR}).status_code == 403
    response = client.post(reverse("dossiers:item", args=[received.pk, first.pk]), {
        "kind": "CSTDCS", "period_from": YEAR, "period_to": YEAR, "achievement": "Đã bổ sung",
        "report_text": "Báo cáo có số liệu."})
    assert response.status_code == 302
    login(client, head_a)
    client.post(reverse("dossiers:transition", args=[received.pk, "trinh-lai"]), {"y-kien": "Đã sửa"})
    login(client, secretariat)
    body = client.get(reverse("dossiers:detail", args=[received.pk]), {"loc": "da-sua"}).content.decode()
    table = body.split('data-testid="items-table"')[1].split("</table>")[0]
    assert "Đã sửa — thẩm định lại" in table and first.subject_name in table and second.subject_name not in table


def test_the_review_form_accepts_the_checked_items_with_the_reviewer_s_remark(client, received, secretariat):
    first, second = received.items.order_by("search_key")
    login(client, secretariat)
    response = client.post(reverse("dossiers:review", args=[received.pk]),
                           {"chon": [first.pk, second.pk], "y-kien": "Đủ thành phần, số liệu khớp sổ."}, follow=True)
    assert "Đã ghi kết quả thẩm định." in response.content.decode()
    assert set(received.items.values_list("state", flat=True)) == {ItemState.ACCEPTED}
    body = client.get(reverse("dossiers:detail", args=[received.pk])).content.decode()
    assert "Đủ thành phần, số liệu khớp sổ." in body


def test_documents_upload_download_and_remove(client, officer_a, tree, eligible_a, officer_b):
    dossier = make_dossier(officer_a, tree["a"])
    add(officer_a, dossier, eligible_a)
    login(client, officer_a)
    client.post(reverse("dossiers:document_add", args=[dossier.pk]),
                {"kind": "to_trinh", "file": upload("to-trinh-15.pdf")})
    doc = dossier.documents.get()
    response = client.get(reverse("dossiers:document", args=[dossier.pk, doc.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert 'filename="to-trinh-15.pdf"' in response["Content-Disposition"]
    client.post(reverse("dossiers:document_remove", args=[dossier.pk, doc.pk]))
    assert not dossier.documents.exists()


def test_export_lists_the_items(client, draft, officer_a):
    login(client, officer_a)
    response = client.get(reverse("dossiers:export", args=[draft.pk]))
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=3, values_only=True))
    assert [(r[1], r[3], r[5]) for r in rows] == [("Nguyễn Văn Phóng", "Chiến sĩ thi đua cơ sở", "Đủ điều kiện"),
                                                  ("Trần Thị Bích Ngọc", "Chiến sĩ thi đua cơ sở", "Đủ điều kiện")]


def test_lists_by_tab_and_late_dossiers_highlighted(client, submitted, secretariat, officer_a, time_machine):
    login(client, secretariat)
    body = client.get(reverse("dossiers:list"), {"tab": "tiep-nhan"}).content.decode()
    assert submitted.title in body and "quá hạn" not in body
    time_machine.move_to(dt.datetime(2026, 3, 9, 9, 0))  # the 3 working days to receive are over
    login(client, secretariat)  # sessions last a working day
    body = client.get(reverse("dossiers:list"), {"tab": "qua-han"}).content.decode()
    assert submitted.title in body and "quá hạn 2 ngày làm việc" in body and "table-danger" in body
    login(client, officer_a)
    assert submitted.title in client.get(reverse("dossiers:list"), {"tab": "cua-don-vi"}).content.decode()
    assert submitted.title not in client.get(reverse("dossiers:list"), {"tab": "tiep-nhan"}).content.decode()


def test_the_unit_sees_the_live_status(client, received, officer_a, person_a):
    login(client, officer_a)
    body = client.get(reverse("dossiers:detail", args=[received.pk])).content.decode()
    assert 'data-testid="dossier-state">Đã tiếp nhận' in body
    status = client.get(reverse("dossiers:person_status", args=[person_a.pk])).content.decode()
    assert "Chiến sĩ thi đua cơ sở" in status and "Chờ thẩm định · Đã tiếp nhận" in status


def test_manual_add_and_justify_through_the_pages(client, officer_a, tree, person_weak):
    dossier = make_dossier(officer_a, tree["a"])
    login(client, officer_a)
    page = client.get(reverse("dossiers:add_manual", args=[dossier.pk]), {"q": "ly van"}).content.decode()
    assert "Lý Văn Yếu" in page
    client.post(reverse("dossiers:add_manual", args=[dossier.pk]) + "?q=ly+van",
                {"doi-tuong": f"p:{person_weak.pk}", "kind": "CSTDCS"})
    item = dossier.items.get()
    assert item.flags == ["ineligible"]
    client.post(reverse("dossiers:item_justify", args=[dossier.pk, item.pk]), {"giai-trinh": "Có thành tích đột xuất"})
    item.refresh_from_db()
    assert item.justified_flags == ["ineligible"]
    assert AuditEvent.objects.filter(action="dossier.item_justify", actor=officer_a).exists()


@pytest.mark.parametrize("step", ["trinh", "khong-co"])
def test_unknown_steps_are_404(client, draft, head_a, step):
    login(client, head_a)
    expected = 302 if step == "trinh" else 404
    assert client.post(reverse("dossiers:transition", args=[draft.pk, step])).status_code == expected


def _locked_bloc_proposals(tree):
    from decimal import Decimal

    from thidua.org.models import Bloc, BlocMembership
    from thidua.pledges.models import Pledge, Proposal, ScoringRound

    bloc = Bloc.objects.create(code="K1", name="Khối các cơ quan tổng hợp", organiser=tree["root"])
    for unit in (tree["a"], tree["b"]):
        BlocMembership.objects.create(bloc=bloc, unit=unit, year=YEAR)
    pledge = Pledge.objects.create(bloc=bloc, year=YEAR, title="Giao ước thi đua năm 2025")
    rnd = ScoringRound.objects.create(pledge=pledge, name="Tổng kết năm 2025", kind="tong_ket", state="locked",
                                      self_score_deadline=dt.date(2025, 12, 10), review_deadline=dt.date(2025, 12, 20))
    return [Proposal.objects.create(round=rnd, unit=tree["a"], code="CO_TINH", rank=1, total=Decimal("95.5")),
            Proposal.objects.create(round=rnd, unit=tree["b"], code="BK_TINH", rank=2, total=Decimal("90"))]


def test_build_from_the_blocs_ranking(client, secretariat, officer_a, tree):
    flag, bk = _locked_bloc_proposals(tree)
    login(client, secretariat)
    response = client.post(reverse("dossiers:create") + f"?ma=CO_TINH&nam={YEAR}&nguon=khoi", {
        "unit": tree["root"].pk, "authority_level": "tinh", "commendation_type": "cong_trang", "year": YEAR,
        "title": "Đề nghị Cờ thi đua, Bằng khen của tỉnh cho các khối"})
    dossier = Dossier.objects.get()
    assert response.url == reverse("dossiers:add_bloc", args=[dossier.pk])
    page = client.get(response.url).content.decode()
    assert ("Khối các cơ quan tổng hợp" in page and "Sở Nội vụ" in page and "95,5" in page) or "95.5" in page
    client.post(response.url, {"chon": [flag.pk, bk.pk]})
    items = {(i.unit.name, i.kind, i.source, i.bloc_proposal_id) for i in dossier.items.select_related("unit")}
    assert items == {("Sở Nội vụ", "CO_TINH", "bloc", flag.pk), ("Sở Y tế", "BK_TINH", "bloc", bk.pk)}
    # A unit sees only the proposals under it.
    own = make_dossier(officer_a, tree["a"], level="tinh", title="Cờ thi đua của Sở")
    login(client, officer_a)
    page = client.get(reverse("dossiers:add_bloc", args=[own.pk])).content.decode()
    assert "Sở Nội vụ" in page and "Sở Y tế" not in page.split('data-testid="bloc-table"')[1]


def test_forward_page_relays_voted_central_dossiers(client, central, secretariat, council_member, officer_a,
                                                    time_machine):
    from thidua.dossiers.services import VoteResult

    services.dossier_open_consultation(actor=secretariat, dossier=central)
    time_machine.move_to(dt.datetime(2026, 3, 17, 9, 0))
    services.dossier_close_consultation(actor=secretariat, dossier=central)
    services.dossier_to_council(actor=secretariat, dossier=central)
    services.dossier_record_votes(actor=council_member, dossier=central,
                                  results={i: VoteResult("agree", tally={"agree": 6, "disagree": 1})
                                           for i in central.items.all()})
    item = central.items.first()
    page = login(client, secretariat).get(reverse("dossiers:item", args=[central.pk, item.pk])).content.decode()
    assert "Đồng ý — Đồng ý: 6, Không đồng ý: 1" in page  # the council's result in words, not its codes
    assert "agree" not in page.split("Kết quả Hội đồng")[1].split("</dd>")[0]
    login(client, officer_a)  # the unit sees its dossier; relaying it upward is the province's
    assert client.get(reverse("dossiers:forward")).status_code == 403
    login(client, secretariat)
    page = client.get(reverse("dossiers:forward")).content.decode()
    assert central.title in page
    response = client.post(reverse("dossiers:forward"), {
        "chon": [central.pk], "title": "Tờ trình Bằng khen TTg", "number": "45/TTr-UBND",
        "to_trinh": upload("to-trinh-ubnd-tinh.pdf"), "bien_ban_binh_xet": upload("bien-ban-hoi-dong-tinh.pdf")})
    upper = Dossier.objects.get(title="Tờ trình Bằng khen TTg")
    assert response.url == reverse("dossiers:detail", args=[upper.pk])
    assert upper.state == DossierState.SENT and upper.items.count() == 1
    login(client, officer_a)
    body = client.get(reverse("dossiers:detail", args=[central.pk])).content.decode()
    assert "Đã trình cấp trên" in body and "Tờ trình Bằng khen TTg" in body
    assert client.get(reverse("dossiers:detail", args=[upper.pk])).status_code == 404  # the province's own


def test_a_press_in_the_wrong_state_says_why(client, submitted, head_a, secretariat):
    login(client, head_a)
    response = client.post(reverse("dossiers:transition", args=[submitted.pk, "trinh"]), follow=True)
    assert "Không thể trình hồ sơ đang ở trạng thái «Đã trình, chờ tiếp nhận»." in response.content.decode()
    login(client, secretariat)
    response = client.get(reverse("dossiers:return", args=[submitted.pk]), follow=True)
    assert "Không thể trả lại hồ sơ đang ở trạng thái «Đã trình, chờ tiếp nhận»." in response.content.decode()


def test_the_export_writes_user_text_as_text(client, draft, officer_a):
    from thidua.dossiers.models import DossierItem

    item = draft.items.order_by("pk").first()
    DossierItem.objects.filter(pk=item.pk).update(subject_name=NAME, justification=MINUS, achievement=PLUS)
    type(draft).objects.filter(pk=draft.pk).update(title=AT)
    response = login(client, officer_a).get(reverse("dossiers:export", args=[draft.pk]))
    assert_text_cells(response.content, NAME, MINUS, PLUS)
