"""Reading an uploaded workbook without letting it take the server: an .xlsx is a zip of
XML parts, and a small file can unzip to gigabytes or declare a row 16,384 cells wide.

`read_rows(fileobj)` yields the data sheet's rows as (Excel row number, cell values)
after checking, before any part is parsed, the zip's directory: the number of parts, the
size of each part and of all once unzipped, and how much each part inflates (a
"zip bomb" inflates a thousandfold; a real workbook at most some tens). The parts
openpyxl reads whole are bounded tighter (the shared strings table by size and by count).
Then the sheet is streamed with openpyxl's read-only parser, one row at a time: the
declared dimension and every actual cell must stay within the column limit, and no one
row may take more than a bounded number of bytes — a row padded out to column XFD, or a
single cell of hundreds of megabytes, is refused as soon as it is seen, never built.

Zip members can lie about their size: Python's zipfile never inflates past the size a
member declares, so the declared sizes checked here bound what is read.

Every refusal is a `WorkbookRefused` whose Vietnamese message names the limit.
"""

import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet._reader import WorkSheetParser

from thidua.core.errors import ApplicationError
from thidua.core.uploads import size_text

DATA_SHEET = "Danh sách"
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    parts: int = 1000  # members of the zip
    sheets: int = 50
    total_bytes: int = 256 * _MB  # every part once unzipped
    sheet_bytes: int = 64 * _MB  # one worksheet part once unzipped (streamed)
    strings_bytes: int = 16 * _MB  # the shared strings table (openpyxl keeps it whole)
    strings: int = 200_000  # entries of that table
    part_bytes: int = 2 * _MB  # any other part (openpyxl parses them whole)
    ratio: int = 100  # unzipped size ÷ zipped size of one part …
    ratio_from: int = 1 * _MB  # … for parts bigger than this once unzipped
    columns: int = 100
    rows: int = 100_000  # row elements of the sheet, blank formatted ones too
    element_bytes: int = 2 * _MB  # one row of the sheet, one string of the table


LIMITS = Limits()

NOT_XLSX = _(
    "Không đọc được tệp này: đây không phải tệp Excel .xlsx hợp lệ hoặc tệp đã bị hỏng. Hãy mở tệp bằng Excel, "
    "chọn Lưu thành (Save As) dạng «Excel Workbook (.xlsx)» rồi tải lên lại."
)
_COPY_HINT = _("hãy sao chép dữ liệu sang tệp mẫu mới (tải ở trang này) rồi tải lên lại.")
TOO_MANY_PARTS = _("Tệp Excel gồm %(n)s thành phần bên trong, vượt giới hạn %(max)s thành phần; %(hint)s")
TOO_MANY_SHEETS = _("Tệp có %(n)s trang tính, vượt giới hạn %(max)s trang; hãy xóa các trang không cần rồi tải lên "
                    "lại.")
UNZIPPED_TOO_BIG = _("Tệp Excel khi giải nén lớn %(size)s, vượt giới hạn %(max)s; hãy chia thành nhiều tệp nhỏ hơn.")
PART_TOO_BIG = _("%(part)s của tệp khi giải nén lớn %(size)s, vượt giới hạn %(max)s; %(hint)s")
INFLATES = _("Tệp Excel bị nén bất thường: %(part)s giải nén lớn gấp %(ratio)s lần, vượt giới hạn %(max)s lần (dấu "
             "hiệu của tệp độc hại kiểu «bom nén»), nên tệp không được đọc. %(hint)s")
TOO_MANY_STRINGS = _("Tệp có hơn %(max)s chuỗi văn bản khác nhau, vượt giới hạn mỗi lần nhập; hãy xóa các trang, "
                     "cột không cần rồi tải lên lại.")
STRING_TOO_BIG = _("Tệp có một chuỗi văn bản dài hơn %(max)s, vượt giới hạn; một ô Excel chỉ chứa tối đa 32.767 ký "
                   "tự. Hãy kiểm tra lại tệp.")
DECLARED_TOO_WIDE = _("Trang «%(sheet)s» khai báo vùng dữ liệu rộng đến cột %(col)s (%(n)s cột), vượt giới hạn "
                      "%(max)s cột (đến cột %(last)s); hãy xóa các cột thừa bên phải rồi lưu lại.")
