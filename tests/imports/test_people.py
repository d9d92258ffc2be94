"""The sheet parser on its own: cells and a hand-made lookup context, no database."""

import datetime as dt

import pytest

from tests.imports.conftest import HEADERS
from thidua.imports.people import (
    ACTION_CREATE,
    ACTION_UPDATE,
    EVAL_CHANGED,
    EVAL_NEW,
    EVAL_SAME,
    EvaluationInfo,
    LookupContext,
    PersonInfo,
    UnitInfo,
    parse_people,
)

TODAY = dt.date(2026, 11, 23)
UNIT_A = UnitInfo(pk=1, code="T.A", name="Sở Nội vụ", path="00010001", active=True, allowed=True)
UNIT_B = UnitInfo(pk=2, code="T.B", name="Sở Y tế", path="00010002", active=True, allowed=False)
UNIT_OLD = UnitInfo(pk=3, code="T.C", name="Sở cũ", path="00010003", active=False, allowed=True)
PHONG = PersonInfo(pk=10, full_name="Nguyễn Văn Phóng", name_key="nguyen van phong", birth_date=dt.date(1985, 3, 14),
                   cccd="001085012345", unit_pk=1, unit_code="T.A", unit_name="Sở Nội vụ", allowed=True,
                   visible=True)
OUTSIDER = PersonInfo(pk=11, full_name="Trần Văn Ngoài", name_key="tran van ngoai", birth_date=None,
                      cccd="079090000001", unit_pk=2, unit_code="T.B", unit_name="Sở Y tế", allowed=False,
                      visible=False)
NO_CCCD = PersonInfo(pk=12, full_name="Lê Thị Hoa", name_key="le thi hoa", birth_date=dt.date(1990, 1, 1),
                     cccd=None, unit_pk=1, unit_code="T.A", unit_name="Sở Nội vụ", allowed=True,
                   visible=True)


def context(**kw):
    people = [PHONG, NO_CCCD]
    return LookupContext(
        units={u.code: u for u in (UNIT_A, UNIT_B, UNIT_OLD)},
        people_by_cccd={p.cccd: p for p in (PHONG, OUTSIDER)},
        people_by_key={(p.name_key, p.birth_date, p.unit_pk): [p] for p in people},
        evaluations=kw.get("evaluations", {}),
        current_year=TODAY.year,
        cccd_refusals_left=5,
    )


def parse(rows, headers=HEADERS, **kw):
    calls = []

    def load(needs):
        calls.append(needs)
        return context(**kw)

    outcome = parse_people([headers, *rows], load, today=TODAY)
    assert len(calls) <= 1
    return outcome


def row(code="T.A", name="Bùi Thị Lan", gender="Nữ", birth="02/01/1991", cccd=None, position="", year=2025,
        rating="HTTNV", months=None, note=None):
    return [code, name, gender, birth, cccd, position, year, rating, months, note]


def messages(outcome):
    return [str(e) for e in outcome.errors]


def test_a_clean_row_becomes_a_new_person():
    out = parse([row()])
    assert out.errors == []
    (r,) = out.rows
    assert (r.full_name, r.gender, r.birth_date, r.year, r.rating, r.months_worked) == (
        "Bùi Thị Lan", "nu", dt.date(1991, 1, 2), 2025, "HTTNV", 12)
    assert r.action == ACTION_CREATE and r.evaluation == EVAL_NEW


@pytest.mark.parametrize(("value", "expected"), [("Nam", "nam"), ("nam", "nam"), ("NAM", "nam"), ("nu", "nu"),
                                                 ("nữ", "nu"), ("Nữ", "nu"), (" NỮ ", "nu")])
def test_gender_is_case_and_diacritic_insensitive(value, expected):
    out = parse([row(gender=value)])
    assert out.errors == [] and out.rows[0].gender == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("HTXSNV", "HTXSNV"), ("htxsnv", "HTXSNV"), ("hoàn thành xuất sắc nhiệm vụ", "HTXSNV"),
    ("Hoan thanh tot nhiem vu", "HTTNV"), ("Không hoàn thành nhiệm vụ", "KHTNV"), (" htnv ", "HTNV"),
])
def test_rating_accepts_codes_and_labels(value, expected):
    out = parse([row(rating=value)])
    assert out.errors == [] and out.rows[0].rating == expected


def test_bad_rating_names_row_column_and_choices():
    out = parse([row(), row(name="Đỗ Văn Hùng", rating="XS")])
    assert messages(out) == [
        "Dòng 3, cột «Xếp loại»: giá trị «XS» không hợp lệ; chọn một trong: Hoàn thành xuất sắc nhiệm vụ; "
        "Hoàn thành tốt nhiệm vụ; Hoàn thành nhiệm vụ; Không hoàn thành nhiệm vụ."]


