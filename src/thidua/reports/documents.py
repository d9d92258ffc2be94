"""The forms as files: Excel in the form's own layout (title block, headers, row codes,
units) and PDF with the same figures. Every value goes through `core.xlsx.put`."""

import io
import threading
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from thidua.core import xlsx
from thidua.core.collector import no_gc
from thidua.org.labels import head_title
from thidua.reports.figures import Figures, due_date, period

# The circular whose forms these are (docs/statistics.md says what was read and what not).
BASIS = "Thông tư số 02/2023/TT-BNV ngày 23/3/2023 của Bộ trưởng Bộ Nội vụ"
RECEIVER = "Bộ Nội vụ"

_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="center")
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def heading(fig: Figures) -> dict:
    """The title block of FIG's form, as the page, the workbook and the PDF print it."""
    first, last = period(fig.year)
    due = due_date(fig.year)
    return {
        "number": _("Biểu số: %(n)s") % {"n": fig.layout.number},
        "basis": _("Ban hành theo %(basis)s") % {"basis": BASIS},
        "due": _("Ngày nhận báo cáo: ngày %(d)d tháng %(m)d năm %(y)d") % {"d": due.day, "m": due.month, "y": due.year},
        "sender": _("Đơn vị báo cáo: %(unit)s") % {"unit": fig.unit.name},
        "receiver": _("Đơn vị nhận báo cáo: %(r)s") % {"r": RECEIVER},
        "title": str(fig.layout.title).upper(),
        "year": _("Năm %(y)d (số liệu từ ngày %(a)s đến ngày %(b)s)") % {
            "y": fig.year, "a": first.strftime("%d/%m/%Y"), "b": last.strftime("%d/%m/%Y")},
        "unit_note": str(fig.layout.unit_note),
    }


def signatures(fig: Figures) -> dict:
    """The signature block under the table, as the forms are signed: the place and date
    left for the officer, the preparer on the left, the head of the reporting unit (by the
    title of its head) on the right."""
    return {
        "dated": _("……, ngày …… tháng …… năm ……"),
        "preparer": _("Người lập biểu"), "preparer_note": _("(Ký, họ tên)"),
        "head": head_title(fig.unit.name, fig.unit.kind).upper(), "head_note": _("(Ký, họ tên, đóng dấu)"),
    }


def header_labels(fig: Figures) -> tuple[list[str], list[str]]:
    """The two header lines of the table: the labels, and the letters and numbers under them."""
    labels = ["", _("Mã số")] + ([_("Đơn vị tính")] if fig.layout.unit_column else [])
    letters = ["A", "B"] + (["C"] if fig.layout.unit_column else [])
    labels += [str(c.label) for c in fig.layout.columns]
    letters += [c.number for c in fig.layout.columns]
    return labels, letters


def body_rows(fig: Figures) -> list[tuple]:
    """(label with its indent, code, unit or None, counts or None, bold) for each row."""
    out = []
    for row, counts in fig.lines():
        label = ("- " if row.indent == 1 else "+ " if row.indent == 2 else "") + str(row.label)
        out.append((label, row.code, str(row.unit) if fig.layout.unit_column else None, counts, row.bold))
    return out