CELL_TOO_FAR = _("Dòng %(row)s của trang «%(sheet)s» có ô ở cột %(col)s, vượt giới hạn %(max)s cột (đến cột "
                 "%(last)s); hãy xóa các cột thừa bên phải rồi lưu lại.")
TOO_MANY_ROWS = _("Trang «%(sheet)s» có hơn %(max)s dòng (kể cả các dòng trống đã được định dạng), vượt giới hạn; "
                  "hãy xóa các dòng thừa bên dưới dữ liệu (chọn các dòng, bấm Xóa) rồi lưu lại.")
ROW_TOO_BIG = _("Dòng %(row)s của trang «%(sheet)s» lớn hơn %(max)s, vượt giới hạn một dòng; một ô Excel chỉ chứa "
                "tối đa 32.767 ký tự. Hãy kiểm tra lại dòng này.")


class WorkbookRefused(ApplicationError):
    """The upload is not a workbook we read, or goes past a limit; names the file field."""

    def __init__(self, message, **args):
        super().__init__(message % args if args else message, {"field": "file"})


def _part_label(name: str) -> str:
    if name.startswith("xl/worksheets/"):
        return str(_("Trang tính «%s»") % name.rsplit("/", 1)[-1])
    if name == "xl/sharedStrings.xml":
        return str(_("Bảng chuỗi văn bản dùng chung"))
    if name == "xl/styles.xml":
        return str(_("Bảng định dạng"))
    return str(_("Thành phần «%s»") % name)


def check_archive(fileobj, limits: Limits = LIMITS) -> None:
    """Refuse, from the zip directory alone, a file that would unzip past the limits;
    then count the shared strings table's entries as a stream."""
    try:
        archive = zipfile.ZipFile(fileobj)
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise WorkbookRefused(NOT_XLSX) from exc
    with archive:
        if len(infos) > limits.parts:
            raise WorkbookRefused(TOO_MANY_PARTS, n=len(infos), max=limits.parts, hint=_COPY_HINT)
        total = sum(i.file_size for i in infos)
        if total > limits.total_bytes:
            raise WorkbookRefused(UNZIPPED_TOO_BIG, size=size_text(total), max=size_text(limits.total_bytes))
        sheets = 0
        for info in infos:
            name = info.filename
            is_sheet = name.startswith("xl/worksheets/") and name.endswith(".xml")
            sheets += is_sheet
            ceiling = (limits.sheet_bytes if is_sheet else limits.strings_bytes if name == "xl/sharedStrings.xml"
                       else limits.part_bytes if name.endswith((".xml", ".rels")) else limits.sheet_bytes)
            if info.file_size > ceiling:
                raise WorkbookRefused(PART_TOO_BIG, part=_part_label(name), size=size_text(info.file_size),
                                      max=size_text(ceiling), hint=_COPY_HINT)
            if info.file_size > limits.ratio_from and info.file_size > limits.ratio * max(info.compress_size, 1):
                raise WorkbookRefused(INFLATES, part=_part_label(name), max=limits.ratio, hint=_COPY_HINT,
                                      ratio=f"{info.file_size // max(info.compress_size, 1):,}".replace(",", "."))
        if sheets > limits.sheets:
            raise WorkbookRefused(TOO_MANY_SHEETS, n=sheets, max=limits.sheets)
        for info in infos:
            # No part of a workbook declares a DTD; one that does may define entities that
            # expand without end when parsed ("billion laughs"): refused before parsing.
            if info.filename.endswith((".xml", ".rels")):
                with archive.open(info) as src:
                    if _declares_dtd(src):
                        raise WorkbookRefused(NOT_XLSX)
        if "xl/sharedStrings.xml" in archive.namelist():
            with archive.open("xl/sharedStrings.xml") as src:
                _count_strings(src, limits)


# What may come before an XML part's first element besides a DTD: blanks, the XML
# declaration and other processing instructions, comments.
_PROLOG_ITEM = re.compile(rb"\s+|<\?.*?\?>|<!--.*?-->", re.S)
# A prolog longer than this is no spreadsheet program's: refused rather than read on.
_PROLOG_MAX = 1 << 20