@pytest.mark.parametrize("value", [dt.datetime(1991, 1, 2), dt.date(1991, 1, 2), "02/01/1991", "2/1/1991",
                                   "02-01-1991", "02.01.1991"])
def test_dates_from_cells_and_text(value):
    out = parse([row(birth=value)])
    assert out.errors == [] and out.rows[0].birth_date == dt.date(1991, 1, 2)


@pytest.mark.parametrize("value", ["31/02/1990", "1990-01-02", "hôm qua", "01/01/2030"])
def test_bad_dates_are_refused(value):
    out = parse([row(birth=value)])
    assert len(out.errors) == 1
    assert out.errors[0].column == "Ngày sinh (dd/mm/yyyy)"


def test_cccd_as_text_keeps_leading_zeros_and_twelve_digit_numbers_pass():
    out = parse([row(cccd="012345678901"), row(name="Đỗ Văn Hùng", cccd=123456789012)])
    assert out.errors == []
    assert [r.cccd for r in out.rows] == ["012345678901", "123456789012"]


def test_cccd_that_lost_its_leading_zero_is_an_error_not_padded():
    out = parse([row(cccd=12345678901)])
    (error,) = out.errors
    assert error.column == "Số CCCD" and "11 chữ số" in error.message and "Văn bản (Text)" in error.message
    assert not out.rows[0].ok


def test_bad_cccd_text():
    out = parse([row(cccd="12ab")])
    assert messages(out) == ["Dòng 2, cột «Số CCCD»: số CCCD «12ab» không hợp lệ; số CCCD gồm đúng 12 chữ số."]


@pytest.mark.parametrize(("year", "ok"), [(1944, False), (1945, True), (2026, True), (2027, False), ("2024", True),
                                          ("hai", False), (None, False)])
def test_year_range(year, ok):
    out = parse([row(year=year)])
    assert (out.errors == []) is ok
    if not ok:
        assert out.errors[0].column == "Năm xếp loại"


@pytest.mark.parametrize(("months", "expected"), [(None, 12), (0, 0), (6, 6), ("10", 10), (13, None), (-1, None),
                                                  (6.5, None)])
def test_months_default_and_range(months, expected):
    out = parse([row(months=months)])
    if expected is None:
        assert out.errors[0].column == "Số tháng công tác"
    else:
        assert out.errors == [] and out.rows[0].months_worked == expected


def test_name_must_have_two_words():
    out = parse([row(name="Lan"), row(name="  ")])
    assert messages(out) == [
        "Dòng 2, cột «Họ và tên»: «Lan» chưa đủ họ và tên (cần ít nhất hai từ).",
        "Dòng 3, cột «Họ và tên»: chưa nhập họ và tên.",
    ]


def test_units_missing_out_of_scope_or_closed():
    out = parse([row(code="T.Z"), row(code="T.B"), row(code="T.C"), row(code="t.a")])
    assert [e.row for e in out.errors] == [2, 3, 4]
    assert "không thuộc phạm vi quản lý của bạn" in out.errors[0].message
    assert "không thuộc phạm vi quản lý của bạn" in out.errors[1].message
    assert "ngừng hoạt động" in out.errors[2].message
    assert out.rows[3].ok and out.rows[3].unit == UNIT_A


def test_fully_empty_rows_are_skipped_and_row_numbers_stay_excel_ones():
    out = parse([[None] * 10, row(), ["", " ", None], row(name="Đỗ Văn Hùng", rating="??")])
    assert len(out.rows) == 2
    assert [e.row for e in out.errors] == [5]


def test_a_row_with_only_an_unknown_column_filled_is_empty():
    headers = ["STT", *HEADERS]
    out = parse([[1, *row()], [2], [3, None, None]], headers=headers)
    assert out.errors == [] and len(out.rows) == 1


def test_headers_match_loosely_and_extra_columns_are_ignored():
    headers = ["STT", "ma don vi", "HO VA TEN", "gioi tinh", "Ngay sinh", "CCCD", "Chức danh", "Năm", "Xếp loại"]
    out = parse([[1, "T.A", "Bùi Thị Lan", "nu", "02/01/1991", "012345678901", "", 2025, "HTNV"]], headers=headers)
    assert out.errors == [] and out.rows[0].cccd == "012345678901"


def test_a_missing_required_column_is_one_error():
    headers = [h for h in HEADERS if h != "Xếp loại"]
    out = parse([["T.A", "Bùi Thị Lan", "Nữ", None, None, "", 2025, 12, ""]] * 5, headers=headers)
    assert messages(out) == ["Dòng 1, cột «Xếp loại»: thiếu cột «Xếp loại»; hãy dùng tệp mẫu (tải ở trang nhập)."]


