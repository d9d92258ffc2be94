import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from tests.conftest import login, make_person, page_with_panels
from tests.movements.samples import DIRECTIVE
from tests.xlsx_cells import AT, NAME, assert_text_cells
from thidua.core.models import AuditEvent
from thidua.documents.models import Document
from thidua.movements import services
from thidua.movements.models import Movement, Review
from thidua.registrations.models import RegistrationSheet


def _post_movement(client, **extra):
    data = {"name": "Phong trào thi đua năm 2026", "kind": "thuong_xuyen", "year": "2026", "theme": "Về đích",
            "starts_on": "02/01/2026", "ends_on": "31/12/2026", "registration_deadline": "31/03/2026",
            "participants_subtree": "on", "moc-TOTAL_FORMS": "2", "moc-INITIAL_FORMS": "0",
            "moc-0-kind": "so_ket", "moc-0-title": "Sơ kết 6 tháng", "moc-0-due_on": "30/06/2026",
            "moc-1-kind": "so_ket", "moc-1-title": "", "moc-1-due_on": ""}  # an untouched row, as a browser sends it
    data.update(extra)
    return client.post(reverse("movements:create") + f"?don-vi={data.pop('unit', '')}", data)


def test_secretariat_launches_a_movement_and_sees_its_page(client, secretariat, tree):
    login(client, secretariat)
    response = _post_movement(client, unit=tree["root"].pk)
    movement = Movement.objects.get()
    assert response.status_code == 302 and response.url == reverse("movements:detail", args=[movement.pk])
    assert movement.organiser == tree["root"] and movement.milestones.get().title == "Sơ kết 6 tháng"
    body = page_with_panels(client, response.url)
    assert "Phong trào thi đua năm 2026" in body and "Hạn đăng ký thi đua" in body and "31/03/2026" in body
    assert "Sơ kết 6 tháng" in body and "Chưa đăng ký" in body
    assert AuditEvent.objects.filter(action="movement.create", target_id=movement.pk).exists()