def _declares_dtd(src) -> bool:
    """Whether the XML part SRC declares a DTD (or cannot be shown not to): its whole
    prolog is read, however many comments pad it, up to the first element. A part in
    UTF-16 (no spreadsheet program writes one) counts as declaring one: its bytes do not
    show a DTD to this check."""
    data, pos, ended = src.read(64 * 1024), 0, False
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4]:
        return True
    if data.startswith(b"\xef\xbb\xbf"):
        pos = 3
    while True:
        while (item := _PROLOG_ITEM.match(data, pos)) and (item.end() < len(data) or ended):
            pos = item.end()
        head = data[pos:pos + 9]
        if head.upper() == b"<!DOCTYPE" or (ended and b"<!DOCTYPE".startswith(head.upper()) and head):
            return True
        # A blank run, a comment or an instruction cut by the end of what was read, or
        # too little read to tell: read on.
        unfinished = head[:1].isspace() or head.startswith((b"<?", b"<!--")) or b"<!DOCTYPE".startswith(head.upper())
        if ended or not unfinished:
            return False
        if len(data) > _PROLOG_MAX:
            return True
        more = src.read(64 * 1024)
        ended = not more
        data += more


class _Guard:
    """A stream that refuses to give more than LIMIT bytes between two `mark()`s: the
    XML parser reads through it, so no single element (a row, a string) can grow past
    the limit in memory before the code sees it."""

    def __init__(self, src, limit: int):
        self.src, self.limit, self.since = src, limit, 0

    def read(self, n: int = -1) -> bytes:
        data = self.src.read(n if n and n > 0 else 64 * 1024)
        self.since += len(data)
        if self.since > self.limit:
            raise _ElementTooBig
        return data

    def mark(self) -> None:
        self.since = 0


class _ElementTooBig(Exception):
    pass


def _count_strings(src, limits: Limits) -> None:
    guard = _Guard(src, limits.element_bytes)
    count = 0
    root = None
    try:
        for event, element in ET.iterparse(guard, events=("start", "end")):  # noqa: S314 — no DTD (check_archive)
            if root is None:
                root = element
            elif event == "end" and element.tag == f"{_MAIN}si":
                count += 1
                if count > limits.strings:
                    raise WorkbookRefused(TOO_MANY_STRINGS, max=f"{limits.strings:,}".replace(",", "."))
                root.remove(element)
                guard.mark()
    except _ElementTooBig:
        raise WorkbookRefused(STRING_TOO_BIG, max=size_text(limits.element_bytes)) from None
    except ET.ParseError as exc:
        raise WorkbookRefused(NOT_XLSX) from exc


_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")


def _column(ref: str | None) -> int | None:
    match = _REF.match(ref or "")
    return column_index_from_string(match[1]) if match else None


def _open(fileobj) -> ExcelReader:
    """openpyxl's reader over the workbook's own parts: the manifest, the shared strings,
    the workbook (sheets, epoch) and the styles (which number formats are dates). Not its
    worksheets: for a sheet without a declared dimension, openpyxl's read-only mode parses
    the whole sheet once just to size it, keeping every row element — the rows are
    streamed here instead."""
    reader = ExcelReader(fileobj, read_only=True, data_only=True, keep_links=False)
    reader.read_manifest()
    reader.read_strings()
    reader.read_workbook()
    apply_stylesheet(reader.archive, reader.wb)
    return reader


