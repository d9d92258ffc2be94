"""Excel export: any list as a styled .xlsx download, streamed row by row.

Every cell a workbook of ours gets from data goes through `put`: user text is written as a
string cell, never a formula. openpyxl treats any str starting with "=" as a formula, so a
person named `=HYPERLINK(...)` would otherwise become a live link in the officer's Excel;
text Excel or LibreOffice would read as a formula once edited (starting with = + - @, a tab
or a carriage return) also gets Excel's quote prefix, which keeps it text without adding a
visible apostrophe. Our own formulas (data validations) are written by openpyxl elsewhere
and stay formulas.
"""

import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="9B1C1C")
# What makes Excel (or LibreOffice, or a CSV re-save) read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Characters a worksheet title may not hold (openpyxl raises on them).
_SHEET_TITLE_BAD = re.compile(r"[\\*?:/\[\]]")


def put(cell, value: Any):
    """Write VALUE into CELL (a normal or write-only cell) as data, never as a formula.

    Text stays text: typed as a string, control characters XML cannot hold dropped, and
    marked with the quote prefix when it starts like a formula. Dates get dd/mm/yyyy.
    Numbers and booleans are written as they are. Returns CELL.
    """
    if isinstance(value, str):
        text = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.value = text
        cell.data_type = "s"  # after the value: assigning a str starting with "=" sets "f"
        if text.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
        return cell
    if value is not None and not isinstance(value, (int, float, Decimal, dt.date, dt.time, dt.timedelta)):
        return put(cell, str(value))  # lazy translations, enums, model instances: their text
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.make_naive(value)  # Excel has no time zones; openpyxl refuses aware ones
    cell.value = value
    if isinstance(value, dt.date):
        cell.number_format = "DD/MM/YYYY HH:MM" if isinstance(value, dt.datetime) else "DD/MM/YYYY"
    return cell


def cell(ws, value: Any) -> Cell | None:
    """A write-only cell of WS holding VALUE, through `put` (None stays an empty cell)."""
    return None if value is None else put(WriteOnlyCell(ws), value)


def sheet_title(text: str) -> str:
    """TEXT as a worksheet title Excel accepts (≤ 31 characters, none of \\ * ? : / [ ])."""
    return _SHEET_TITLE_BAD.sub("-", ILLEGAL_CHARACTERS_RE.sub("", text)).strip("'")[:31] or "Danh sach"


def build_xlsx(title: str, headers: Sequence[str], rows: Iterable[Sequence], widths: Sequence[int] = ()) -> bytes:
    """A one-sheet workbook: a title line, a header row, then ROWS (dates as dd/mm/yyyy)."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=sheet_title(title))
    for i, width in enumerate(widths or [max(12, len(str(h)) + 4) for h in headers]):
        ws.column_dimensions[get_column_letter(i + 1)].width = width
    ws.freeze_panes = "A3"
    title_cell = put(WriteOnlyCell(ws), title)
    title_cell.font = Font(bold=True, size=13)
    ws.append([title_cell])
    header_cells = []
    for h in headers:
        c = put(WriteOnlyCell(ws), h)
        c.font, c.fill = _HEADER_FONT, _HEADER_FILL
        c.alignment = Alignment(wrap_text=True, vertical="center")
        header_cells.append(c)
    ws.append(header_cells)
    for row in rows:
        ws.append([cell(ws, value) for value in row])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def xlsx_download(content: bytes, filename: str) -> HttpResponse:
    """CONTENT as an .xlsx attachment named FILENAME."""
    response = HttpResponse(content, content_type=XLSX_MIME)
    # Names carry user text (decision numbers such as 15/QĐ-UBND, unit codes): quoted and
    # encoded by Django, so no character of theirs can break the header.
    name = ILLEGAL_CHARACTERS_RE.sub("", filename).replace("/", "-").replace("\\", "-")
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


def xlsx_response(filename: str, title: str, headers: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    return xlsx_download(build_xlsx(title, headers, rows), filename)
