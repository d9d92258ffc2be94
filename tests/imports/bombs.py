"""Hostile .xlsx files, built the way an attacker would: a normal workbook whose parts are
swapped for ones that are tiny when zipped and enormous when read (issue 10, finding 3).

Each builder streams the huge part through the compressor in chunks, so making a bomb
never holds it in memory. The files open in Excel's eyes as ordinary workbooks: the
header row is the people template's.
"""

import io
import zipfile
from collections.abc import Iterator

from tests.imports.conftest import HEADERS, xlsx_bytes

SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"
_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
_MB = 1024 * 1024


def _header_row() -> str:
    cells = "".join(f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{h}</t></is></c>' for i, h in enumerate(HEADERS))
    return f'<row r="1">{cells}</row>'


def _member_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _swap(base: bytes, parts: dict[str, bytes | Iterator[bytes]]) -> bytes:
    """BASE with each member of PARTS written (replaced or added) from its bytes or chunks."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED,
                                                                    compresslevel=9) as dst:
        for info in src.infolist():
            if info.filename not in parts:
                dst.writestr(info, src.read(info.filename), compress_type=zipfile.ZIP_DEFLATED)
        for name, content in parts.items():
            with dst.open(_member_info(name), "w", force_zip64=True) as part:
                for chunk in [content] if isinstance(content, bytes) else content:
                    part.write(chunk)
    return out.getvalue()


def huge_string(megabytes: int = 300) -> bytes:
    """~300 KB: one data row whose name cell is an inline string of MEGABYTES MB."""
    def chunks():
        yield (_HEAD + "<dimension ref=\"A1:J2\"/><sheetData>" + _header_row()
               + '<row r="2"><c r="A2" t="inlineStr"><is><t>T.A</t></is></c>'
               + '<c r="B2" t="inlineStr"><is><t>').encode()
        block = b"A" * _MB
        for _ in range(megabytes):
            yield block
        yield b"</t></is></c></row></sheetData></worksheet>"
    return _swap(xlsx_bytes([]), {SHEET: chunks()})


def huge_strings_table(megabytes: int = 512) -> bytes:
    """~1 MB: a shared strings part of MEGABYTES MB of short names, which openpyxl loads
    whole before reading a single row."""
    base = xlsx_bytes([])
    with zipfile.ZipFile(io.BytesIO(base)) as zf:
        types = zf.read("[Content_Types].xml").decode()
    types = types.replace("</Types>", f'<Override PartName="/{STRINGS}" ContentType="application/'
                                      'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    sheet = (_HEAD + '<dimension ref="A1:J2"/><sheetData>' + _header_row()
             + '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c></row></sheetData></worksheet>')

    def strings():
        yield (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/'
               b'spreadsheetml/2006/main"><si><t>T.A</t></si>')
        item = "<si><t>Nguyễn Văn An</t></si>".encode()
        block = item * (_MB // len(item))
        for _ in range(megabytes):
            yield block
        yield b"</sst>"
    return _swap(base, {"[Content_Types].xml": types.encode(), SHEET: sheet.encode(), STRINGS: strings()})


def padded_to_xfd(rows: int = 10_000) -> bytes:
    """~66 KB: ROWS ordinary rows, each with one more empty cell in column XFD (16,384),
    and a dimension that says so: a reader that pads rows makes 16,384 cells of each."""
    def chunks():
        yield (_HEAD + f'<dimension ref="A1:XFD{rows + 1}"/><sheetData>' + _header_row()).encode()
        for n in range(2, rows + 2):
            yield (f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>T.A</t></is></c>'
                   f'<c r="B{n}" t="inlineStr"><is><t>Nguyễn Văn An</t></is></c>'
                   f'<c r="XFD{n}" t="inlineStr"><is><t>x</t></is></c></row>').encode()
        yield b"</sheetData></worksheet>"
    return _swap(xlsx_bytes([]), {SHEET: chunks()})


BOMBS = {"huge_string": huge_string, "huge_strings_table": huge_strings_table, "padded_to_xfd": padded_to_xfd}
