"""Excel export: any list as a styled .xlsx download, streamed row by row."""

import datetime as dt
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="9B1C1C")


def build_xlsx(title: str, headers: Sequence[str], rows: Iterable[Sequence], widths: Sequence[int] = ()) -> bytes:
    """A one-sheet workbook: a title line, a header row, then ROWS (dates as dd/mm/yyyy)."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=title[:31] or "Danh sach")
    for i, width in enumerate(widths or [max(12, len(h) + 4) for h in headers]):
        ws.column_dimensions[get_column_letter(i + 1)].width = width
    ws.freeze_panes = "A3"
    title_cell = WriteOnlyCell(ws, value=title)
    title_cell.font = Font(bold=True, size=13)
    ws.append([title_cell])
    header_cells = []
    for h in headers:
        c = WriteOnlyCell(ws, value=h)
        c.font, c.fill = _HEADER_FONT, _HEADER_FILL
        c.alignment = Alignment(wrap_text=True, vertical="center")
        header_cells.append(c)
    ws.append(header_cells)
    for row in rows:
        out = []
        for value in row:
            if isinstance(value, dt.date):
                c = WriteOnlyCell(ws, value=value)
                c.number_format = "DD/MM/YYYY"
                out.append(c)
            else:
                out.append(value)
        ws.append(out)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def xlsx_response(filename: str, title: str, headers: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    response = HttpResponse(build_xlsx(title, headers, rows), content_type=XLSX_MIME)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