def read_rows(fileobj, limits: Limits = LIMITS, sheet: str = DATA_SHEET) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(Excel row number, cell values) for every row of SHEET (else the first sheet) that
    has cells, formulas as last computed; a row's values stop at its last cell. Raises
    WorkbookRefused before reading anything past a limit, or for what is not a workbook."""
    check_archive(fileobj, limits)
    fileobj.seek(0)
    try:
        reader = _open(fileobj)
    except Exception as exc:  # zipfile, XML and openpyxl errors alike mean "not a workbook"
        raise WorkbookRefused(NOT_XLSX) from exc
    try:
        sheets = [(s.name, rel.target) for s, rel in reader.parser.find_sheets()
                  if rel.target in reader.valid_files and "chartsheet" not in rel.Type]
        if len(sheets) > limits.sheets:
            raise WorkbookRefused(TOO_MANY_SHEETS, n=len(sheets), max=limits.sheets)
        if not sheets:
            raise WorkbookRefused(NOT_XLSX)
        title, target = next((s for s in sheets if s[0] == sheet), sheets[0])
        wb = reader.wb
        # The same cell parser openpyxl's read-only sheets use, over our own row loop.
        cells = WorkSheetParser(None, reader.shared_strings, data_only=True, epoch=wb.epoch,
                                date_formats=wb._date_formats, timedelta_formats=wb._timedelta_formats)
        with reader.archive.open(target) as src:
            yield from _stream(src, cells, title, limits)
    except (WorkbookRefused, GeneratorExit):
        raise
    except Exception as exc:
        raise WorkbookRefused(NOT_XLSX) from exc
    finally:
        reader.archive.close()


def _stream(src, cells: WorkSheetParser, title: str, limits: Limits) -> Iterator[tuple[int, tuple[Any, ...]]]:
    guard = _Guard(src, limits.element_bytes)
    root = sheet_data = None
    depth = number = column = seen = 0
    try:
        for event, element in ET.iterparse(guard, events=("start", "end")):  # noqa: S314 — no DTD (check_archive)
            if event == "start":
                depth += 1
                if root is None:
                    root = element
                elif element.tag == f"{_MAIN}sheetData":
                    sheet_data = element
                elif element.tag == f"{_MAIN}row":
                    number = int(float(element.get("r") or number + 1))
                    column, seen = 0, seen + 1
                    if seen > limits.rows:
                        raise WorkbookRefused(TOO_MANY_ROWS, sheet=title, max=f"{limits.rows:,}".replace(",", "."))
                continue
            depth -= 1
            tag = element.tag
            if tag == f"{_MAIN}c":
                column = _column(element.get("r")) or column + 1
                if column > limits.columns:
                    raise WorkbookRefused(CELL_TOO_FAR, row=number, sheet=title, col=get_column_letter(column),
                                          max=limits.columns, last=get_column_letter(limits.columns))
            elif tag == f"{_MAIN}row":
                values = _row_values(cells, element, number, limits, title)
                sheet_data.remove(element)
                guard.mark()
                if values:
                    yield number, values
            elif tag == f"{_MAIN}sheetData":
                return  # what follows the cells (merged ranges, validations…) is not data
            elif depth == 1:
                if tag == f"{_MAIN}dimension":
                    _check_dimension(element.get("ref"), title, limits)
                root.remove(element)
                guard.mark()
    except _ElementTooBig:
        raise WorkbookRefused(ROW_TOO_BIG, row=number or 1, sheet=title,
                              max=size_text(limits.element_bytes)) from None
    except ET.ParseError as exc:
        raise WorkbookRefused(NOT_XLSX) from exc


def _check_dimension(ref: str | None, title: str, limits: Limits) -> None:
    """The sheet's declared used range, "A1:XFD10001": its last column within the limit."""
    width = _column((ref or "").rpartition(":")[2])
    if width is not None and width > limits.columns:
        raise WorkbookRefused(DECLARED_TOO_WIDE, sheet=title, col=get_column_letter(width),
                              n=f"{width:,}".replace(",", "."), max=limits.columns,
                              last=get_column_letter(limits.columns))


def _row_values(cells: WorkSheetParser, element, number: int, limits: Limits, title: str) -> tuple[Any, ...]:
    cells.row_counter, cells.col_counter = number, 0
    parsed = [cells.parse_cell(c) for c in element]
    if not parsed:
        return ()
    width = max(c["column"] for c in parsed)
    if width > limits.columns:  # a cell without a reference, counted past the limit
        raise WorkbookRefused(CELL_TOO_FAR, row=number, sheet=title, col=get_column_letter(width),
                              max=limits.columns, last=get_column_letter(limits.columns))
    values: list[Any] = [None] * width
    for c in parsed:
        values[c["column"] - 1] = c["value"]
    return tuple(values)
