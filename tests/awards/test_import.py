"""Excel import of historical awards and initiatives: template, preview by row and
column, all-or-nothing confirm."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tests.conftest import login, make_person
from thidua.awards.models import Award, Initiative
from thidua.core.models import AuditEvent
from thidua.core.xlsx import XLSX_MIME
from thidua.imports.models import ImportBatch

AWARD_HEADERS = ["Mã đơn vị", "Họ và tên", "Ngày sinh (dd/mm/yyyy)", "Số CCCD", "Đối tượng", "Mã danh hiệu, hình thức",
                 "Năm thành tích", "Thành tích từ năm", "Thành tích đến năm", "Loại hình khen thưởng", "Số quyết định",
                 "Ngày quyết định (dd/mm/yyyy)", "Cấp quyết định", "Tiền thưởng (đồng)", "Thành tích"]
INITIATIVE_HEADERS = ["Mã đơn vị", "Tên sáng kiến", "Năm", "Phạm vi công nhận", "Ngày công nhận (dd/mm/yyyy)",
                      "Số quyết định công nhận", "Cơ quan công nhận", "Họ và tên tác giả",
                      "Ngày sinh tác giả (dd/mm/yyyy)", "Số CCCD tác giả", "Tỷ lệ đóng góp (%)", "Đã dùng để xét",
                      "Tóm tắt, hiệu quả"]


def xlsx(headers, rows, name="khen-thuong.xlsx") -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    ws.append(headers)
    for row in rows:
        ws.append(list(row) + [None] * (len(headers) - len(row)))
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile(name, buf.getvalue(), content_type=XLSX_MIME)


def award_row(unit="T.A.1", name=None, birth=None, cccd=None, subject=None, kind="LDTT", year=2024, period=(None, None),
              ctype=None, number="15/QĐ-SNV", decided="15/01/2025", issuer="Giám đốc Sở Nội vụ", money=None,
              achievement=None):
    return [unit, name, birth, cccd, subject, kind, year, *period, ctype, number, decided, issuer, money, achievement]


def upload(client, url_name, file):
    response = client.post(reverse(url_name), {"file": file})
    assert response.status_code == 302, response.content.decode()[:3000]
    return ImportBatch.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


@pytest.fixture
def colleague(tree):
    return make_person(tree["a1"], "Trần Thị Hoa", gender="nu", birth_date=dt.date(1990, 5, 6))


GOOD_AWARDS = [
    award_row(name="Nguyễn Văn Phóng", cccd="001085012345"),
    award_row(name="Trần Thị Hoa", birth="06/05/1990", kind="CSTDCS", money=2_000_000),
    award_row(kind="TTLDTT", ctype="Khen thưởng công trạng"),
    award_row(cccd="001085012345", subject="Hộ gia đình", kind="GK", number="16/QĐ-SNV", period=(2023, 2024),
              achievement="Gia đình tiêu biểu"),
]


def test_template_lists_codes_units_and_subjects(client, officer_a, tree):
    response = login(client, officer_a).get(reverse("imports:awards_template"))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["Danh sách", "Danh mục", "Hướng dẫn"]
    # The kind column is named and listed in words; files with the old "Mã …" header still import.
    assert [c.value for c in wb["Danh sách"][1]] == [
        "Danh hiệu, hình thức" if h == "Mã danh hiệu, hình thức" else h for h in AWARD_HEADERS]
    lists = list(wb["Danh mục"].iter_rows(min_row=2, values_only=True))
    kinds = {r[3] for r in lists if r[3]}
    assert {"Lao động tiên tiến", "Tập thể lao động xuất sắc", "Huân chương Lao động hạng Ba"} <= kinds
    assert {r[0] for r in lists if r[0]} == {"T.A", "T.A.1"}
    assert {"Cá nhân", "Tập thể", "Hộ gia đình"} <= {r[6] for r in lists}
    assert "Khen thưởng công trạng" in {r[9] for r in lists}
    listed = {v for r in lists for v in r if v}
    assert not listed & {"LDTT", "TTLDXS", "individual", "collective", "household", "cong_trang"}
    validations = {str(dv.sqref)[:2]: dv.formula1 for dv in wb["Danh sách"].data_validations.dataValidation}
    assert validations["F2"].startswith("'Danh mục'!$D$2")
    response = login(client, officer_a).get(reverse("imports:initiatives_template"))
    wb = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in wb["Danh sách"][1]] == INITIATIVE_HEADERS
    listed = {v for r in wb["Danh mục"].iter_rows(min_row=2, values_only=True) for v in r if v}
    assert "Chiến sĩ thi đua cơ sở" in listed and not listed & {"LDTT", "CSTDCS", "TTLDXS"}


def test_a_file_naming_kinds_subjects_and_types_in_words_imports(client, officer_a, person_a, tree):
    login(client, officer_a)
    rows = [award_row(name="Nguyễn Văn Phóng", cccd="001085012345", subject="Cá nhân", kind="Lao động tiên tiến",
                      ctype="Công trạng"),
            award_row(subject="Tập thể", kind="tập thể lao động tiên tiến", number="17/QĐ-SNV")]
    batch = upload(client, "imports:awards", xlsx(AWARD_HEADERS, rows))
    assert batch.errors == [] and batch.rows_ok == 2
    assert client.post(reverse("imports:confirm", args=[batch.pk])).status_code == 302
    saved = set(Award.objects.values_list("kind", "subject_kind", "commendation_type"))
    assert saved == {("LDTT", "individual", "cong_trang"), ("TTLDTT", "collective", "cong_trang")}


def test_good_file_previews_then_imports_everything_at_once(client, officer_a, person_a, colleague, tree):
    login(client, officer_a)
    batch = upload(client, "imports:awards", xlsx(AWARD_HEADERS, GOOD_AWARDS))
    assert batch.kind == "awards" and batch.errors == [] and batch.rows_ok == 4
    assert batch.summary["awards_new"] == 4 and batch.summary["people"] == 2 and batch.summary["units"] == 1
    page = client.get(reverse("imports:preview", args=[batch.pk])).content.decode()
    assert "Tập thể lao động tiên tiến" in page and "Ghi mới" in page
    assert not Award.objects.exists()
    response = client.post(reverse("imports:confirm", args=[batch.pk]))
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.state == "done" and batch.applied["awards_created"] == 4
    assert Award.objects.get(person=person_a, kind="LDTT").money == 710_000  # 0.3 × 2,340,000 on 15/01/2025
    assert Award.objects.get(person=colleague).money == 2_000_000
    household = Award.objects.get(kind="GK")
    assert (household.subject_kind, household.period, household.achievement) == (
        "household", (2023, 2024), "Gia đình tiêu biểu")
    assert Award.objects.get(unit=tree["a1"]).subject_kind == "collective"
    assert AuditEvent.objects.filter(action="award.record").count() == 4
    assert AuditEvent.objects.get(action="awards.import").after["awards_created"] == 4
    result = client.get(reverse("imports:result", args=[batch.pk])).content.decode()
    assert "Khen thưởng ghi mới" in result

    # The same file again: every row is already in the ledger and is skipped.
    again = upload(client, "imports:awards", xlsx(AWARD_HEADERS, GOOD_AWARDS))
    assert again.errors == [] and again.summary["awards_same"] == 4
    client.post(reverse("imports:confirm", args=[again.pk]))
    again.refresh_from_db()
    assert again.applied == {"rows": 4, "awards_created": 0, "awards_same": 4}
    assert Award.objects.count() == 4


def test_broken_file_lists_every_bad_row_and_saves_nothing(client, officer_a, person_a, person_b, colleague, tree):
    future = (dt.date.today() + dt.timedelta(days=5)).strftime("%d/%m/%Y")
    rows = [
        award_row(cccd="001085012345"),                                          # 2 fine
        award_row(cccd="001085012345", kind="LDTX"),                              # 3 unknown code
        award_row(name="Nguyễn Văn Phóng", birth="14/03/1985", kind="TTLDXS"),   # 4 a collective title for a person
        award_row(cccd="001085012345", kind="GK", year=dt.date.today().year + 1, number="1"),  # 5 future year
        award_row(cccd="001085012345", kind="GK", year=1900, number="2"),        # 6 year out of range
        award_row(name="Lê Văn Không Có", birth="01/01/1980"),                   # 7 nobody of that name
        award_row(unit="T.B", name="Nguyễn Thị Phong"),                          # 8 unit out of scope
        award_row(cccd="001085012345", number="99/QĐ-SNV"),                      # 9 second LĐTT 2024 in the file
        award_row(name="Trần Thị Hoa", kind="GK", number="3", decided=future),   # 10 decided in the future
        award_row(name="Trần Thị Hoa", subject="Tập thể", kind="TTLDTT"),        # 11 a name on a collective row
        award_row(name="Trần Thị Hoa", kind="BK_TINH"),                          # 12 beyond the officer's competence
        award_row(unit="", kind="TTLDTT"),                                       # 13 no unit
        award_row(cccd="001085012345", kind="GK", money="bảy trăm", number="4"), # 14 bad money
    ]
    login(client, officer_a)
    batch = upload(client, "imports:awards", xlsx(AWARD_HEADERS, rows))
    by_row = {}
    for e in batch.errors:
        by_row.setdefault(e["row"], []).append((e["column"], e["message"]))
    assert set(by_row) == set(range(3, 15)), by_row
    assert by_row[3][0][0] == "Danh hiệu, hình thức" and "LDTX" in by_row[3][0][1]
    assert by_row[4][0][0] == "Danh hiệu, hình thức" and "không tặng cho cá nhân" in by_row[4][0][1]
    assert by_row[5][0][0] == "Năm thành tích" and "tương lai" in by_row[5][0][1]
    assert by_row[6][0][0] == "Năm thành tích"
    assert by_row[7][0][0] == "Họ và tên" and "không tìm thấy" in by_row[7][0][1]
    assert by_row[8][0][0] == "Mã đơn vị" and "không thuộc phạm vi" in by_row[8][0][1]
    assert by_row[9][0][0] == "Danh hiệu, hình thức" and "dòng 2" in by_row[9][0][1]
    assert by_row[10][0][0] == "Ngày quyết định (dd/mm/yyyy)"
    assert by_row[11][0][0] == "Đối tượng"
    assert by_row[12][0][0] == "Danh hiệu, hình thức" and "thẩm quyền" in by_row[12][0][1]
    assert by_row[13][0][0] == "Mã đơn vị"
    assert by_row[14][0][0] == "Tiền thưởng (đồng)"
    page = client.get(reverse("imports:preview", args=[batch.pk])).content.decode()
    assert "Tệp có" in page and 'disabled aria-disabled="true"' in page
    response = client.post(reverse("imports:confirm", args=[batch.pk]))
    assert response.status_code == 302
    assert not Award.objects.exists()
    batch.refresh_from_db()
    assert batch.state == "preview"


def test_an_existing_title_with_another_decision_is_an_error(client, officer_a, person_a):
    from thidua.awards import services

    services.award_record(actor=officer_a, person=person_a, kind="LDTT", year=2024, decided_on=dt.date(2025, 1, 10),
                          decision_number="7/QĐ-SNV")
    login(client, officer_a)
    batch = upload(client, "imports:awards", xlsx(AWARD_HEADERS, [award_row(cccd="001085012345")]))
    assert len(batch.errors) == 1 and "7/QĐ-SNV" in batch.errors[0]["message"]


def test_the_secretariat_may_import_provincial_awards(client, secretariat, person_a, tree):
    login(client, secretariat)
    rows = [award_row(cccd="001085012345", kind="BK_TINH", number="300/QĐ-UBND", decided="20/04/2025"),
            award_row(unit="T.A", kind="TTLDXS", number="301/QĐ-UBND", decided="20/04/2025")]
    batch = upload(client, "imports:awards", xlsx(AWARD_HEADERS, rows))
    assert batch.errors == []
    client.post(reverse("imports:confirm", args=[batch.pk]))
    assert Award.objects.filter(kind__in=["BK_TINH", "TTLDXS"]).count() == 2


def initiative_row(unit="T.A.1", title="Số hóa hồ sơ công chức", year=2024, scope="Cấp cơ sở", recognized="20/11/2024",
                   number="12/QĐ-HĐSK", issuer="Hội đồng sáng kiến", author="Nguyễn Văn Phóng", birth="14/03/1985",
                   cccd=None, share=None, used_for=None, summary=None):
    return [unit, title, year, scope, recognized, number, issuer, author, birth, cccd, share, used_for, summary]


def test_initiatives_good_file(client, officer_a, person_a, colleague):
    rows = [
        initiative_row(share=70),
        initiative_row(author="Trần Thị Hoa", birth="06/05/1990", share="30%"),
        initiative_row(title="Phần mềm chấm điểm thi đua", scope="Cấp bộ, ban, ngành, tỉnh", cccd="001085012345",
                       author="Nguyễn Văn Phóng", birth=None, used_for="Chiến sĩ thi đua cơ sở"),
    ]
    login(client, officer_a)
    # A file of the old template: the column headed "(mã)" still imports, by name or code.
    old_headers = [h + " (mã)" if h == "Đã dùng để xét" else h for h in INITIATIVE_HEADERS]
    batch = upload(client, "imports:initiatives", xlsx(old_headers, rows, name="sang-kien.xlsx"))
    assert batch.errors == [] and batch.summary["initiatives_new"] == 2 and batch.summary["authors"] == 2
    client.post(reverse("imports:confirm", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.state == "done" and batch.applied["initiatives_created"] == 2
    first = Initiative.objects.get(title="Số hóa hồ sơ công chức")
    assert sorted(first.authors.values_list("share", flat=True)) == [30, 70]
    second = Initiative.objects.get(title="Phần mềm chấm điểm thi đua")
    assert (second.scope, second.used_for, second.authors.get().share) == ("tinh", "CSTDCS", 100)
    assert AuditEvent.objects.filter(action="initiatives.import").exists()


def test_initiatives_broken_file(client, officer_a, person_a, colleague):
    rows = [
        initiative_row(share=70),                                                         # 2 with row 3: 90 %
        initiative_row(author="Trần Thị Hoa", birth="06/05/1990", share=20),             # 3
        initiative_row(title="Khác", author="Lê Văn Không Có"),                          # 4 author not found
        initiative_row(title="Khác 2", scope="cấp huyện"),                               # 5 bad scope
        initiative_row(title="Khác 3", year=dt.date.today().year + 1),                   # 6 future year
        initiative_row(title="Khác 4", used_for="NOPE"),                                 # 7 unknown code
        initiative_row(title="Khác 5", share=50),                                        # 8 with 9: no share
        initiative_row(title="Khác 5", author="Trần Thị Hoa", birth="06/05/1990"),       # 9
    ]
    login(client, officer_a)
    batch = upload(client, "imports:initiatives", xlsx(INITIATIVE_HEADERS, rows, name="sang-kien.xlsx"))
    rows_with_errors = {e["row"]: e["column"] for e in batch.errors}
    assert rows_with_errors == {2: "Tỷ lệ đóng góp (%)", 4: "Họ và tên tác giả", 5: "Phạm vi công nhận", 6: "Năm",
                                7: "Đã dùng để xét", 9: "Tỷ lệ đóng góp (%)"}
    client.post(reverse("imports:confirm", args=[batch.pk]))
    assert not Initiative.objects.exists()


@pytest.mark.parametrize("name", ["imports:awards", "imports:awards_template", "imports:initiatives",
                                  "imports:initiatives_template"])
def test_anonymous_is_sent_to_login(client, tree, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]


@pytest.mark.parametrize("name", ["imports:awards", "imports:awards_template", "imports:initiatives",
                                  "imports:initiatives_template"])
def test_a_user_without_the_right_gets_403(client, head_a, name):
    assert login(client, head_a).get(reverse(name)).status_code == 403


def test_it_refuses_out_of_scope(client, officer_a, officer_b, person_a):
    batch = upload(login(client, officer_a), "imports:awards", xlsx(AWARD_HEADERS, GOOD_AWARDS[:1]))
    client.logout()
    login(client, officer_b)
    for name in ("imports:preview", "imports:result"):
        assert client.get(reverse(name, args=[batch.pk])).status_code == 404
    assert client.post(reverse("imports:confirm", args=[batch.pk])).status_code == 404
    assert not Award.objects.exists()
    # officer_b's own file naming person_a: out of scope, reported on the row.
    batch_b = upload(client, "imports:awards", xlsx(AWARD_HEADERS, [award_row(unit="T.B", cccd="001085012345")]))
    assert batch_b.errors[0]["column"] == "Số CCCD" and "không tìm thấy" in batch_b.errors[0]["message"]


@pytest.mark.parametrize("money", [2**63, "99999999999999999999 đ", 10_000_000_001])
def test_an_imported_amount_past_the_bound_is_a_row_error(client, officer_a, person_a, money):
    login(client, officer_a)
    batch = upload(client, "imports:awards", xlsx(AWARD_HEADERS, [award_row(cccd="001085012345", money=money)]))
    assert [(e["row"], e["column"]) for e in batch.errors] == [(2, "Tiền thưởng (đồng)")]
    assert "vượt mức tối đa 10.000.000.000 đồng" in batch.errors[0]["message"]
