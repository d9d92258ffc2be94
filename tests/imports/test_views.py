import datetime as dt
import io
from html import unescape

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.conftest import login, make_person
from tests.imports.conftest import HEADERS, xlsx_upload
from thidua.accounts.models import RoleGrant
from thidua.core import uploads
from thidua.core.models import AuditEvent
from thidua.imports import services
from thidua.imports.models import ImportBatch
from thidua.people.models import Evaluation, Person

GOOD_ROWS = [
    # person_a, found by CCCD; no gender needed for an existing person
    ["T.A.1", "Nguyễn Văn Phóng", None, None, "001085012345", "", 2025, "HTXSNV", None, None],
    ["T.A", "Bùi Thị Lan", "Nữ", dt.date(1991, 1, 2), "012345678901", "Chuyên viên", 2025, "httnv", 12, ""],
    ["T.A", "Đỗ Văn Hùng", "nam", "15/08/1988", None, "Văn thư", 2025, "hoàn thành nhiệm vụ", 10, "Nghỉ ốm 2 tháng"],
]


def upload(client, rows, **kw):
    return client.post(reverse("imports:people"), {"file": xlsx_upload(rows, **kw)})


def batch_of(response) -> ImportBatch:
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportBatch.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


def counts():
    return Person.objects.count(), Evaluation.objects.count()


# --- access ---------------------------------------------------------------------------------

BATCH_VIEWS = ["imports:preview", "imports:result"]


@pytest.fixture
def batch_a(client, officer_a, person_a):
    batch = batch_of(upload(login(client, officer_a), GOOD_ROWS))
    client.logout()
    return batch


@pytest.mark.parametrize("name", BATCH_VIEWS)
def test_it_refuses_out_of_scope(client, officer_b, batch_a, name):
    response = login(client, officer_b).get(reverse(name, args=[batch_a.pk]))
    assert response.status_code == 404


def test_another_user_cannot_confirm(client, officer_b, batch_a):
    response = login(client, officer_b).post(reverse("imports:confirm", args=[batch_a.pk]))
    assert response.status_code == 404
    assert Evaluation.objects.count() == 0
    batch_a.refresh_from_db()
    assert batch_a.state == ImportBatch.Status.PREVIEW


def test_even_the_secretariat_does_not_see_another_users_batch(client, secretariat, batch_a):
    assert login(client, secretariat).get(reverse("imports:preview", args=[batch_a.pk])).status_code == 404


@pytest.mark.parametrize(("name", "args", "method"), [
    ("imports:people", [], "get"), ("imports:people", [], "post"), ("imports:template", [], "get"),
    ("imports:preview", [1], "get"), ("imports:confirm", [1], "post"), ("imports:result", [1], "get"),
])
def test_anonymous_is_sent_to_login(client, tree, name, args, method):
    response = getattr(client, method)(reverse(name, args=args))
    assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]


def test_a_user_without_the_right_to_change_people_gets_403(client, head_a):
    login(client, head_a)
    assert client.get(reverse("imports:people")).status_code == 403
    assert client.get(reverse("imports:template")).status_code == 403
    response = client.post(reverse("imports:people"), {"file": xlsx_upload(GOOD_ROWS[1:])})
    assert response.status_code == 403
    assert not ImportBatch.objects.exists()


def test_confirm_needs_post(client, officer_a, batch_a):
    response = login(client, officer_a).get(reverse("imports:confirm", args=[batch_a.pk]))
    assert response.status_code == 405


# --- template -------------------------------------------------------------------------------


