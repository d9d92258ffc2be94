"""The one pipeline every Excel import runs, configured by each importer:

    upload check → streaming read → header match → row parse → resolve → preview → confirm

An importer (people and ratings, historical awards, initiatives, registrations) declares
a `Sheet` — its columns, its row limit, its row type and the parser of each cell — and
an `Importer` — who may use it, how its rows are resolved against the database, what a
confirmation writes. This module holds the stages that need no database: reading the
rows of the sheet (`imports.reading`, bounded), matching the header
(`sheet.read_table`), parsing the cells into rows, and keeping the parsed rows in a
compact form so confirming never reads the file again (`encode_rows`/`decode_rows`).

What is kept is what the cells said, before any lookup: confirming resolves the rows
afresh against the database as it is then (a person added meanwhile, a right lost, a
unit closed), with the same messages as the preview.
"""

import datetime as dt
import gzip
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from thidua.imports import reading
from thidua.imports.sheet import CellError, Column, RowError, column_header, read_table

Step = tuple[str, Callable[[Any], Any]]


@dataclass(frozen=True)
class Sheet:
    """How an importer's sheet is read: COLUMNS matched by header, at most MAX_ROWS data
    rows, each made by MAKE_ROW(row number) and filled by STEPS(today) — (key, parser of
    the cell) pairs. FINISH(row, cell) sets what is derived from the cells alone (CELL
    gives a column's raw value); EXTRA names those fields, kept with the parsed rows."""

    columns: tuple[Column, ...]
    max_rows: int
    make_row: Callable[[int], Any]
    steps: Callable[[dt.date], list[Step]]
    finish: Callable[[Any, Callable[[str], Any]], None] | None = None
    extra: tuple[str, ...] = ()

    def stored_fields(self, today: dt.date) -> list[str]:
        return ["row", *(key for key, _parse in self.steps(today)), *self.extra]


def read_sheet(fileobj) -> Iterable[tuple[int, Sequence[Any]]]:
    """The data sheet's rows, streamed and bounded (`reading.read_rows`)."""
    return reading.read_rows(fileobj)


def parse_cells(rows: Iterable[tuple[int, Sequence[Any]]], sheet: Sheet, *,
                today: dt.date) -> tuple[list, list[RowError]]:
    """Header, then every data row's cells through the sheet's parsers, as the rows stream
    in: (rows, errors). A row with a wrong cell is kept with `ok` False and one error per
    wrong cell."""
    steps = sheet.steps(today)
    errors: list[RowError] = []

    def parse(number: int, cell: Callable[[str], Any]):
        row = sheet.make_row(number)
        for key, parser in steps:
            try:
                setattr(row, key, parser(cell(key)))
            except CellError as exc:
                row.ok = False
                errors.append(RowError(number, column_header(sheet.columns, key), exc.message))
        if sheet.finish is not None:
            sheet.finish(row, cell)
        return row

    table = read_table(rows, sheet.columns, max_rows=sheet.max_rows, each=parse)
    if table.errors:
        return [], table.errors
    return table.data, errors


# --- the parsed rows a batch keeps -------------------------------------------------------


def _encode(value: Any) -> Any:
    if isinstance(value, dt.date):
        return {"d": value.isoformat()}
    if isinstance(value, Decimal):
        return {"n": str(value)}
    if isinstance(value, tuple):
        return {"t": [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if "d" in value:
            return dt.date.fromisoformat(value["d"])
        if "n" in value:
            return Decimal(value["n"])
        if "t" in value:
            return tuple(_decode(v) for v in value["t"])
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def encode_rows(rows: Sequence, fields: Sequence[str]) -> bytes:
    """The cell-level FIELDS of ROWS as gzipped JSON: one list per row, the names once."""
    payload = {"fields": list(fields), "rows": [[_encode(getattr(r, f)) for f in fields] for r in rows]}
    return gzip.compress(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode(), compresslevel=5)


def decode_rows(data: bytes, sheet: Sheet) -> list:
    """Fresh rows of SHEET from `encode_rows`' bytes, as parsed before any lookup."""
    payload = json.loads(gzip.decompress(data))
    fields = payload["fields"]
    rows = []
    for values in payload["rows"]:
        row = sheet.make_row(values[0])
        for name, value in zip(fields[1:], values[1:], strict=True):
            setattr(row, name, _decode(value))
        rows.append(row)
    return rows