def test_an_empty_sheet_is_an_error():
    assert parse([]).errors


def test_existing_person_by_cccd_and_rating_change():
    evaluations = {(10, 2024): EvaluationInfo("HTTNV", 12, ""), (10, 2023): EvaluationInfo("HTNV", 12, "")}
    out = parse([
        row(name="Nguyễn Văn Phóng", gender=None, cccd="001085012345", birth=None, year=2025),
        row(name="nguyen van phong", gender=None, cccd="001085012345", birth=None, year=2024, rating="HTXSNV"),
        row(name="Nguyễn Văn Phóng", gender=None, cccd="001085012345", birth=None, year=2023, rating="HTNV"),
    ], evaluations=evaluations)
    assert out.errors == []
    assert [r.action for r in out.rows] == [ACTION_UPDATE] * 3
    assert [r.evaluation for r in out.rows] == [EVAL_NEW, EVAL_CHANGED, EVAL_SAME]
    assert out.summary()["people_existing"] == 1 and out.summary()["people_new"] == 0


def test_existing_person_by_name_birth_and_unit():
    out = parse([row(name="Nguyễn  Văn Phóng", gender="", birth="14/03/1985")])
    assert out.errors == [] and out.rows[0].person == PHONG


def test_a_new_cccd_for_a_person_without_one_is_filled_in():
    out = parse([row(name="Lê Thị Hoa", birth="01/01/1990", cccd="001190000009")])
    assert out.errors == []
    assert out.rows[0].person == NO_CCCD and out.rows[0].fill == {"cccd": "001190000009"}


def test_cccd_of_someone_outside_the_scope_is_refused_without_naming_them():
    out = parse([row(name="Trần Văn Ngoài", cccd="079090000001")])
    (error,) = out.errors
    assert "không dùng được số CCCD" in error.message and "Trần Văn Ngoài" not in error.message
    assert "Sở Y tế" not in error.message


def test_cccd_of_another_name_is_refused():
    out = parse([row(name="Bùi Thị Lan", cccd="001085012345")])
    assert "Nguyễn Văn Phóng" in out.errors[0].message


def test_cccd_holder_with_another_birth_date_is_refused():
    out = parse([row(name="Nguyễn Văn Phóng", cccd="001085012345", birth="15/03/1985")])
    assert out.errors[0].column == "Ngày sinh (dd/mm/yyyy)" and "14/03/1985" in out.errors[0].message


def test_cccd_holder_in_another_unit_of_the_file_is_refused():
    a1 = UnitInfo(pk=4, code="T.A.1", name="Phòng", path="000100010001", active=True, allowed=True)
    ctx = context()
    ctx.units["T.A.1"] = a1
    out = parse_people([HEADERS, row(code="T.A.1", name="Nguyễn Văn Phóng", cccd="001085012345", birth=None)],
                       lambda needs: ctx, today=TODAY)
    assert out.errors[0].column == "Mã đơn vị" and "đang công tác tại «Sở Nội vụ»" in out.errors[0].message


def test_duplicate_cccd_in_the_file_names_the_first_row():
    out = parse([row(cccd="012345678901"), row(name="Đỗ Văn Hùng", gender="Nam", cccd="012345678901")])
    assert messages(out) == ["Dòng 3, cột «Số CCCD»: số CCCD «012345678901» đã dùng ở dòng 2 cho «Bùi Thị Lan»; "
                             "mỗi cá nhân một số CCCD."]


def test_same_person_two_years_is_one_person_but_the_same_year_twice_is_an_error():
    out = parse([row(cccd="012345678901", year=2024), row(cccd="012345678901", year=2025),
                 row(cccd=None, year=2023), row(year=2025)])
    assert messages(out) == ["Dòng 5, cột «Năm xếp loại»: «Bùi Thị Lan» đã có xếp loại năm 2025 ở dòng 3; "
                             "mỗi cá nhân chỉ một xếp loại mỗi năm."]
    assert out.summary()["people_new"] == 1


def test_a_new_person_needs_a_gender():
    out = parse([row(gender=None)])
    assert out.errors[0].column == "Giới tính"


def test_the_context_is_asked_once_for_what_the_file_mentions():
    seen = []

    def load(needs):
        seen.append(needs)
        return context()

    parse_people([HEADERS, row(cccd="012345678901"), row(code="T.B", name="Đỗ Văn Hùng", year=2024)], load,
                 today=TODAY)
    (needs,) = seen
    assert {"T.A", "T.B"} <= needs.unit_codes
    assert needs.cccds == {"012345678901"}
    assert needs.name_keys == {"bui thi lan", "do van hung"}
    assert needs.years == {2024, 2025}