def test_template_has_headers_dropdowns_and_the_units_in_scope(client, officer_a, tree):
    response = login(client, officer_a).get(reverse("imports:template"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["Danh sách", "Danh mục", "Hướng dẫn"]
    ws = wb["Danh sách"]
    assert [c.value for c in ws[1]] == HEADERS
    assert ws.max_row == 1, "no example row among the data rows"
    assert ws.column_dimensions["B"].width > 20
    assert ws["A1"].font.bold
    lists = wb["Danh mục"]
    assert lists.sheet_state == "hidden"
    assert [r for r in lists.iter_rows(min_row=2, max_col=2, values_only=True) if any(r)] == [
        ("T.A", "Sở Nội vụ"), ("T.A.1", "Phòng Công chức, viên chức")]
    # The position groups the statistics count, offered in words beside the units.
    groups = [r[0] for r in lists.iter_rows(min_row=2, min_col=4, max_col=4, values_only=True) if r[0]]
    assert groups[0] == "Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên" and "Doanh nhân" in groups
    validations = {dv.formula1: str(dv.sqref) for dv in ws.data_validations.dataValidation if dv.type == "list"}
    assert validations['"Nam,Nữ"'].startswith("C2:")
    # ratings offered in words (the import still reads the abbreviations of older files)
    ratings = '"Hoàn thành xuất sắc nhiệm vụ,Hoàn thành tốt nhiệm vụ,Hoàn thành nhiệm vụ,Không hoàn thành nhiệm vụ"'
    assert validations[ratings].startswith("H2:")
    assert validations["'Danh mục'!$A$2:$A$3"].startswith("A2:")
    guide = " ".join(str(c) for r in wb["Hướng dẫn"].iter_rows(values_only=True) for c in r if c)
    assert "Hướng dẫn" in guide and "12 chữ số" in guide


def test_template_of_the_secretariat_lists_every_active_unit(client, secretariat, tree):
    tree["b"].active_until = dt.date(2025, 7, 1)
    tree["b"].save()
    response = login(client, secretariat).get(reverse("imports:template"))
    lists = load_workbook(io.BytesIO(response.content))["Danh mục"]
    assert [r[0] for r in lists.iter_rows(min_row=2, max_col=1, values_only=True) if r[0]] == ["T", "T.A", "T.A.1"]


# --- the happy path ---------------------------------------------------------------------------


def test_good_file_previews_then_imports_everything(client, officer_a, person_a):
    login(client, officer_a)
    page = client.get(reverse("imports:people")).content.decode()
    assert reverse("imports:template") in page and 'enctype="multipart/form-data"' in page

    batch = batch_of(upload(client, GOOD_ROWS))
    assert counts() == (1, 0), "the preview saves nothing"
    assert (batch.state, batch.rows_total, batch.rows_ok, batch.errors) == ("preview", 3, 3, [])
    assert {k: batch.summary[k] for k in ("people_new", "people_existing", "ratings_new", "ratings_changed")} == {
        "people_new": 2, "people_existing": 1, "ratings_new": 3, "ratings_changed": 0}
    body = client.get(reverse("imports:preview", args=[batch.pk])).content.decode()
    assert 'data-count="people_new">2<' in body and 'data-count="people_existing">1<' in body
    assert "Thêm mới" in body and "Cập nhật xếp loại" in body and "Bùi Thị Lan" in body
    assert "<td>Hoàn thành xuất sắc nhiệm vụ</td>" in body and "<td>HTXSNV</td>" not in body  # ratings in words
    assert "disabled" not in body.split("Xác nhận nhập")[0].rsplit("<button", 1)[1]

    response = client.post(reverse("imports:confirm", args=[batch.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("imports:result", args=[batch.pk])
    batch.refresh_from_db()
    assert batch.state == "done" and batch.finished_at is not None
    lan = Person.objects.get(cccd="012345678901")
    assert (lan.full_name, lan.gender, lan.birth_date, lan.position, lan.current_unit.code) == (
        "Bùi Thị Lan", "nu", dt.date(1991, 1, 2), "Chuyên viên", "T.A")
    hung = Person.objects.get(full_name="Đỗ Văn Hùng")
    assert (hung.gender, hung.birth_date, hung.cccd) == ("nam", dt.date(1988, 8, 15), None)
    assert hung.employments.get().unit.code == "T.A"
    ratings = {(e.person.full_name, e.year): (e.rating, e.months_worked, e.note, e.unit.code)
               for e in Evaluation.objects.select_related("person", "unit")}
    assert ratings == {
        ("Nguyễn Văn Phóng", 2025): ("HTXSNV", 12, "", "T.A.1"),
        ("Bùi Thị Lan", 2025): ("HTTNV", 12, "", "T.A"),
        ("Đỗ Văn Hùng", 2025): ("HTNV", 10, "Nghỉ ốm 2 tháng", "T.A"),
    }
    assert Person.objects.count() == 3
    assert AuditEvent.objects.filter(action="person.create", actor=officer_a).count() == 2
    assert AuditEvent.objects.filter(action="evaluation.set", actor=officer_a).count() == 3
    event = AuditEvent.objects.get(action="people.import")
    assert (event.actor, event.target_type, event.target_id) == (officer_a, "imports.importbatch", batch.pk)
    assert event.after["people_created"] == 2 and event.after["ratings_created"] == 3
    assert event.unit_path == person_a.current_unit.path[:8]  # Sở A, the unit above both
    assert "Nhập từ Excel" in AuditEvent.objects.filter(action="person.create").first().reason

    body = client.get(response["Location"]).content.decode()
    assert 'data-count="people_created">2<' in body and 'data-count="ratings_created">3<' in body
    assert reverse("people:detail", args=[lan.pk]) in body and reverse("people:list") in body


def test_confirming_twice_imports_once(client, officer_a, person_a):
    login(client, officer_a)
    batch = batch_of(upload(client, GOOD_ROWS))
    client.post(reverse("imports:confirm", args=[batch.pk]))
    before = counts(), AuditEvent.objects.count()
    response = client.post(reverse("imports:confirm", args=[batch.pk]), follow=True)
    assert str(services.BATCH_NOT_PENDING) in response.content.decode()
    assert (counts(), AuditEvent.objects.count()) == before
    assert client.get(reverse("imports:preview", args=[batch.pk])).status_code == 302


def test_reimporting_the_same_file_changes_nothing(client, officer_a, person_a):
    login(client, officer_a)
    client.post(reverse("imports:confirm", args=[batch_of(upload(client, GOOD_ROWS)).pk]))
    before = counts()
    batch = batch_of(upload(client, GOOD_ROWS))
    assert batch.errors == [] and batch.summary["people_new"] == 0 and batch.summary["people_existing"] == 3
    assert batch.summary["ratings_same"] == 3
    client.post(reverse("imports:confirm", args=[batch.pk]))
    assert counts() == before
    batch.refresh_from_db()
    assert batch.state == "done" and batch.applied["ratings_same"] == 3


# --- a broken file -----------------------------------------------------------------------------

BROKEN_ROWS = [
    ["T.A", "Bùi Thị Lan", "Nữ", "02/01/1991", "012345678901", "", 2025, "HTTNV", 12, ""],   # 2: fine
    ["T.A", "Đỗ Văn Hùng", "Nam", "15/08/1988", None, "", 2025, "XS", 12, ""],               # 3: rating
    ["T.A", "Phan Văn Tài", "Nam", "31/02/1990", None, "", 2025, "HTNV", 12, ""],            # 4: date
    ["T.B", "Vũ Thị Mai", "Nữ", None, None, "", 2025, "HTNV", 12, ""],                       # 5: unit out of scope
    ["T.A", "Hồ Văn Nam", "Nam", None, "012345678901", "", 2025, "HTNV", 12, ""],            # 6: CCCD of row 2
    ["T.A", None, "Nam", None, None, "", 2025, "HTNV", 12, ""],                              # 7: no name
    ["T.A", "Mai Văn Tú", "Nam", None, 12345678901, "", 2025, "HTNV", 12, ""],               # 8: lost leading 0
]


def test_broken_file_lists_every_error_and_saves_nothing(client, officer_a, person_a, person_b):
    login(client, officer_a)
    before = counts(), AuditEvent.objects.count()
    batch = batch_of(upload(client, BROKEN_ROWS))
    assert (batch.rows_total, batch.rows_ok) == (7, 1)
    got = {(e["row"], e["column"]): e["text"] for e in batch.errors}
    assert got[(3, "Xếp loại")] == ("Dòng 3, cột «Xếp loại»: giá trị «XS» không hợp lệ; chọn một trong: "
                                    "Hoàn thành xuất sắc nhiệm vụ; Hoàn thành tốt nhiệm vụ; Hoàn thành nhiệm vụ; "
                                    "Không hoàn thành nhiệm vụ.")
    assert "dd/mm/yyyy" in got[(4, "Ngày sinh (dd/mm/yyyy)")] and "31/02/1990" in got[(4, "Ngày sinh (dd/mm/yyyy)")]
    assert "không thuộc phạm vi quản lý của bạn" in got[(5, "Mã đơn vị")]
    assert "dòng 2" in got[(6, "Số CCCD")] and "Bùi Thị Lan" in got[(6, "Số CCCD")]
    assert got[(7, "Họ và tên")] == "Dòng 7, cột «Họ và tên»: chưa nhập họ và tên."
    assert "Văn bản (Text)" in got[(8, "Số CCCD")]
    assert sorted({e["row"] for e in batch.errors}) == [3, 4, 5, 6, 7, 8]

    body = client.get(reverse("imports:preview", args=[batch.pk])).content.decode()
    for error in batch.errors:
        assert f"<td>{error['row']}</td><td>{error['column']}</td><td>{error['message']}</td>" in body
    assert "Chưa có dữ liệu nào được lưu" in body
    button = body.split("Xác nhận nhập")[0].rsplit("<button", 1)[1]
    assert "disabled" in button

    response = client.post(reverse("imports:confirm", args=[batch.pk]), follow=True)
    assert str(services.BATCH_HAS_ERRORS) in response.content.decode()
    batch.refresh_from_db()
    assert batch.state == "preview"
    # Nothing written but the upload's own audit row.
    assert (counts(), AuditEvent.objects.exclude(action="import.upload").count()) == before
    assert AuditEvent.objects.filter(action="import.upload", target_id=batch.pk).count() == 1


def test_a_missing_column_is_named_once(client, officer_a, tree):
    login(client, officer_a)
    headers = [h for h in HEADERS if h != "Họ và tên"]
    batch = batch_of(upload(client, [[c for i, c in enumerate(r) if i != 1] for r in GOOD_ROWS], headers=headers))
    assert [e["text"] for e in batch.errors] == [
        "Dòng 1, cột «Họ và tên»: thiếu cột «Họ và tên»; hãy dùng tệp mẫu (tải ở trang nhập)."]
    assert not batch.can_confirm


NOT_AN_XLSX = str(uploads.BAD_CONTENT % {"field": "Tệp Excel (.xlsx)", "name": "danh-sach.xlsx",
                                         "type": "Excel (.xlsx)"})


@pytest.mark.parametrize(("name", "content", "message"), [
    ("danh-sach.xlsx", b"Ho va ten;Gioi tinh\nNguyen Van A;Nam\n", NOT_AN_XLSX),
    ("danh-sach.xlsx", b"PK\x03\x04 not really a zip", NOT_AN_XLSX),
    ("danh-sach.xls", b"\xd0\xcf\x11\xe0", "Tệp .xls (Excel 97–2003) không được hỗ trợ"),
    ("danh-sach.csv", b"a,b\n", "không nhận tệp «danh-sach.csv»; chỉ nhận .xlsx"),
])
def test_a_file_that_is_not_an_xlsx_is_a_form_error(client, officer_a, tree, name, content, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    login(client, officer_a)
    response = client.post(reverse("imports:people"), {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    assert message in unescape(response.content.decode())
    assert not ImportBatch.objects.exists()


def test_a_file_over_the_size_limit_is_refused(client, officer_a, tree, settings):
    settings.THIDUA_UPLOAD_MAX_BYTES = 1000
    login(client, officer_a)
    response = upload(client, GOOD_ROWS)
    assert response.status_code == 200 and "vượt giới hạn 1000 byte mỗi tệp" in unescape(response.content.decode())
    assert not ImportBatch.objects.exists()


def test_a_large_upload_spooled_to_disk_is_read_too(client, officer_a, person_a, settings):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0
    batch = batch_of(upload(login(client, officer_a), GOOD_ROWS))
    assert batch.errors == [] and batch.rows_ok == 3
    assert batch.file.name.startswith("imports/") and batch.file.name.endswith(".xlsx")
    assert "danh-sach" not in batch.file.name, "the stored name does not carry the user's file name"
    assert batch.original_name == "danh-sach.xlsx"


def test_no_file_is_a_form_error(client, officer_a, tree):
    response = login(client, officer_a).post(reverse("imports:people"), {})
    assert response.status_code == 200 and "Hãy chọn tệp Excel cần nhập." in response.content.decode()


# --- the database changed between preview and confirm ------------------------------------------


def test_confirm_checks_the_file_again(client, officer_a, person_a, tree):
    login(client, officer_a)
    batch = batch_of(upload(client, GOOD_ROWS))
    assert batch.errors == []
    # Meanwhile Sở Y tế records Lan's CCCD for one of its own people.
    make_person(tree["b"], "Bùi Thị Lan", gender="nu", cccd="012345678901")
    before = counts(), AuditEvent.objects.count()
    response = client.post(reverse("imports:confirm", args=[batch.pk]), follow=True)
    assert str(services.BATCH_HAS_ERRORS) in response.content.decode()
    batch.refresh_from_db()
    assert batch.state == "preview" and not batch.can_confirm
    assert [(e["row"], e["column"]) for e in batch.errors] == [(3, "Số CCCD")]
    assert "không dùng được số CCCD «012345678901»" in batch.errors[0]["message"]
    # Nothing written but the refusal itself, on the holder's history (as the person form records one).
    assert (counts(), AuditEvent.objects.count()) == (before[0], before[1] + 1)
    assert AuditEvent.objects.latest("id").action == "person.cccd_refused"


def test_confirm_refuses_when_the_unit_left_the_users_scope(client, officer_a, person_a, tree):
    login(client, officer_a)
    batch = batch_of(upload(client, GOOD_ROWS))
    RoleGrant.objects.filter(user=officer_a).update(unit=tree["a1"])
    client.post(reverse("imports:confirm", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.state == "preview"
    assert {e["row"] for e in batch.errors} == {3, 4}
    assert Evaluation.objects.count() == 0
