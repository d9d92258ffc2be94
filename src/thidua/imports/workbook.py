"""The .xlsx side of imports: reading an uploaded sheet's cell values and writing the
template officers fill in."""

import io
from collections.abc import Sequence
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from thidua.imports.people import COLUMNS, FIRST_YEAR, MAX_ROWS, RATING_CODES
from thidua.people.models import Gender, Rating

DATA_SHEET = "Danh sách"
LIST_SHEET = "Danh mục"
HELP_SHEET = "Hướng dẫn"
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="9B1C1C")
# Rows the dropdowns cover: the import limit, plus the header.
_LAST_ROW = MAX_ROWS + 1


class UnreadableWorkbook(Exception):
    """The bytes are not an .xlsx workbook openpyxl can read."""


def read_rows(fileobj) -> list[tuple[Any, ...]]:
    """Cell values of the data sheet ("Danh sách", else the first), formulas as last computed.

    Raises UnreadableWorkbook for anything that is not a readable .xlsx.
    """
    try:
        wb = load_workbook(fileobj, read_only=True, data_only=True)
    except Exception as exc:  # zipfile, XML and openpyxl errors alike mean "not a workbook"
        raise UnreadableWorkbook(str(exc)) from exc
    try:
        ws = wb[DATA_SHEET] if DATA_SHEET in wb.sheetnames else wb.worksheets[0]
        # Stop well after the limit so a sheet formatted down to row 1,048,576 stays cheap.
        return [tuple(r) for r in ws.iter_rows(values_only=True, max_row=MAX_ROWS + 1000)]
    except Exception as exc:
        raise UnreadableWorkbook(str(exc)) from exc
    finally:
        wb.close()


def _letter(key: str) -> str:
    return get_column_letter(next(i for i, c in enumerate(COLUMNS, start=1) if c.key == key))


