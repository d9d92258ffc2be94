"""What every Excel import shares: columns matched by their Vietnamese headers, cell
readers that explain what is wrong, and row errors named by row and column.

No database access. An importer declares its `Column`s, calls `read_table` on the sheet's
cell values, parses each row's cells with the readers here (or its own), and reports
`RowError`s. The file is all or nothing: one error anywhere and nothing is applied.
"""

import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from thidua.core.text import clean_name, fold

HEADER_SCAN_ROWS = 10


@dataclass(frozen=True)
class Column:
    key: str
    header: Any  # lazy Vietnamese header, as written in the template
    required: bool
    aliases: tuple[str, ...]  # folded header variants that mean this column
    width: int


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.column:
            return _("Dòng %(row)s, cột «%(column)s»: %(message)s") % {
                "row": self.row, "column": self.column, "message": self.message}
        return _("Dòng %(row)s: %(message)s") % {"row": self.row, "message": self.message}

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message, "text": str(self)}


class CellError(Exception):
    """A cell's value is wrong; `message` says what to fix (lower-case, no row/column)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# --- headers -----------------------------------------------------------------------------

_PARENS = re.compile(r"\([^)]*\)")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def column_header(columns: Sequence[Column], key: str) -> str:
    """The header a row error names for KEY: the column as the workbook titles it."""
    return str(next(c.header for c in columns if c.key == key))


def header_key(value: Any) -> str:
    """'Ngày sinh (dd/mm/yyyy)' → 'ngay sinh'; 'Ho va ten' → 'ho va ten'."""
    text = _PARENS.sub(" ", fold(str(value)) if value is not None else "")
    return _NON_WORD.sub(" ", text).strip()


def match_headers(cells: Sequence[Any], columns: Sequence[Column]) -> dict[str, int]:
    """Column key → 0-based index, for the cells that name a known column (first wins).

    The Vietnamese headers and their variants always match; so do the headers in the
    active language, for a template downloaded in another one.
    """
    aliases = {header_key(str(c.header)): c.key for c in columns} | {a: c.key for c in columns for a in c.aliases}
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = aliases.get(header_key(cell))
        if key and key not in found:
            found[key] = index
    return found


def find_header(rows: Sequence[tuple[int, Sequence[Any]]], columns: Sequence[Column]) -> tuple[int, dict[str, int]]:
    """(position in ROWS of the header row, its column map): the first of ROWS — numbered
    rows of the sheet's top — naming at least three known columns, else the first row."""
    for index, (_number, cells) in enumerate(rows):
        found = match_headers(cells, columns)
        if len(found) >= 3:
            return index, found
    return 0, match_headers(rows[0][1], columns) if rows else {}


@dataclass
class Table:
    header_row: int  # as Excel numbers it
    columns: dict[str, int]  # key → 0-based index
    data: list  # (Excel row number, cells) — or what `read_table`'s EACH made of them —, blank rows left out
    errors: list[RowError]  # file-level problems: when any, `data` is empty

    def cell(self, cells: Sequence[Any], key: str) -> Any:
        return _cell(self.columns, cells, key)


def _cell(columns: dict[str, int], cells: Sequence[Any], key: str) -> Any:
    index = columns.get(key)
    return cells[index] if index is not None and index < len(cells) else None


def numbered(rows: Iterable[Sequence[Any]]) -> Iterator[tuple[int, Sequence[Any]]]:
    """Rows as a list of cell values (row 1 first) → (Excel row number, cells)."""
    return ((number, cells) for number, cells in enumerate(rows, start=1))


def read_table(rows: Iterable[tuple[int, Sequence[Any]]], columns: Sequence[Column], *, max_rows: int,
               each: Callable[[int, Callable[[str], Any]], Any] | None = None) -> Table:
    """Find the header among the top rows, check the required columns are there, keep the
    non-blank rows with only the known columns' cells. ROWS, (Excel row number, cells) in
    order, are consumed as a stream and no further than MAX_ROWS data rows plus one.
    With EACH, a data row is kept as EACH(row number, cell) — CELL(key) gives the value
    of a known column — as soon as it is read, and its raw cells are not kept."""
    rows = iter(rows)
    top: list[tuple[int, Sequence[Any]]] = []
    pending = None
    for number, cells in rows:
        if number > HEADER_SCAN_ROWS and top:
            pending = (number, cells)
            break
        top.append((number, cells))
    if not top:
        return Table(1, {}, [], [RowError(1, "", _("tệp không có dữ liệu; hãy dùng tệp mẫu."))])
    header_index, found = find_header(top, columns)
    header_row = top[header_index][0]
    missing = [c for c in columns if c.required and c.key not in found]
    if missing:
        return Table(header_row, found, [], [
            RowError(header_row, str(c.header), _("thiếu cột «%s»; hãy dùng tệp mẫu (tải ở trang nhập).") % c.header)
            for c in missing])
    # Keep only the known columns, at their own index: a row costs what the template's does.
    width = max(found.values()) + 1
    data: list[tuple[int, Sequence[Any]]] = []
    following = top[header_index + 1:] + ([pending] if pending else [])
    for number, cells in itertools.chain(following, rows):
        cells = tuple(cells[:width])
        # A row is empty when the known columns are: a pre-numbered "STT" column alone is no data.
        if all(is_blank(cells[i]) for i in found.values() if i < len(cells)):
            continue
        if len(data) == max_rows:
            return Table(header_row, found, [], [RowError(number, "", _(
                "tệp có hơn %s dòng dữ liệu, quá giới hạn mỗi lần nhập; hãy chia thành nhiều tệp.") % max_rows)])
        if each is None:
            data.append((number, cells))
        else:
            data.append(each(number, lambda key, cells=cells: _cell(found, cells, key)))
    if not data:
        return Table(header_row, found, [], [
            RowError(header_row, "", _("tệp không có dòng dữ liệu nào dưới dòng tiêu đề."))])
    return Table(header_row, found, data, [])