def workbook(fig: Figures) -> bytes:
    """FIG as an .xlsx in the form's layout."""
    wb = Workbook()
    ws = wb.active
    ws.title = xlsx.sheet_title(fig.layout.number.replace("/", "-"))
    labels, letters = header_labels(fig)
    width = len(labels)
    right = max(width - 2, 3)  # the column the right half of the title block starts at
    head = heading(fig)

    def put(r, c, value, font=None, align=None, box=False):
        cell = xlsx.put(ws.cell(row=r, column=c), value)
        if font:
            cell.font = font
        if align:
            cell.alignment = align
        if box:
            cell.border = _BOX
        return cell

    put(1, 1, head["number"], _BOLD)
    put(1, right, head["sender"])
    put(2, 1, head["basis"])
    put(2, right, head["receiver"])
    put(3, 1, head["due"])
    put(5, 1, head["title"], Font(bold=True, size=13), _CENTER)
    ws.merge_cells(start_row=5, start_column=1, end_row=5, end_column=width)
    put(6, 1, head["year"], Font(italic=True), _CENTER)
    ws.merge_cells(start_row=6, start_column=1, end_row=6, end_column=width)
    if head["unit_note"]:
        put(7, width, head["unit_note"], Font(italic=True))
    top = 8
    for c, (label, letter) in enumerate(zip(labels, letters, strict=True), start=1):
        put(top, c, label, _BOLD, _CENTER, box=True)
        put(top + 1, c, letter, _BOLD, _CENTER, box=True)
    r = top + 2
    for label, code, unit, counts, bold in body_rows(fig):
        font = _BOLD if bold else None
        values = [label, code] + ([unit] if unit is not None else []) + (counts or [None] * len(fig.layout.columns))
        for c, value in enumerate(values, start=1):
            put(r, c, value if value != "" else None, font, _WRAP if c == 1 else _CENTER, box=True)
        r += 1
    sign = signatures(fig)
    put(r + 1, right, sign["dated"], Font(italic=True))
    put(r + 2, 1, sign["preparer"], _BOLD, _CENTER)
    put(r + 2, right, sign["head"], _BOLD)
    put(r + 3, 1, sign["preparer_note"], Font(italic=True), _CENTER)
    put(r + 3, right, sign["head_note"], Font(italic=True))
    ws.column_dimensions["A"].width = 60
    for c in range(2, width + 1):
        ws.column_dimensions[get_column_letter(c)].width = 12 if c <= (3 if fig.layout.unit_column else 2) else 16
    ws.row_dimensions[top].height = 75
    ws.freeze_panes = ws.cell(row=top + 2, column=2)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


_STYLESHEET = Path(__file__).parent / "templates" / "reports" / "form_pdf.css"
# Nothing outside the document is fetched: no file, no network.
_FETCHER = URLFetcher(allowed_protocols={"data"})
# What WeasyPrint would otherwise build again for every PDF: a Fontconfig configuration
# (loading the fonts and their faces) and the parsed stylesheet. Per thread, as Pango's
# font map is not shared between threads.
_cache = threading.local()


class _FormHTML(HTML):
    """A form's document: its stylesheet (form_pdf.css) carries the few defaults of the
    elements it uses, in place of WeasyPrint's whole HTML stylesheet, which every element
    would otherwise be matched against."""

    def _ua_stylesheets(self, forms=False):
        return []


def _renderer() -> tuple[FontConfiguration, CSS]:
    if not hasattr(_cache, "fonts"):
        _cache.fonts = FontConfiguration()
        _cache.css = CSS(string=_STYLESHEET.read_text(encoding="utf-8"), font_config=_cache.fonts,
                         url_fetcher=_FETCHER)
    return _cache.fonts, _cache.css


def pdf(fig: Figures) -> bytes:
    """FIG as a PDF (A4 landscape, Liberation Serif), the same table as the workbook."""
    labels, letters = header_labels(fig)
    document = render_to_string("reports/form_pdf.html", {
        "head": heading(fig), "labels": labels, "letters": letters, "rows": body_rows(fig),
        "columns": fig.layout.columns, "unit_column": fig.layout.unit_column, "sign": signatures(fig)})
    fonts, stylesheet = _renderer()
    with no_gc():  # WeasyPrint's boxes for a few hundred cells, all freed when the PDF is written
        return _FormHTML(string=document, url_fetcher=_FETCHER).write_pdf(font_config=fonts, stylesheets=[stylesheet])


def filename(fig: Figures, ext: str) -> str:
    return f"bieu-{fig.layout.slug}-{fig.unit.code}-{fig.year}.{ext}"