def test_form_errors_are_shown_in_vietnamese_and_nothing_is_saved(client, secretariat, tree):
    login(client, secretariat)
    response = _post_movement(client, unit=tree["root"].pk, ends_on="01/01/2026", **{"moc-0-due_on": "31/02/2026"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Ngày kết thúc phải sau ngày bắt đầu." in body and "Ngày không hợp lệ" in body
    assert not Movement.objects.exists()


def test_list_shows_movements_from_above_and_own_but_not_a_sibling(client, movement, officer_a, officer_b, tree):
    own_b = services.movement_create(actor=officer_b, organiser=tree["b"], name="Thi đua ngành y tế", year=2026)
    login(client, officer_a)
    body = client.get(reverse("movements:list")).content.decode()
    assert movement.name in body and own_b.name not in body
    assert client.get(reverse("movements:detail", args=[own_b.pk])).status_code == 404


def test_it_refuses_out_of_scope(client, movement, officer_a, officer_b, tree):
    own_b = services.movement_create(actor=officer_b, organiser=tree["b"], name="Thi đua ngành y tế", year=2026)
    login(client, officer_a)
    for name in ("movements:detail", "movements:edit", "registrations:movement_progress", "movements:review_create"):
        assert client.get(reverse(name, args=[own_b.pk])).status_code == 404, name
    assert client.post(reverse("movements:clone", args=[own_b.pk]), {"year": 2027}).status_code == 404
    # The province's movement is visible to the officer, but not theirs to change.
    assert client.get(reverse("movements:edit", args=[movement.pk])).status_code == 403
    assert client.post(reverse("movements:clone", args=[movement.pk]), {"year": 2027}).status_code == 403
    assert client.get(reverse("movements:review_create", args=[movement.pk])).status_code == 403
    # Launching for the province is refused; for the officer's own unit it works.
    assert client.get(reverse("movements:create") + f"?don-vi={tree['root'].pk}").status_code == 403
    assert _post_movement(client, unit=tree["root"].pk).status_code == 403
    assert "Sở Nội vụ" in client.get(reverse("movements:create")).content.decode()
    assert _post_movement(client).status_code == 302
    assert Movement.objects.latest("pk").organiser == tree["a"]


def test_a_user_without_movement_rights_cannot_launch(client, head_a):
    login(client, head_a)
    assert client.get(reverse("movements:create")).status_code == 403


def test_edit_and_clone(client, movement, secretariat):
    login(client, secretariat)
    page = client.get(reverse("movements:edit", args=[movement.pk])).content.decode()
    assert "Đoàn kết, sáng tạo, về đích" in page and "30/06/2026" in page
    response = _post_movement(client)  # unchanged helper posts to create; edit below
    data = {"name": "Phong trào thi đua yêu nước năm 2026", "kind": "thuong_xuyen", "year": "2026",
            "registration_deadline": "15/04/2026", "participants_subtree": "on",
            "moc-TOTAL_FORMS": "1", "moc-INITIAL_FORMS": "1", "moc-0-kind": "so_ket", "moc-0-due_on": "30/06/2026"}
    response = client.post(reverse("movements:edit", args=[movement.pk]), data)
    assert response.status_code == 302
    movement.refresh_from_db()
    assert movement.registration_deadline == dt.date(2026, 4, 15)
    response = client.post(reverse("movements:clone", args=[movement.pk]), {"year": "2027"})
    copy = Movement.objects.get(year=2027)
    assert response.url == reverse("movements:edit", args=[copy.pk])
    assert copy.registration_deadline == dt.date(2027, 4, 15)


def test_progress_lists_units_by_state_filters_and_exports(client, movement, secretariat, tree):
    RegistrationSheet.objects.create(unit=tree["a"], year=2026, movement=movement, state="approved")
    RegistrationSheet.objects.create(unit=tree["b"], year=2026, movement=movement, state="submitted")
    login(client, secretariat)
    detail = page_with_panels(client, reverse("movements:detail", args=[movement.pk]))
    assert "33%" in detail  # 1 of 3 participant units approved (the organiser launches it)
    url = reverse("registrations:movement_progress", args=[movement.pk])
    body = client.get(url).content.decode()
    assert "Sở Nội vụ" in body and "Đã duyệt" in body and "Chờ thủ trưởng duyệt" in body
    missing = client.get(url, {"trang-thai": "chua-dang-ky"}, headers={"HX-Request": "true"}).content.decode()
    assert "Phòng Công chức" in missing and "Sở Y tế" not in missing and "<html" not in missing
    book = openpyxl.load_workbook(io.BytesIO(client.get(url, {"xuat": "xlsx"}).content))
    rows = list(book.active.iter_rows(values_only=True))
    assert ("T.A", "Sở Nội vụ", "Đã duyệt", 0) in rows and len(rows) == 2 + 3


def test_the_progress_panel_is_refused_out_of_scope(client, officer_a, officer_b, tree):
    own_b = services.movement_create(actor=officer_b, organiser=tree["b"], name="Thi đua ngành y tế", year=2026)
    url = reverse("registrations:movement_panel", args=[own_b.pk])
    assert client.get(url)["Location"].startswith("/tai-khoan/dang-nhap/")
    response = login(client, officer_a).get(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 404 and "Tiến độ đăng ký thi đua" not in response.content.decode()
    assert "Tiến độ đăng ký thi đua" in login(client, officer_b).get(url, HTTP_HX_REQUEST="true").content.decode()


def test_progress_of_an_officer_covers_only_its_units(client, movement, officer_b, tree):
    login(client, officer_b)
    body = client.get(reverse("registrations:movement_progress", args=[movement.pk])).content.decode()
    assert "Sở Y tế" in body and "Sở Nội vụ" not in body


def test_review_is_recorded_with_figures_and_exemplars(client, movement, secretariat, tree):
    person = make_person(tree["a"], "Đỗ Thị Hạnh", cccd="001190000111")
    login(client, secretariat)
    form = client.get(reverse("movements:review_create", args=[movement.pk])).content.decode()
    assert "Số liệu tính đến hôm nay" in form
    bad = client.post(reverse("movements:review_create", args=[movement.pk]),
                      {"kind": "so_ket", "held_on": "30/06/2026", "exemplar_people": "999999999999"})
    assert "Không tìm thấy cá nhân: 999999999999." in bad.content.decode() and not Review.objects.exists()
    response = client.post(reverse("movements:review_create", args=[movement.pk]),
                           {"kind": "so_ket", "held_on": "30/06/2026", "notes": "Đạt 60% chỉ tiêu.",
                            "exemplar_people": "001190000111", "exemplar_units": [tree["a"].pk]})
    review = Review.objects.get()
    assert response.url == reverse("movements:review", args=[movement.pk, review.pk])
    body = client.get(response.url).content.decode()
    assert "Đỗ Thị Hạnh" in body and "Sở Nội vụ" in body and "Đạt 60% chỉ tiêu." in body
    assert list(review.exemplar_people.all()) == [person]


def test_from_text_prefills_then_saves_document_references_and_movement(client, secretariat, tree):
    login(client, secretariat)
    url = reverse("movements:from_text")
    assert "Nội dung văn bản" in client.get(url).content.decode()
    empty = client.post(url, {"buoc": "doc", "noi_dung": "   "}).content.decode()
    assert "Hãy dán nội dung văn bản" in empty
    page = client.post(url, {"buoc": "doc", "noi_dung": DIRECTIVE}).content.decode()
    assert 'value="01/CT-UBND"' in page and 'value="02/01/2026"' in page
    assert "Đoàn kết, kỷ cương, sáng tạo, về đích" in page and 'value="31/12/2026"' in page
    assert "39-CT/TW" in page and "152/2025/NĐ-CP" in page
    # The confirmation page posts back what the officer checked.
    import re

    refs = re.search(r'name="refs" value="([^"]*)"', page).group(1).replace("&quot;", '"')
    data = {"buoc": "xac-nhan", "refs": refs, "vb-number": "01/CT-UBND", "vb-kind": "chi_thi",
            "vb-issued_on": "02/01/2026", "vb-issuer": "UBND tỉnh Thử Nghiệm",
            "vb-summary": "Về việc phát động phong trào thi đua yêu nước năm 2026",
            "name": "Phong trào thi đua yêu nước năm 2026", "kind": "thuong_xuyen", "year": "2026",
            "theme": "Đoàn kết, kỷ cương, sáng tạo, về đích", "ends_on": "31/12/2026", "participants_subtree": "on",
            "moc-TOTAL_FORMS": "0", "moc-INITIAL_FORMS": "0"}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    movement = Movement.objects.get()
    assert movement.document.number == "01/CT-UBND" and movement.document.issued_on == dt.date(2026, 1, 2)
    assert {d.number for d in movement.attachments.all()} == {"152/2025/NĐ-CP", "39-CT/TW"}
    assert Document.objects.count() == 3


def _confirm_refs(client, url):
    import re

    page = client.post(url, {"buoc": "doc", "noi_dung": DIRECTIVE}).content.decode()
    return page, re.search(r'name="refs" value="([^"]*)"', page).group(1).replace("&quot;", '"')


def test_a_law_cited_by_name_and_date_is_linked_to_the_law_of_that_date_on_file(client, secretariat, tree):
    from thidua.documents.services import document_create

    law = document_create(actor=secretariat, unit=tree["root"], kind="luat", number="06/2022/QH15",
                          issued_on=dt.date(2022, 6, 15), issuer="Quốc hội", summary="Luật Thi đua, khen thưởng")
    login(client, secretariat)
    page, refs = _confirm_refs(client, reverse("movements:from_text"))
    assert "Luật Thi đua, khen thưởng (số 06/2022/QH15) ngày 15/06/2022" in page
    data = {"buoc": "xac-nhan", "refs": refs, "vb-number": "01/CT-UBND", "vb-kind": "chi_thi",
            "vb-issued_on": "02/01/2026", "vb-issuer": "UBND tỉnh Thử Nghiệm", "vb-summary": "Phát động",
            "name": "Phong trào thi đua yêu nước năm 2026", "kind": "thuong_xuyen", "year": "2026",
            "participants_subtree": "on", "moc-TOTAL_FORMS": "0", "moc-INITIAL_FORMS": "0"}
    assert client.post(reverse("movements:from_text"), data).status_code == 302
    assert law in Movement.objects.get().attachments.all()


def test_a_law_not_on_file_is_listed_unlinked_and_no_numberless_record_is_made(client, secretariat, tree):
    login(client, secretariat)
    page, refs = _confirm_refs(client, reverse("movements:from_text"))
    assert "Luật Thi đua, khen thưởng ngày 15/06/2022" in page and "chưa có trong hệ thống, không liên kết" in page
    assert "QH15" not in refs


@pytest.mark.parametrize("raw", ["not json", '{"a": 1}', '[{"number": 5}]', '[{"number": "X", "date": "31/02"}]'])
def test_from_text_drops_malformed_references(client, secretariat, tree, raw):
    login(client, secretariat)
    data = {"buoc": "xac-nhan", "refs": raw, "vb-number": "02/KH-UBND", "vb-kind": "ke_hoach",
            "vb-issuer": "UBND tỉnh", "vb-summary": "Kế hoạch", "name": "Đợt thi đua", "kind": "dot", "year": "2026",
            "moc-TOTAL_FORMS": "0", "moc-INITIAL_FORMS": "0"}
    assert client.post(reverse("movements:from_text"), data).status_code == 302
    assert Document.objects.filter(number="X", issued_on__isnull=False).count() == 0


def test_from_text_reads_a_word_file_and_refuses_other_files(client, secretariat, tree):
    import docx
    from django.core.files.uploadedfile import SimpleUploadedFile

    book = docx.Document()
    for line in DIRECTIVE.splitlines():
        book.add_paragraph(line)
    data = io.BytesIO()
    book.save(data)
    login(client, secretariat)
    url = reverse("movements:from_text")
    page = client.post(url, {"buoc": "doc", "tep": SimpleUploadedFile("chi-thi.docx", data.getvalue())})
    assert 'value="01/CT-UBND"' in page.content.decode()
    refused = client.post(url, {"buoc": "doc", "tep": SimpleUploadedFile("chi-thi.exe", b"MZ")}).content.decode()
    assert "Nội dung văn bản" in refused and "alert-danger" in refused


def test_review_pages_and_launch_from_text_refuse_out_of_scope(client, movement, secretariat, officer_b, head_a,
                                                                 tree):
    own_b = services.movement_create(actor=officer_b, organiser=tree["b"], name="Thi đua ngành y tế", year=2026)
    review = services.review_create(actor=officer_b, movement=own_b, kind="so_ket", held_on=dt.date(2026, 6, 30))
    login(client, head_a)
    assert client.get(reverse("movements:review", args=[own_b.pk, review.pk])).status_code == 404
    # A unit head reads movements but launches none, from a form or from a text.
    assert client.get(reverse("movements:from_text")).status_code == 403
    assert client.post(reverse("movements:from_text"), {"buoc": "doc", "noi_dung": DIRECTIVE}).status_code == 403
    assert not Document.objects.exists()
    # A review belongs to its movement: another movement's id in the URL finds nothing.
    login(client, secretariat)
    assert client.get(reverse("movements:review", args=[movement.pk, review.pk])).status_code == 404


def test_the_progress_export_writes_user_text_as_text(client, movement, secretariat, tree):
    from thidua.org.models import Unit

    Unit.objects.filter(pk=tree["a"].pk).update(name=NAME)
    Unit.objects.filter(pk=tree["b"].pk).update(code=AT)
    response = login(client, secretariat).get(reverse("registrations:movement_progress", args=[movement.pk]),
                                              {"xuat": "xlsx"})
    assert_text_cells(response.content, NAME, AT)