def unit_codes(rows) -> frozenset[str]:
    """The unit codes ROWS name, as typed and upper-cased (what the context loaders look up)."""
    return frozenset(c for r in rows if r.unit_code for c in (r.unit_code, r.unit_code.upper()))


def mentioned(rows, *, cccd: str = "cccd", name: str = "full_name") -> dict[str, frozenset]:
    """The `SheetNeeds` fields for ROWS, whose CCCD and name stand in the attributes CCCD and NAME."""
    return {
        "unit_codes": unit_codes(rows),
        "cccds": frozenset(c for r in rows if (c := getattr(r, cccd))),
        "name_keys": frozenset(fold(n)[:200] for r in rows if (n := getattr(r, name))),
        "years": frozenset(r.year for r in rows if r.year),
    }


@dataclass(frozen=True)
class SheetUnit:
    """A unit as an importer's checks see it; each importer adds the uploader's rights over it."""

    pk: int
    code: str
    name: str
    path: str


@dataclass(frozen=True)
class SheetPerson:
    """A person as an importer's checks see them, with the unit they work in now; each
    importer adds the uploader's rights over them."""

    pk: int
    full_name: str
    name_key: str
    birth_date: dt.date | None
    cccd: str | None
    unit_pk: int
    unit_code: str
    unit_name: str


@dataclass(frozen=True)
class SheetNeeds:
    """What a file mentions, so the context loader fetches only that."""

    unit_codes: frozenset[str]
    cccds: frozenset[str]
    name_keys: frozenset[str]
    years: frozenset[int]


class UnitsByCode:
    """For a context whose `units` maps the codes `unit_codes` looked up to their units: the
    unit a row names, its code as typed or upper-cased."""

    def unit(self, code: str):
        return self.units.get(code) or self.units.get(code.upper())


# --- cells -------------------------------------------------------------------------------


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    return clean_name(str(value))


def to_int(value: Any) -> int | None:
    """An integer from a number cell or digits typed as text; None when it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    digits = text(value)
    return int(digits) if digits.isdigit() else None


_DATE_TEXT = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$")


def parse_day(value: Any, *, example: str = "02/01/1985") -> dt.date | None:
    """A date from a date cell or dd/mm/yyyy text; None for a blank cell."""
    if is_blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raw = text(value)
    match = _DATE_TEXT.match(raw)
    try:
        if not match:
            raise ValueError(raw)
        return dt.date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        raise CellError(
            _("«%(value)s» không phải ngày hợp lệ; hãy ghi theo dạng dd/mm/yyyy, ví dụ %(example)s.")
            % {"value": raw, "example": example}
        ) from None


def parse_text(value: Any, *, max_length: int, what: str, required: bool = False) -> str:
    raw = text(value)
    if required and not raw:
        raise CellError(_("chưa nhập %s.") % what)
    if len(raw) > max_length:
        raise CellError(_("%(what)s dài quá %(n)s ký tự.") % {"what": what, "n": max_length})
    return raw


def parse_cccd(value: Any, *, column: str) -> str | None:
    """Twelve digits from a text or number cell; a number Excel stripped of its leading
    zeros is refused rather than guessed (guessing could name the wrong person)."""
    if is_blank(value):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        digits = str(int(value)) if float(value).is_integer() else str(value)
        if len(digits) == 12:
            return digits
        if digits.isdigit() and len(digits) < 12:
            raise CellError(_(
                "số CCCD «%(value)s» chỉ còn %(n)s chữ số vì Excel đã bỏ số 0 ở đầu; hãy định dạng cột "
                "«%(column)s» là Văn bản (Text) và nhập lại đủ 12 chữ số."
            ) % {"value": digits, "n": len(digits), "column": column})
        raise CellError(_("số CCCD «%s» không hợp lệ; số CCCD gồm đúng 12 chữ số.") % digits)
    raw = re.sub(r"[\s.\-]", "", text(value))
    if not re.fullmatch(r"\d{12}", raw):
        raise CellError(_("số CCCD «%s» không hợp lệ; số CCCD gồm đúng 12 chữ số.") % text(value))
    return raw
