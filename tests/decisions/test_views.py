"""Decision pages: scope refusals, the draft editor, signing, revocation, the fund and the export."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tests.conftest import login, make_person, page_with_panels, same_page
from tests.decisions.conftest import issuer, leader, make_draft, sign, signed_pdf
from tests.xlsx_cells import AT, NAME, assert_text_cells
from thidua.awards.models import Award
from thidua.decisions.models import Capacity, Decision, EntryKind, FundEntry
from thidua.decisions.services import RecipientSpec


@pytest.fixture
def signed(chairman, draft):
    return sign(chairman, draft)


@pytest.fixture
def draft_a(secretariat, tree, person_a):
    return make_draft(secretariat, tree["a"], RecipientSpec(kind="GK", year=2025, person=person_a),
                      summary="Về việc tặng Giấy khen của Giám đốc Sở Nội vụ")


def _urls(decision, line=None):
    line = line or decision.recipients.first()
    return {
        "detail": reverse("decisions:detail", args=[decision.pk]),
        "edit": reverse("decisions:edit", args=[decision.pk]),
        "add": reverse("decisions:recipient_add", args=[decision.pk]),
        "dossier_add": reverse("decisions:dossier_add", args=[decision.pk]),
        "remove": reverse("decisions:recipient_remove", args=[decision.pk, line.pk]),
        "justify": reverse("decisions:recipient_justify", args=[decision.pk, line.pk]),
        "cancel": reverse("decisions:transition", args=[decision.pk, "huy-du-thao"]),
        "sign": reverse("decisions:transition", args=[decision.pk, "ky"]),
        "revoke": reverse("decisions:revoke", args=[decision.pk]),
        "payment_list": reverse("decisions:payment_list", args=[decision.pk]),
        "fund_year": reverse("decisions:fund_year", args=[decision.unit.pk, 2026]),
    }


@pytest.mark.parametrize("name", ["detail", "edit", "add", "dossier_add", "remove", "justify", "cancel", "sign",
                                  "revoke", "payment_list", "fund_year"])
def test_it_refuses_out_of_scope(client, officer_b, draft, signed, name):
    login(client, officer_b)
    for decision in (draft, signed):
        url = _urls(decision)[name]
        assert client.get(url).status_code in (404, 405), url
        assert client.post(url, {}).status_code == 404, url


def test_anonymous_is_sent_to_login(client, draft):
    for url in [*_urls(draft).values(), reverse("decisions:list"), reverse("decisions:fund")]:
        response = client.get(url)
        assert response.status_code in (302, 405) and (
            response.status_code == 405 or "/tai-khoan/dang-nhap/" in response["Location"]), url


@pytest.mark.parametrize("name", ["edit", "add", "dossier_add", "remove", "justify", "cancel", "sign"])
def test_read_only_users_see_a_department_draft_but_may_not_change_it(client, officer_a, draft_a, name):
    login(client, officer_a)
    assert client.get(_urls(draft_a)["detail"]).status_code == 200
    assert client.post(_urls(draft_a)[name], {"reason": "x", "issued_on": "02/07/2026", "signer_title": "GĐ",
                                               "giai-trinh": "x",
                                               "subject": "p1", "kind": "GK", "year": 2025,
                                               "dossier": 1}).status_code == 403
    draft_a.refresh_from_db()
    assert draft_a.state == "draft" and draft_a.recipients.count() == 1


def test_the_head_justifies_and_the_department_desk_records_the_issue(client, head_a, draft_a, tree):
    login(client, head_a)
    assert client.get(_urls(draft_a)["edit"]).status_code == 403
    page = client.get(_urls(draft_a)["detail"]).content.decode()
    assert 'data-testid="sign"' not in page and _urls(draft_a)["edit"] not in page
    client.post(_urls(draft_a)["justify"], {"giai-trinh": "Hoàn thành xuất sắc đợt kiểm tra chuyên đề."})
    # The head signs on paper; recording the issue is the desk's work.
    assert client.get(_urls(draft_a)["sign"]).status_code == 403
    client.logout()
    login(client, issuer(tree["a"]))
    director = leader(tree["a"], full_name="Hoàng Văn Cường")
    page = client.get(_urls(draft_a)["sign"]).content.decode()
    assert "Hoàng Văn Cường" in page and "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC" in page and "TM. ỦY BAN" not in page
    response = client.post(_urls(draft_a)["sign"], {
        "number": "57/QĐ-SNV", "issued_on": "02/07/2026", "signatory": director.pk, "capacity": Capacity.HEAD,
        "signed_file": signed_pdf()})
    assert response.status_code == 302
    draft_a.refresh_from_db()
    assert (draft_a.number_text, draft_a.signer_name, draft_a.signer_title) == (
        "57/QĐ-SNV", "Hoàng Văn Cường", "GIÁM ĐỐC")
    page = client.get(_urls(draft_a)["detail"]).content.decode()
    assert 'data-testid="signed-copy"' in page and 'data-testid="attach-signed"' not in page
    download = client.get(reverse("decisions:signed_copy", args=[draft_a.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF-")


def test_an_officer_cannot_sign_and_sees_no_sign_button(client, officer_a, draft_a):
    login(client, officer_a)
    assert 'data-testid="sign"' not in client.get(_urls(draft_a)["detail"]).content.decode()
    assert client.get(_urls(draft_a)["sign"]).status_code == 403


def test_a_signed_decision_is_read_only_for_the_nominees_officer(client, officer_a, signed):
    login(client, officer_a)
    page = client.get(_urls(signed)["detail"])
    assert page.status_code == 200 and "01/QĐ-UBND" in page.content.decode()
    for name in ("revoke", "payment_list"):
        assert client.get(_urls(signed)[name]).status_code == 403, name
    assert client.get(reverse("decisions:fund")).status_code == 403
    listing = client.get(reverse("decisions:list")).content.decode()
    assert "01/QĐ-UBND" in listing


def test_province_drafts_are_not_shown_to_a_department_officer(client, officer_a, draft):
    login(client, officer_a)
    assert draft.summary not in client.get(reverse("decisions:list")).content.decode()
    assert client.get(reverse("decisions:detail", args=[draft.pk])).status_code == 404


def test_the_whole_path_through_the_pages(client, secretariat, chairman, tree, person_a):
    login(client, secretariat)
    response = client.post(reverse("decisions:create"), {
        "authority": tree["root"].pk, "summary": "Về việc tặng Bằng khen của Chủ tịch UBND tỉnh năm 2025",
        "commendation_type": "cong_trang", "symbol": "", "external_name": ""})
    decision = Decision.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("decisions:detail", args=[decision.pk])
    page = client.get(reverse("decisions:detail", args=[decision.pk]), {"q": "nguyen van phong"}).content.decode()
    assert 'data-testid="search-results"' in page and "Nguyễn Văn Phóng" in page and 'value="BK_TINH"' in page
    client.post(reverse("decisions:recipient_add", args=[decision.pk]), {
        "subject": f"p{person_a.pk}", "kind": "BK_TINH", "year": 2025, "achievement": "Hoàn thành xuất sắc"})
    assert decision.recipients.get().person == person_a
    page = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    assert "Bằng khen" in page and 'data-testid="sign"' in page  # the secretariat drafts and records the issue
    # Nobody rated Nguyễn Văn Phóng: the engine does not find him eligible, the line waits for
    # the decision-maker's justification and the secretariat cannot write it.
    assert "Chưa đủ điều kiện theo bộ quy tắc" in page and 'data-testid="waiting-justification"' in page
    assert 'name="giai-trinh"' not in page
    line = decision.recipients.get()
    assert client.post(reverse("decisions:recipient_justify", args=[decision.pk, line.pk]),
                       {"giai-trinh": "Tự viết"}).status_code == 403

    chairman_leader = leader(tree["root"])
    issue = {"number": "01/QĐ-UBND", "issued_on": "02/07/2026", "signatory": chairman_leader.pk,
             "capacity": Capacity.HEAD}
    response = client.post(reverse("decisions:transition", args=[decision.pk, "ky"]), issue)
    assert response.status_code == 200 and "chưa có giải trình của người có thẩm quyền" in response.content.decode()
    client.logout()
    login(client, chairman)
    page = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    assert 'name="giai-trinh"' in page
    client.post(reverse("decisions:recipient_justify", args=[decision.pk, line.pk]),
                {"giai-trinh": "Cứu người trong lũ tháng 9/2025, UBND tỉnh thống nhất khen."})
    client.logout()
    login(client, secretariat)
    response = client.post(reverse("decisions:transition", args=[decision.pk, "ky"]), issue)
    assert response.status_code == 302
    page = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    assert "Cứu người trong lũ tháng 9/2025" in page and "Võ Văn Chủ" in page
    assert "01/QĐ-UBND" in page and "3.800.000 đ" in page and "02/07/2026" in page
    assert 'data-testid="total-paid">3.800.000 đ' in page

    # The person's page shows the award and links its number to the decision.
    client.logout()
    login(client, secretariat)
    person_page = page_with_panels(client, reverse("people:detail", args=[person_a.pk]))
    award = Award.objects.get(person=person_a)
    link = reverse("decisions:by_document", args=[award.document_id])
    assert "3.800.000 đ" in person_page and link in person_page
    assert client.get(link)["Location"] == reverse("decisions:detail", args=[decision.pk])


def test_a_draft_line_is_refused_with_the_reason(client, secretariat, tree, person_a):
    login(client, secretariat)
    decision = make_draft(secretariat, tree["a"], summary="Giấy khen")
    response = client.post(reverse("decisions:recipient_add", args=[decision.pk]), {
        "subject": f"p{person_a.pk}", "kind": "BK_TINH", "year": 2025}, follow=True)
    # A department's draft does not even offer the provincial form.
    assert "Chưa thêm được" in response.content.decode() and not decision.recipients.exists()


def test_revocation_through_the_form(client, chairman, signed, person_a):
    award = Award.objects.get(person=person_a)
    login(client, chairman)
    form = client.get(reverse("decisions:revoke", args=[signed.pk])).content.decode()
    assert "Nguyễn Văn Phóng" in form
    head = leader(signed.authority, full_name="Võ Văn Chủ")
    # Issued as every decision is: the number the văn thư registered, the leader who signed.
    taken = client.post(reverse("decisions:revoke", args=[signed.pk]), {
        "awards": [award.pk], "authority": signed.authority.pk, "ground": "a", "reason": "Khai man thành tích",
        "issued_on": "05/10/2026", "number": signed.number_text, "signatory": head.pk, "capacity": "head"})
    assert "đã được ghi cho một quyết định khác" in taken.content.decode() and not Decision.objects.filter(
        kind="revocation").exists()
    response = client.post(reverse("decisions:revoke", args=[signed.pk]), {
        "awards": [award.pk], "authority": signed.authority.pk, "ground": "a", "reason": "Khai man thành tích",
        "issued_on": "05/10/2026", "number": "02/QĐ-UBND", "signatory": head.pk, "capacity": "head",
        "signed_file": signed_pdf()})
    revocation = Decision.objects.get(kind="revocation")
    assert response.status_code == 302 and response["Location"] == reverse("decisions:detail", args=[revocation.pk])
    assert revocation.signer_name == "Võ Văn Chủ" and revocation.document.file
    award.refresh_from_db()
    assert award.revoked and award.revoked_reason == (
        "Gian dối trong việc kê khai công trạng, thành tích để được khen thưởng (điểm a khoản 2 Điều 93 Luật Thi đua, "
        "khen thưởng). Khai man thành tích")
    page = client.get(reverse("decisions:detail", args=[signed.pk])).content.decode()
    assert "đã hủy bỏ" in page and "<del>" in page
    award_page = client.get(reverse("awards:detail", args=[award.pk])).content.decode()
    assert "Đã hủy bỏ, thu hồi" in award_page and "02/QĐ-UBND" in award_page
    # The person's page keeps the award, struck through, marked with the revoking decision.
    person_page = page_with_panels(client, reverse("people:detail", args=[person_a.pk]))
    assert "<del>" in person_page and "Bằng khen" in person_page.split("<del>", 2)[1]
    marker = person_page.split('data-testid="revocation">', 1)[1].split("</div>", 1)[0]
    assert "02/QĐ-UBND" in marker and "05/10/2026" in marker and "Khai man thành tích" in marker
    assert FundEntry.objects.get(kind=EntryKind.RECOVERY).amount == 3_800_000


def test_the_fund_pages_show_totals_per_year_and_per_decision(client, secretariat, chairman, signed, tree, person_a):
    second = make_draft(secretariat, tree["root"], RecipientSpec(kind="BK_TINH", year=2024, person=person_a))
    sign(chairman, second, issued_on=dt.date(2026, 8, 1))
    login(client, secretariat)
    page = client.get(reverse("decisions:fund")).content.decode()
    assert "UBND tỉnh Thử Nghiệm" in page and "7.600.000 đ" in page
    year = client.get(reverse("decisions:fund_year", args=[tree["root"].pk, 2026])).content.decode()
    assert "01/QĐ-UBND" in year and "02/QĐ-UBND" in year
    assert 'data-testid="year-paid">7.600.000 đ' in year


def test_the_payment_list_export(client, secretariat, chairman, tree, person_a, person_b):
    decision = make_draft(secretariat, tree["root"], RecipientSpec(kind="BK_TINH", year=2025, person=person_a),
                          RecipientSpec(kind="BK_TINH", year=2025, unit=tree["a1"]),
                          RecipientSpec(kind="BK_TINH", year=2025, person=person_b))
    sign(chairman, decision)
    login(client, secretariat)
    response = client.get(reverse("decisions:payment_list", args=[decision.pk]))
    assert response.status_code == 200
    assert "danh-sach-chi-thuong-1-2026.xlsx" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "Danh sách chi tiền thưởng kèm theo Quyết định số 01/QĐ-UBND ngày 02/07/2026"
    assert rows[1] == ["STT", "Họ tên / Tập thể", "Đơn vị", "Danh hiệu / Hình thức", "Số tiền (đồng)", "Ký nhận"]
    assert rows[2] == [1, "Nguyễn Văn Phóng", "Phòng Công chức, viên chức", "Bằng khen cấp bộ, ban, ngành, tỉnh",
                       3_800_000, None]
    # A collective: 3.0 × 2,530,000 = 7,590,000; its unit column names the unit it belongs to.
    assert rows[3] == [2, "Phòng Công chức, viên chức", "Sở Nội vụ", "Bằng khen cấp bộ, ban, ngành, tỉnh", 7_590_000,
                       None]
    assert rows[4][:2] == [3, "Nguyễn Thị Phong"] and rows[4][4] == 3_800_000
    assert rows[5][1] == "Tổng cộng" and rows[5][4] == 15_190_000


def test_the_list_filters_by_state(client, secretariat, draft, signed, tree, person_a):
    other = make_draft(secretariat, tree["root"], RecipientSpec(kind="BK_TINH", year=2024, person=person_a),
                       summary="Dự thảo thứ hai chưa ký")
    login(client, secretariat)
    page = client.get(reverse("decisions:list"), {"trang_thai": "draft"}).content.decode()
    assert other.summary in page and "01/QĐ-UBND" not in page
    page = client.get(reverse("decisions:list"), {"trang_thai": "signed", "nam": 2026}).content.decode()
    assert "01/QĐ-UBND" in page and other.summary not in page


def test_a_document_that_is_not_a_decision_opens_the_document_page(client, secretariat, tree):
    from thidua.documents.models import Document

    doc = Document.objects.create(number="5/KH-UBND", kind="ke_hoach", issuer="UBND tỉnh", summary="Kế hoạch",
                                  unit=tree["root"])
    login(client, secretariat)
    assert client.get(reverse("decisions:by_document", args=[doc.pk]))["Location"] == reverse(
        "documents:detail", args=[doc.pk])


def test_the_document_link_does_not_tell_which_document_ids_exist(client, secretariat, officer_b, chairman, tree,
                                                                   person_a):
    """An outsider asking for a document of Sở Nội vụ, a signed decision of the province, an
    id that was never used or one past any database integer gets the same answer."""
    from thidua.documents.models import Document

    doc = Document.objects.create(number="5/KH-SNV", kind="ke_hoach", issuer="Sở Nội vụ", summary="Kế hoạch",
                                  unit=tree["a"])
    signed = sign(chairman, make_draft(secretariat, tree["root"], RecipientSpec(kind="BK_TINH", year=2025,
                                                                                person=person_a)))
    missing = Document.objects.order_by("-pk").first().pk + 1000
    login(client, officer_b)
    answers = {(r.status_code, same_page(r.content)) for r in (
        client.get(reverse("decisions:by_document", args=[pk]))
        for pk in (doc.pk, signed.document_id, missing, 10**30))}
    assert len(answers) == 1 and next(iter(answers))[0] == 404
    login(client, secretariat)
    assert client.get(reverse("decisions:by_document", args=[signed.document_id]))["Location"] == reverse(
        "decisions:detail", args=[signed.pk])


def test_the_decision_page_does_not_query_per_line(client, secretariat, chairman, tree):
    people = [make_person(tree["a1"], f"Trần Văn {i}") for i in range(12)]
    small = make_draft(secretariat, tree["root"], *[RecipientSpec(kind="BK_TINH", year=2025, person=p)
                                                    for p in people[:2]])
    large = make_draft(secretariat, tree["root"], *[RecipientSpec(kind="BK_TINH", year=2025, person=p)
                                                    for p in people])
    sign(chairman, small)
    sign(chairman, large)
    login(client, secretariat)
    counts = []
    for decision in (small, large):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("decisions:detail", args=[decision.pk])).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_the_payment_list_writes_user_text_as_text(client, secretariat, chairman, tree, person_a):
    from thidua.org.models import Unit
    from thidua.people.models import Person

    Person.objects.filter(pk=person_a.pk).update(full_name=NAME)
    Unit.objects.filter(pk=tree["a1"].pk).update(name=AT)
    person_a.refresh_from_db()
    decision = make_draft(secretariat, tree["root"], RecipientSpec(kind="BK_TINH", year=2025, person=person_a),
                          RecipientSpec(kind="BK_TINH", year=2025, unit=tree["a1"]))
    sign(chairman, decision)
    response = login(client, secretariat).get(reverse("decisions:payment_list", args=[decision.pk]))
    assert_text_cells(response.content, NAME, AT)


def test_an_issued_decision_offers_no_edit_form(client, secretariat, signed):
    """Issued, it never changes: the edit page sends back to the decision, saying why."""
    login(client, secretariat)
    response = client.get(reverse("decisions:edit", args=[signed.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("decisions:detail", args=[signed.pk])
    assert "chỉ dự thảo mới sửa" in response.content.decode()


def test_a_draft_offers_each_form_by_its_full_name(client, secretariat, draft, person_a):
    login(client, secretariat)
    page = client.get(reverse("decisions:detail", args=[draft.pk]) + "?q=nguyen van phong").content.decode()
    assert '<option value="BK_TINH">Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Thử Nghiệm</option>' in page
    assert "(BK_TINH)" not in page
