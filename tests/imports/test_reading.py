"""Every limit of the bounded workbook reader refuses with a Vietnamese message naming it,
before the part past the limit is parsed (issue 10, finding 3). The limits are lowered
here so the hostile files stay small; tests/imports/test_bombs.py sends the full-size
bombs through the real page in a fresh process and measures its memory."""

import dataclasses
import io
import zipfile

import pytest

from tests.imports import bombs
from tests.imports.conftest import xlsx_bytes
from thidua.imports import reading
from thidua.imports.reading import LIMITS, WorkbookRefused, read_rows

ROW = ["T.A", "Nguyễn Văn An", "Nam", None, None, None, 2025, "HTNV", None, None]


def rows_of(content: bytes, limits=LIMITS) -> list:
    return list(read_rows(io.BytesIO(content), limits))


def refusal(content: bytes, limits=LIMITS) -> str:
    with pytest.raises(WorkbookRefused) as exc:
        rows_of(content, limits)
    assert exc.value.extra == {"field": "file"}
    return exc.value.message


def test_a_workbook_reads_as_numbered_rows_of_values():
    rows = rows_of(xlsx_bytes([ROW, [], ROW]))
    assert [n for n, _cells in rows] == [1, 2, 4]  # the empty row 3 has no cells
    assert rows[1][1][:3] == ("T.A", "Nguyễn Văn An", "Nam") and rows[1][1][6] == 2025


def test_a_cell_far_to_the_right_is_refused_naming_row_and_column():
    # No declared dimension: only the cell itself says how wide the row is.
    sheet = (bombs._HEAD + "<sheetData>" + bombs._header_row()
             + '<row r="2"><c r="A2" t="inlineStr"><is><t>T.A</t></is></c><c r="XFD2"><v>1</v></c></row>'
             + "</sheetData></worksheet>").encode()
    message = refusal(bombs._swap(xlsx_bytes([]), {bombs.SHEET: sheet}))
    assert message == reading.CELL_TOO_FAR % {"row": 2, "sheet": "Danh sách", "col": "XFD", "max": 100,
                                              "last": "CV"}


def test_cells_without_references_count_too():
    cells = "".join("<c><v>1</v></c>" for _ in range(101))
    sheet = (bombs._HEAD + f'<sheetData><row r="1">{cells}</row></sheetData></worksheet>').encode()
    assert "có ô ở cột CW" in refusal(bombs._swap(xlsx_bytes([]), {bombs.SHEET: sheet}))


def test_a_declared_dimension_past_the_limit_is_refused():
    message = refusal(bombs.padded_to_xfd(rows=3))
    assert message == reading.DECLARED_TOO_WIDE % {"sheet": "Danh sách", "col": "XFD", "n": "16.384", "max": 100,
                                                   "last": "CV"}


def test_a_part_inflating_past_the_ratio_is_refused():
    message = refusal(bombs.huge_string(megabytes=3))
    assert "giải nén lớn gấp" in message and "vượt giới hạn 100 lần" in message and "Trang tính «sheet1.xml»" in message


def test_parts_past_their_size_are_refused():
    small = dataclasses.replace(LIMITS, sheet_bytes=2 * 1024 * 1024, ratio=10_000)
    message = refusal(bombs.huge_string(megabytes=3), small)
    assert message.startswith("Trang tính «sheet1.xml» của tệp khi giải nén lớn 3 MB, vượt giới hạn 2 MB")
    total = dataclasses.replace(LIMITS, total_bytes=1024 * 1024, ratio=10_000)
    message = refusal(bombs.huge_string(megabytes=3), total)
    assert message.startswith("Tệp Excel khi giải nén lớn 3 MB, vượt giới hạn 1 MB")


def test_one_row_past_the_element_limit_is_refused_before_it_is_built():
    loose = dataclasses.replace(LIMITS, ratio=10_000, element_bytes=512 * 1024)
    message = refusal(bombs.huge_string(megabytes=3), loose)
    assert message.startswith("Dòng 2 của trang «Danh sách» lớn hơn 512 KB")


def test_the_shared_strings_table_is_bounded_by_size_and_by_count():
    loose = dataclasses.replace(LIMITS, ratio=10_000)
    message = refusal(bombs.huge_strings_table(megabytes=20), loose)
    assert message.startswith("Bảng chuỗi văn bản dùng chung của tệp khi giải nén lớn 20 MB, vượt giới hạn 16 MB")
    few = dataclasses.replace(LIMITS, ratio=10_000, strings=1000)
    assert refusal(bombs.huge_strings_table(megabytes=1), few) == reading.TOO_MANY_STRINGS % {"max": "1.000"}


def test_too_many_row_elements_are_refused():
    blank = "".join(f'<row r="{n}" customFormat="1" s="1"/>' for n in range(2, 60))
    sheet = (bombs._HEAD + "<sheetData>" + bombs._header_row() + blank + "</sheetData></worksheet>").encode()
    few = dataclasses.replace(LIMITS, rows=50)
    assert refusal(bombs._swap(xlsx_bytes([]), {bombs.SHEET: sheet}), few) == reading.TOO_MANY_ROWS % {
        "sheet": "Danh sách", "max": "50"}


def test_too_many_sheets_and_parts_are_refused():
    from openpyxl import Workbook

    wb = Workbook()
    for i in range(5):
        wb.create_sheet(f"Trang {i}")
    buf = io.BytesIO()
    wb.save(buf)
    few = dataclasses.replace(LIMITS, sheets=3)
    assert refusal(buf.getvalue(), few) == reading.TOO_MANY_SHEETS % {"n": 6, "max": 3}
    assert refusal(buf.getvalue(), dataclasses.replace(LIMITS, parts=5)).startswith("Tệp Excel gồm 14 thành phần")


@pytest.mark.parametrize("padding", ["", "<!--" + "đệm " * 4000 + "-->\n" + " " * 70000],
                         ids=["at-the-start", "after-a-long-comment"])
def test_a_part_declaring_a_dtd_is_refused_unparsed(padding):
    """Wherever the DTD sits in the part's prolog: behind a comment of any length too."""
    laughs = (f'<?xml version="1.0"?>{padding}<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
              '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol2;</t></si></sst>')
    base = xlsx_bytes([ROW])
    assert refusal(bombs._swap(base, {bombs.STRINGS: laughs.encode()})) == reading.NOT_XLSX


def test_a_comment_before_the_first_element_is_no_dtd():
    base = xlsx_bytes([ROW])
    with zipfile.ZipFile(io.BytesIO(base)) as archive:
        sheet = archive.read(bombs.SHEET)
    declaration, _, rest = sheet.partition(b"?>")
    padded = declaration + b"?><!-- <!DOCTYPE in a comment -->\n" + rest
    assert rows_of(bombs._swap(base, {bombs.SHEET: padded})) == rows_of(base)


@pytest.mark.parametrize("content", [b"", b"not a zip", b"PK\x03\x04broken"])
def test_what_is_not_a_workbook_is_refused(content):
    assert refusal(content) == reading.NOT_XLSX


def test_a_zip_that_is_not_a_workbook_is_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    assert refusal(buf.getvalue()) == reading.NOT_XLSX