def build_people_template(units: Sequence, *, current_year: int) -> bytes:
    """The people-and-ratings template: a header row, dropdowns and a unit list for UNITS."""
    wb = Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    # Headers and dropdown values are the file's contract: Vietnamese whatever the
    # user's language (the parser also accepts the active language's).
    with translation.override("vi"):
        headers = [str(c.header) for c in COLUMNS]
        genders = [str(label) for label in Gender.labels]
    for i, (column, header) in enumerate(zip(COLUMNS, headers, strict=True), start=1):
        cell = ws.cell(row=1, column=i, value=header)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        ws.column_dimensions[get_column_letter(i)].width = column.width
    ws.row_dimensions[1].height = 32
    ws.freeze_panes = "A2"
    # Typed CCCDs keep their leading zeros only in a text column; dates show as dd/mm/yyyy.
    ws.column_dimensions[_letter("cccd")].number_format = "@"
    ws.column_dimensions[_letter("unit_code")].number_format = "@"
    ws.column_dimensions[_letter("birth_date")].number_format = "DD/MM/YYYY"

    lists = wb.create_sheet(LIST_SHEET)
    lists.append([_("Mã đơn vị"), _("Tên đơn vị")])
    for cell in lists[1]:
        cell.font = Font(bold=True)
    for unit in units:
        lists.append([unit.code, unit.name])
    lists.column_dimensions["A"].width = 16
    lists.column_dimensions["B"].width = 60
    lists.sheet_state = "hidden"

    def rng(key: str) -> str:
        return f"{_letter(key)}2:{_letter(key)}{_LAST_ROW}"

    def dropdown(formula: str, key: str, error: str, prompt: str = "") -> None:
        dv = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True,
                            errorTitle=_("Giá trị không hợp lệ"), error=error,
                            showInputMessage=bool(prompt), prompt=prompt or None)
        dv.add(rng(key))
        ws.add_data_validation(dv)

    if units:
        dropdown(f"'{LIST_SHEET}'!$A$2:$A${len(units) + 1}", "unit_code",
                 _("Chọn mã đơn vị trong danh sách (các đơn vị bạn được quản lý)."))
    dropdown(f'"{",".join(genders)}"', "gender", _("Chọn %(a)s hoặc %(b)s.") % {"a": genders[0], "b": genders[1]})
    dropdown(f'"{",".join(RATING_CODES)}"', "rating", _("Chọn một trong %s.") % ", ".join(RATING_CODES),
             _("HTXSNV, HTTNV, HTNV hoặc KHTNV"))
    year_error = _("Năm xếp loại từ %(a)s đến %(b)s.") % {"a": FIRST_YEAR, "b": current_year}
    for key, low, high, error in (
        ("year", FIRST_YEAR, current_year, year_error),
        ("months_worked", 0, 12, _("Số tháng công tác từ 0 đến 12.")),
    ):
        dv = DataValidation(type="whole", operator="between", formula1=str(low), formula2=str(high),
                            allow_blank=True, showErrorMessage=True, errorTitle=_("Giá trị không hợp lệ"),
                            error=error)
        dv.add(rng(key))
        ws.add_data_validation(dv)

    guide = wb.create_sheet(HELP_SHEET)
    guide.column_dimensions["A"].width = 26
    guide.column_dimensions["B"].width = 90
    guide.append([_("Hướng dẫn nhập danh sách cá nhân và xếp loại hằng năm")])
    guide["A1"].font = Font(bold=True, size=13)
    guide.append([])
    for line in _guide_lines(current_year, units[0].code if units else "…"):
        guide.append(line)
        guide.cell(row=guide.max_row, column=1).font = Font(bold=True)
        guide.cell(row=guide.max_row, column=2).alignment = Alignment(wrap_text=True, vertical="top")

    wb.active = 0
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _guide_lines(current_year: int, example_code: str) -> list[tuple[str, str]]:
    ratings = "; ".join(f"{code} = {label}" for code, label in Rating.choices)
    return [
        (_("Cách dùng"), _("Mỗi dòng của trang «%(sheet)s» là xếp loại một năm của một cá nhân; một cá nhân có thể "
                           "có nhiều dòng cho nhiều năm. Không sửa dòng tiêu đề. Toàn bộ tệp chỉ được lưu khi "
                           "không còn lỗi nào.") % {"sheet": DATA_SHEET}),
        (_("Mã đơn vị"), _("Bắt buộc. Chọn trong danh sách; chỉ gồm các đơn vị đang hoạt động thuộc phạm vi quản lý "
                           "của bạn.")),
        (_("Họ và tên"), _("Bắt buộc, ít nhất hai từ, có dấu. Ví dụ: Nguyễn Văn An.")),
        (_("Giới tính"), _("Nam hoặc Nữ; bắt buộc khi thêm cá nhân mới.")),
        (_("Ngày sinh"), _("Dạng dd/mm/yyyy, ví dụ 02/01/1985.")),
        (_("Số CCCD"), _("Đủ 12 chữ số, kể cả số 0 ở đầu; cột này đã định dạng Văn bản (Text) — nếu dán từ tệp "
                         "khác, hãy giữ định dạng Văn bản để Excel không bỏ số 0 ở đầu.")),
        (_("Chức vụ"), _("Không bắt buộc; chỉ dùng khi thêm cá nhân mới.")),
        (_("Năm xếp loại"), _("Bắt buộc, từ %(a)s đến %(b)s.") % {"a": FIRST_YEAR, "b": current_year}),
        (_("Xếp loại"), _("Bắt buộc, một trong các mã: %s.") % ratings),
        (_("Số tháng công tác"), _("Từ 0 đến 12; để trống là 12 tháng (hoặc giữ số đã ghi nếu đã có xếp loại).")),
        (_("Ghi chú"), _("Không bắt buộc.")),
        (_("Nhận diện cá nhân"), _("Theo số CCCD nếu có; nếu không, theo họ tên, ngày sinh và đơn vị. Không tìm thấy "
                                   "thì thêm cá nhân mới vào đơn vị đó.")),
        (_("Ví dụ một dòng"), _("%(code)s | Nguyễn Văn An | Nam | 14/03/1985 | 001085012345 | Chuyên viên | %(y)s | "
                                "HTTNV | 12 |") % {"code": example_code, "y": current_year - 1}),
    ]
