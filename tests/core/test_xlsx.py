"""core.xlsx: the one door through which data reaches a spreadsheet cell."""

import datetime as dt
import pathlib
import re
from decimal import Decimal

from django.utils.translation import gettext_lazy

from tests.xlsx_cells import AT, MINUS, NAME, NUMBER, PLUS, TAB, assert_text_cells, cells
from thidua.core.xlsx import build_xlsx, sheet_title, xlsx_download

SRC = pathlib.Path(__file__).resolve().parents[2] / "src" / "thidua"


def test_text_that_starts_like_a_formula_stays_text_as_typed():
    content = build_xlsx("Danh sách", ["Họ và tên"], [[NAME], [NUMBER], [PLUS], [MINUS], [AT], [TAB], ["\r=1"],
                                                     ["Nguyễn Văn An"], ["Số 1=1"]])
    assert_text_cells(content, NAME, NUMBER, PLUS, MINUS, AT, TAB, "\r=1", "Nguyễn Văn An", "Số 1=1")


def test_numbers_dates_and_lazy_text_keep_their_kind():
    content = build_xlsx("Danh sách", ["A"], [[-5, Decimal("3800000"), 2.5, dt.date(2025, 1, 2), gettext_lazy("Nam"),
                                               None]])
    row = {c.ref[0]: c for c in cells(content) if c.ref.endswith("3")}
    assert (row["A"].type, row["A"].text) == ("n", "-5")
    assert row["B"].type == "n" and row["C"].text == "2.5"
    assert row["D"].type == "n" and not row["D"].quote_prefix  # an Excel date serial
    assert (row["E"].type, row["E"].text) == ("inlineStr", "Nam")
    assert "F" not in row


def test_characters_a_workbook_cannot_hold_are_dropped_not_a_crash():
    content = build_xlsx("Danh sách", ["A"], [["Nguyễn\x01 Văn\x0b An"]])
    assert_text_cells(content, "Nguyễn Văn An")


def test_a_title_with_characters_sheet_names_refuse_still_makes_a_workbook():
    assert sheet_title("Khối KT/XH [2025]: *?") == "Khối KT-XH -2025-- --"
    assert sheet_title("'") == "Danh sach"
    content = build_xlsx("=Khối KT/XH", ["A"], [])
    assert_text_cells(content, "=Khối KT/XH")


def test_the_download_name_cannot_break_the_header():
    response = xlsx_download(b"", 'danh-sach-chi-thuong-15/QĐ-UBND "x".xlsx')
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''danh-sach-chi-thuong-15-Q%C4%90")


# Every module that writes a workbook, and the test that proves its cells are text. A new
# export is added here with its own `…_writes_user_text_as_text` test.
WRITERS = {
    "awards/views.py": "tests/awards/test_ledger.py",
    "decisions/views.py": "tests/decisions/test_views.py",
    "documents/views.py": "tests/documents/test_views.py",
    "dossiers/views/exports.py": "tests/dossiers/test_views.py",
    "eligibility/exports.py": "tests/eligibility/test_views.py",
    "exemplars/honours.py": "tests/exemplars/test_congress.py",
    "imports/workbook.py": "tests/imports/test_template_cells.py",
    "org/views.py": "tests/org/test_views.py",
    "people/views.py": "tests/people/test_views.py",
    "pledges/views/ranking.py": "tests/pledges/test_views.py",
    "registrations/views.py": "tests/registrations/test_lists.py",
    "reports/chart_views.py": "tests/reports/test_charts_views.py",
    "reports/documents.py": "tests/reports/test_views.py",
}


def test_every_workbook_writer_is_known_and_writes_through_core_xlsx():
    found = set()
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC).as_posix()
        if rel == "core/xlsx.py" or "/migrations/" in rel:
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"xlsx_response\(|build_xlsx\(|Workbook\(|WriteOnlyCell|xlsxwriter", text):
            found.add(rel)
        if rel == "imports/workbook.py":
            # The import templates write cells themselves: each data cell goes through `put`.
            assert not re.search(r"\.cell\([^)]*value=|\.append\(|\]\.value", text), rel
    assert found == set(WRITERS)
