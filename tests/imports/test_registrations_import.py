"""Excel import of registrations: template (filled with a unit's people when asked),
preview listing every error by row and column, all-or-nothing confirm into the sheets."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tests.conftest import login, make_person, make_unit, make_user
from tests.registrations.conftest import AFTER_DEADLINE, BEFORE_DEADLINE, YEAR
from thidua.core.models import AuditEvent
from thidua.core.roles import Role
from thidua.core.xlsx import XLSX_MIME
from thidua.imports import services as import_services
from thidua.imports.models import ImportBatch
from thidua.imports.registrations import parse_titles
from thidua.registrations import services
from thidua.registrations.models import Registration, RegistrationSheet, SheetStatus

HEADERS = ["Mã đơn vị", "Năm", "Số CCCD hoặc Mã cá nhân", "Họ và tên", "Danh hiệu đăng ký", "Ghi chú, chỉ tiêu"]


@pytest.fixture(autouse=True)
def season(time_machine):
    time_machine.move_to(BEFORE_DEADLINE, tick=False)


@pytest.fixture
def colleague(tree):
    return make_person(tree["a1"], "Trần Thị Hoa", gender="nu", birth_date=dt.date(1990, 5, 6))


@pytest.fixture
def movement(tree):
    from thidua.movements.models import Movement, Participant

    m = Movement.objects.create(organiser=tree["root"], name="Phong trào thi đua yêu nước năm 2026", year=YEAR,
                                registration_deadline=dt.date(2026, 3, 31))
    Participant.objects.create(movement=m, unit=tree["root"], subtree=True)
    return m


def xlsx(rows, headers=HEADERS, name="dang-ky.xlsx") -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    ws.append(headers)
    for row in rows:
        ws.append(list(row) + [None] * (len(headers) - len(row)))
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile(name, buf.getvalue(), content_type=XLSX_MIME)


def upload(client, rows, **data):
    response = client.post(reverse("imports:registrations"), {"file": xlsx(rows), **data})
    assert response.status_code == 302, response.content.decode()[:3000]
    return ImportBatch.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


def good_rows(person_a, colleague):
    return [
        ["T.A.1", YEAR, "001085012345", "Nguyễn Văn Phóng", "LĐTT, Chiến sĩ thi đua cơ sở", "Có 01 sáng kiến"],
        ["T.A.1", YEAR, colleague.pk, None, "LDTT"],
        ["T.A.1", YEAR, None, None, "Tập thể lao động xuất sắc", "Hoàn thành xuất sắc 100% chỉ tiêu"],
        ["T.A", YEAR, None, None, "TTLDTT"],
    ]


def codes(**where):
    return sorted(Registration.objects.filter(**where).values_list("code", flat=True))


# --- the titles cell -------------------------------------------------------------------------


@pytest.fixture
def phrases():
    return import_services._title_phrases()


@pytest.mark.parametrize(("cell", "expected"), [
    ("LDTT", ["LDTT"]), ("lđtt; CSTĐCS", ["LDTT", "CSTDCS"]), ("Lao động tiên tiến", ["LDTT"]),
    ("LĐTT, Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh", ["LDTT", "CSTD_TINH"]),
    ("Tập thể lao động tiên tiến\nCờ thi đua cấp tỉnh", ["TTLDTT", "CO_TINH"]), ("", []), ("LDTT, LDTT", ["LDTT"]),
    ("CSTD_TINH", ["CSTD_TINH"]), ("Giấy khen", ["GK"]),
])
def test_titles_are_read_as_codes_or_names(phrases, cell, expected):
    assert parse_titles(cell, phrases) == expected


def test_an_unknown_title_is_named(phrases):
    from thidua.imports.sheet import CellError

    with pytest.raises(CellError) as exc:
        parse_titles("LĐTT, Lao động giỏi", phrases)
    assert "không nhận ra danh hiệu «Lao động giỏi»" in exc.value.message


# --- template ---------------------------------------------------------------------------------


def test_template_has_the_columns_units_and_titles(client, officer_a, tree):
    response = login(client, officer_a).get(reverse("imports:registrations_template"))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["Danh sách", "Danh mục", "Hướng dẫn"]
    assert [c.value for c in wb["Danh sách"][1]] == HEADERS
    lists = list(wb["Danh mục"].iter_rows(min_row=2, values_only=True))
    assert {r[0] for r in lists if r[0]} == {"T.A", "T.A.1"}
    titles = {r[3] for r in lists if r[3]}
    assert {"Lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "Tập thể lao động xuất sắc"} <= titles
    assert not titles & {"LDTT", "CSTDCS", "TTLDXS"}  # titles in words; the import still reads old codes


def test_template_from_a_sheet_comes_filled_with_its_people(client, officer_a, tree, person_a, colleague):
    sheet = services.sheet_get_or_create(actor=officer_a, unit=tree["a1"], year=YEAR)
    services.sheet_save(actor=officer_a, sheet=sheet, unit_codes=["TTLDTT"], person_codes={person_a.pk: ["LDTT"]},
                        person_notes={person_a.pk: "Ghi chú"}, targets="Chỉ tiêu")
    response = login(client, officer_a).get(reverse("imports:registrations_template"),
                                            {"don-vi": tree["a1"].pk, "nam": YEAR})
    rows = list(load_workbook(io.BytesIO(response.content))["Danh sách"].iter_rows(min_row=2, values_only=True))
    assert rows[0] == ("T.A.1", YEAR, None, None, "TTLDTT", "Chỉ tiêu")
    assert ("T.A.1", YEAR, str(person_a.pk), "Nguyễn Văn Phóng", "LDTT", "Ghi chú") in rows
    assert ("T.A.1", YEAR, str(colleague.pk), "Trần Thị Hoa", None, None) in rows


def test_the_template_refuses_out_of_scope_and_users_without_the_right(client, officer_b, head_a, tree):
    login(client, officer_b)
    assert client.get(reverse("imports:registrations_template"), {"don-vi": tree["a1"].pk}).status_code == 404
    login(client, head_a)
    assert client.get(reverse("imports:registrations_template")).status_code == 403
    assert client.get(reverse("imports:registrations")).status_code == 403


def test_a_filled_template_round_trips(client, officer_a, tree, person_a, colleague):
    login(client, officer_a)
    response = client.get(reverse("imports:registrations_template"), {"don-vi": tree["a1"].pk, "nam": YEAR})
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb["Danh sách"]
    for row in ws.iter_rows(min_row=2):
        if row[3].value == "Trần Thị Hoa":
            row[4].value = "LĐTT"
    buf = io.BytesIO()
    wb.save(buf)
    file = SimpleUploadedFile("dang-ky.xlsx", buf.getvalue(), content_type=XLSX_MIME)
    response = client.post(reverse("imports:registrations"), {"file": file})
    batch = ImportBatch.objects.get()
    assert batch.errors == [] and batch.rows_ok == 3
    client.post(reverse("imports:confirm", args=[batch.pk]))
    assert codes(person=colleague) == ["LDTT"] and codes(person=person_a) == []


# --- preview and confirm -----------------------------------------------------------------------


def test_preview_writes_nothing_and_confirm_writes_the_sheets_in_draft(client, officer_a, tree, person_a,
                                                                       colleague):
    login(client, officer_a)
    batch = upload(client, good_rows(person_a, colleague))
    assert batch.errors == [] and batch.rows_ok == 4
    assert batch.summary["sheets_new"] == 2 and batch.summary["people"] == 2 and batch.summary["titles"] == 5
    assert not RegistrationSheet.objects.exists() and not Registration.objects.exists()
    body = client.get(reverse("imports:preview", args=[batch.pk])).content.decode()
    assert "Lao động tiên tiến, Chiến sĩ thi đua cơ sở" in body and "Tập thể lao động xuất sắc" in body
    assert "Lập mới" in body and "Đăng ký chung của năm" in body

    response = client.post(reverse("imports:confirm", args=[batch.pk]))
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.state == ImportBatch.Status.DONE
    assert batch.applied["sheets_created"] == 2 and batch.applied["registrations"] == 5
    sheet_a1 = RegistrationSheet.objects.get(unit=tree["a1"])
    assert sheet_a1.state == SheetStatus.DRAFT and sheet_a1.targets == "Hoàn thành xuất sắc 100% chỉ tiêu"
    assert codes(person=person_a) == ["CSTDCS", "LDTT"] and codes(person=colleague) == ["LDTT"]
    assert codes(person__isnull=True, unit=tree["a1"]) == ["TTLDXS"]
    assert codes(person__isnull=True, unit=tree["a"]) == ["TTLDTT"]
    assert set(Registration.objects.filter(person=person_a).values_list("note", flat=True)) == {"Có 01 sáng kiến"}
    event = AuditEvent.objects.get(action="registration.import")
    assert event.target_id == batch.pk and event.after["registrations"] == 5
    assert AuditEvent.objects.filter(action="registration.sheet_save",
                                     reason=f"Nhập từ Excel (lần nhập số {batch.pk})").count() == 2
    body = client.get(reverse("imports:result", args=[batch.pk])).content.decode()
    assert sheet_a1.get_absolute_url().replace("&", "&amp;") in body or sheet_a1.get_absolute_url() in body


def test_the_file_merges_into_an_existing_sheet(client, officer_a, tree, person_a, colleague):
    sheet = services.sheet_get_or_create(actor=officer_a, unit=tree["a1"], year=YEAR)
    services.sheet_save(actor=officer_a, sheet=sheet, unit_codes=["TTLDTT"],
                        person_codes={person_a.pk: ["LDTT"], colleague.pk: ["LDTT", "CSTDCS"]}, targets="Cũ")
    login(client, officer_a)
    batch = upload(client, [["T.A.1", YEAR, colleague.pk, "Trần Thị Hoa", "LDTT"]])
    assert batch.summary["sheets_existing"] == 1
    client.post(reverse("imports:confirm", args=[batch.pk]))
    assert codes(person=colleague) == ["LDTT"]  # named: exactly what the file says
    assert codes(person=person_a) == ["LDTT"]  # not named: kept
    sheet.refresh_from_db()
    assert sheet.targets == "Cũ" and codes(person__isnull=True, unit=tree["a1"]) == ["TTLDTT"]


def test_a_movement_chosen_on_upload_makes_its_sheets(client, officer_a, tree, person_a, colleague, movement):
    login(client, officer_a)
    page = client.get(reverse("imports:registrations"), {"phong-trao": movement.pk}).content.decode()
    assert f'<option value="{movement.pk}" selected>' in page
    batch = upload(client, good_rows(person_a, colleague)[:1], movement=movement.pk)
    assert batch.result["params"] == {"movement": movement.pk}
    assert movement.name in client.get(reverse("imports:preview", args=[batch.pk])).content.decode()
    client.post(reverse("imports:confirm", args=[batch.pk]))
    assert RegistrationSheet.objects.get().movement == movement


def errors_of(batch) -> set[tuple[int, str]]:
    return {(e["row"], e["column"]) for e in batch.errors}


def message(batch, row) -> str:
    return " ".join(e["message"] for e in batch.errors if e["row"] == row)


def test_bad_rows_are_listed_by_row_and_column_and_nothing_is_saved(client, officer_a, secretariat, tree, person_a,
                                                                    colleague):
    make_person(tree["a1"], "Lê Văn Trùng")
    make_person(tree["a1"], "Lê Văn Trùng")
    make_person(tree["b"], "Ngô Thị Bích", cccd="079190000001")
    moved = make_person(tree["a"], "Vũ Văn Nam")
    # Phóng's LĐTT sits on Sở Y tế's sheet, made while he worked there.
    sheet_b = services.sheet_get_or_create(actor=secretariat, unit=tree["b"], year=YEAR)
    person_a.current_unit = tree["b"]
    person_a.save()
    services.sheet_save(actor=secretariat, sheet=sheet_b, unit_codes=[], person_codes={person_a.pk: ["LDTT"]},
                        targets="")
    person_a.current_unit = tree["a1"]
    person_a.save()
    login(client, officer_a)
    rows = [
        ["T.A.1", YEAR, colleague.pk, "Trần Thị Hoa", "LDTT"],  # 2: fine
        ["X.9", YEAR, None, None, "TTLDTT"],  # 3: unknown unit
        ["T.B", YEAR, None, None, "TTLDTT"],  # 4: out of scope
        ["T.A.1", YEAR, "079190000001", None, "LDTT"],  # 5: a person out of scope
        ["T.A.1", YEAR, moved.pk, None, "LDTT"],  # 6: a person of another unit
        ["T.A.1", YEAR, colleague.pk, None, "Lao động giỏi"],  # 7: unknown title
        ["T.A.1", YEAR, colleague.pk, None, "TTLDXS"],  # 8: a collective title for a person
        ["T.A.1", YEAR, None, None, "LDTT"],  # 9: a person's title for the unit
        ["T.A.1", YEAR, None, "Lê Văn Trùng", "LDTT"],  # 10: two people with that name
        ["T.A.1", YEAR, "001085012345", "Nguyễn Văn Khác", "LDTT"],  # 11: CCCD of someone else
        ["T.A.1", YEAR, "001085012345", None, "LDTT"],  # 12: registered at Sở Y tế
        ["T.A.1", 1990, colleague.pk, None, "LDTT"],  # 13: bad year
        ["T.A.1", YEAR, "1085012345", None, "LDTT"],  # 14: a CCCD that lost its zeros
        ["T.A.1", YEAR, None, "Không Có Ai", "LDTT"],  # 15: nobody by that name
    ]
    batch = upload(client, rows)
    assert errors_of(batch) == {
        (3, "Mã đơn vị"), (4, "Mã đơn vị"), (5, "Số CCCD hoặc Mã cá nhân"), (6, "Mã đơn vị"),
        (7, "Danh hiệu đăng ký"), (8, "Danh hiệu đăng ký"), (9, "Danh hiệu đăng ký"), (10, "Họ và tên"),
        (11, "Họ và tên"), (12, "Danh hiệu đăng ký"), (13, "Năm"), (14, "Số CCCD hoặc Mã cá nhân"), (15, "Họ và tên"),
    }
    assert "«X.9» không tồn tại hoặc không thuộc phạm vi" in message(batch, 3)
    assert message(batch, 3) == message(batch, 4).replace("T.B", "X.9")  # out of scope reads as missing
    assert "«Vũ Văn Nam» đang công tác tại «Sở Nội vụ» (mã T.A), không thuộc «Phòng Công chức" in message(batch, 6)
    assert "«Tập thể lao động xuất sắc» là danh hiệu của tập thể, không đăng ký cho cá nhân" in message(batch, 8)
    assert "«Lao động tiên tiến» là danh hiệu của cá nhân, không đăng ký cho tập thể" in message(batch, 9)
    assert "có 2 người cùng họ tên «Lê Văn Trùng»" in message(batch, 10)
    assert "là của «Nguyễn Văn Phóng»" in message(batch, 11)
    assert "đã đăng ký «Lao động tiên tiến» năm 2026 tại «Sở Y tế»" in message(batch, 12)
    assert "Excel có thể đã bỏ số 0" in message(batch, 14)
    assert batch.rows_ok == 1 and not batch.can_confirm

    body = client.get(reverse("imports:preview", args=[batch.pk])).content.decode()
    assert "Tệp có 13 lỗi." in body and "Chưa có dữ liệu nào được lưu" in body
    response = client.post(reverse("imports:confirm", args=[batch.pk]), follow=True)
    assert str(import_services.BATCH_HAS_ERRORS) in response.content.decode()
    assert not Registration.objects.exclude(sheet=sheet_b).exists()
    assert RegistrationSheet.objects.count() == 1


def test_a_locked_sheet_is_refused(client, officer_a, head_a, tree, person_a, colleague):
    sheet = services.sheet_get_or_create(actor=officer_a, unit=tree["a1"], year=YEAR)
    services.sheet_save(actor=officer_a, sheet=sheet, unit_codes=[], person_codes={person_a.pk: ["LDTT"]},
                        targets="")
    services.sheet_submit(actor=officer_a, sheet=sheet)
    login(client, officer_a)
    batch = upload(client, [["T.A.1", YEAR, colleague.pk, None, "LDTT"]])
    assert errors_of(batch) == {(2, "Mã đơn vị")}
    assert "đang chờ thủ trưởng duyệt" in message(batch, 2) and "trả lại" in message(batch, 2)
    services.sheet_approve(actor=head_a, sheet=sheet)
    batch = upload(client, [["T.A.1", YEAR, colleague.pk, None, "LDTT"]])
    assert "đã được duyệt" in message(batch, 2) and "mở lại" in message(batch, 2)


def test_past_the_deadline_only_the_secretariat_imports(client, time_machine, officer_a, secretariat, tree, person_a,
                                                        colleague, movement):
    time_machine.move_to(AFTER_DEADLINE, tick=False)
    login(client, officer_a)
    batch = upload(client, [["T.A.1", YEAR, colleague.pk, None, "LDTT"]], movement=movement.pk)
    assert errors_of(batch) == {(2, "Năm")}
    assert "đã quá hạn đăng ký (31/03/2026)" in message(batch, 2)
    login(client, secretariat)
    batch = upload(client, [["T.A.1", YEAR, colleague.pk, None, "LDTT"]], movement=movement.pk)
    assert batch.errors == []
    client.post(reverse("imports:confirm", args=[batch.pk]))
    assert codes(person=colleague) == ["LDTT"]


def test_a_unit_outside_the_movement_is_refused(client, officer_a, tree, colleague, movement):
    movement.participants.update(unit=tree["b"])
    login(client, officer_a)
    batch = upload(client, [["T.A.1", YEAR, colleague.pk, None, "LDTT"]], movement=movement.pk)
    assert errors_of(batch) == {(2, "Mã đơn vị")} and "không thuộc các đơn vị tham gia" in message(batch, 2)


def test_the_import_accepts_the_units_the_sheet_page_accepts(client, secretariat, tree, movement):
    """The same rule as the sheet page (`movements.participation`): a unit with no people
    registers its collective titles; the organiser does not register under its own movement."""
    empty = make_unit(tree["root"], "T.C", "Sở Tài chính")
    login(client, secretariat)
    batch = upload(client, [["T.C", YEAR, None, None, "TTLDTT"], ["T", YEAR, None, None, "TTLDTT"]],
                   movement=movement.pk)
    assert errors_of(batch) == {(3, "Mã đơn vị")}
    assert message(batch, 3) == ("«UBND tỉnh Thử Nghiệm» là cấp phát động phong trào «Phong trào thi đua yêu nước "
                                 "năm 2026», nên không đăng ký thi đua theo phong trào này.")
    batch = upload(client, [["T.C", YEAR, None, None, "TTLDTT"]], movement=movement.pk)
    assert batch.errors == []
    client.post(reverse("imports:confirm", args=[batch.pk]))
    assert codes(unit=empty, sheet__movement=movement) == ["TTLDTT"]


def test_a_change_between_preview_and_confirm_refuses_the_whole_file(client, officer_a, head_a, tree, person_a,
                                                                     colleague):
    login(client, officer_a)
    batch = upload(client, good_rows(person_a, colleague))
    sheet = services.sheet_get_or_create(actor=officer_a, unit=tree["a"], year=YEAR)
    services.sheet_save(actor=officer_a, sheet=sheet, unit_codes=["TTLDXS"], person_codes={}, targets="")
    services.sheet_approve(actor=head_a, sheet=sheet)
    response = client.post(reverse("imports:confirm", args=[batch.pk]))
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.state == ImportBatch.Status.PREVIEW and errors_of(batch) == {(5, "Mã đơn vị")}
    assert not RegistrationSheet.objects.filter(unit=tree["a1"]).exists()
    assert codes(person__isnull=True, unit=tree["a"]) == ["TTLDXS"]


def test_rows_of_the_same_person_add_up(client, officer_a, tree, colleague):
    login(client, officer_a)
    batch = upload(client, [["T.A.1", YEAR, colleague.pk, None, "LDTT", "Chỉ tiêu 1"],
                            ["T.A.1", YEAR, None, "Trần Thị Hoa", "CSTDCS", "Chỉ tiêu 2"]])
    client.post(reverse("imports:confirm", args=[batch.pk]))
    assert codes(person=colleague) == ["CSTDCS", "LDTT"]
    assert set(Registration.objects.filter(person=colleague).values_list("note", flat=True)) == {
        "Chỉ tiêu 1; Chỉ tiêu 2"}


def test_the_import_page_refuses_a_user_without_the_right(client, tree):
    council = make_user("uyvien", Role.COUNCIL_MEMBER, tree["root"])
    login(client, council)
    assert client.get(reverse("imports:registrations")).status_code == 403
    assert client.post(reverse("imports:registrations"), {"file": xlsx([])}).status_code == 403


def test_checking_a_long_file_takes_a_few_queries(client, officer_a, tree, django_assert_max_num_queries):
    people = [make_person(tree["a1"], f"Nguyễn Văn Số {i}") for i in range(300)]
    rows = [["T.A.1", YEAR, p.pk if i % 2 else None, None if i % 2 else p.full_name, "LDTT"]
            for i, p in enumerate(people)]
    from django.utils import timezone

    from thidua.imports import pipeline, services

    file = xlsx(rows)
    importer = services.IMPORTERS[ImportBatch.Kind.REGISTRATIONS]
    with django_assert_max_num_queries(12):
        outcome, _kept = services._parse(importer, officer_a, pipeline.read_sheet(file), None,
                                         timezone.localdate())
    assert outcome.errors == [] and len(outcome.valid_rows) == 300
