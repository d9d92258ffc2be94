"""The text of an uploaded văn bản (.txt, .docx, or .pdf with a text layer), for `parse`.

Django-free like the parser: `thidua.core.errors` imports Django, so `ExtractError` mirrors
`ApplicationError`'s shape (`message`, `extra`) instead of subclassing it; a view catches
both the same way. Messages are Vietnamese constants that tests import.
"""

from __future__ import annotations

import io
import unicodedata
from pathlib import PurePath
from typing import Any

ACCEPTED = (".txt", ".docx", ".pdf")
NOT_UTF8 = "Tệp không phải văn bản mã UTF-8; hãy lưu lại tệp với mã UTF-8 rồi tải lên lại."
BAD_DOCX = "Không đọc được tệp Word (.docx): tệp bị hỏng hoặc không đúng định dạng."
BAD_PDF = "Không đọc được tệp PDF: tệp bị hỏng hoặc được khóa bằng mật khẩu."
SCANNED_PDF = "Tệp PDF không có lớp chữ (bản quét); hãy dán nội dung văn bản."
UNSUPPORTED = "Không đọc được tệp «{name}»: chỉ nhận tệp .txt, .docx hoặc .pdf."

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class ExtractError(Exception):
    """The file gives no text; `message` tells the officer what to do instead."""

    def __init__(self, message: str, extra: dict[str, Any] | None = None):
        super().__init__(message)
        self.message = message
        self.extra = extra or {}


def text_of(name: str, data: bytes) -> str:
    """The text of the file NAME holding DATA, NFC-normalised; raises ExtractError."""
    suffix = PurePath(name).suffix.lower()
    if suffix == ".txt":
        text = _plain_text(data)
    elif suffix == ".docx":
        text = _docx_text(data)
    elif suffix == ".pdf":
        text = _pdf_text(data)
    else:
        raise ExtractError(UNSUPPORTED.format(name=PurePath(name).name), {"accepted": list(ACCEPTED)})
    return unicodedata.normalize("NFC", text)


def _plain_text(data: bytes) -> str:
    try:
        if data.startswith(_UTF16_BOMS):  # Notepad's "Unicode" saves UTF-16 with a byte-order mark
            return data.decode("utf-16")
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ExtractError(NOT_UTF8) from exc


def _docx_text(data: bytes) -> str:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx lets zip, XML and package errors of a bad file through as they are
        raise ExtractError(BAD_DOCX) from exc
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        if block.tag.endswith("}p"):
            lines.append(Paragraph(block, document).text)
        elif block.tag.endswith("}tbl"):
            lines.extend(_table_lines(Table(block, document)))
    return "\n".join(lines)


def _table_lines(table) -> list[str]:
    """Cell by cell, row by row: the header of a văn bản is a two-column table (agency | motto)."""
    lines: list[str] = []
    seen = set()  # the cells' XML elements themselves: kept alive, lxml hands out the same proxy for each
    for row in table.rows:
        for cell in row.cells:
            if cell._tc in seen:
                continue  # a merged cell is listed once per column it spans
            seen.add(cell._tc)
            lines.extend(p.text for p in cell.paragraphs)
            for inner in cell.tables:
                lines.extend(_table_lines(inner))
    return lines


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")  # many official PDFs carry an empty user password only to block editing
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except Exception as exc:  # pypdf raises many unrelated types on a damaged or locked file
        raise ExtractError(BAD_PDF) from exc
    if not any(ch.isalpha() for ch in text):
        raise ExtractError(SCANNED_PDF)
    return text
