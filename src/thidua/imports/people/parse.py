"""The whole people sheet: every cell parsed, then each row resolved against what the
database holds — its unit, the person it concerns, and what applying it will do."""

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.utils.translation import gettext as _

from thidua.imports import sheet
from thidua.imports.people.cells import (
    _is_blank,
    _rating_lookup,
    parse_cccd,
    parse_date,
    parse_full_name,
    parse_gender,
    parse_months,
    parse_note,
    parse_position,
    parse_position_group,
    parse_rating,
    parse_unit_code,
    parse_year,
    position_group_lookup,
)
from thidua.imports.people.columns import COLUMN_BY_KEY, COLUMNS, MAX_ROWS
from thidua.imports.people.context import LookupContext, Needs
from thidua.imports.people.matching import match_people
from thidua.imports.people.rows import (
    ACTION_CREATE,
    ACTION_UPDATE,
    EVAL_CHANGED,
    EVAL_NEW,
    EVAL_SAME,
    ParsedRow,
    ParseOutcome,
)
from thidua.imports.pipeline import Sheet, parse_cells
from thidua.imports.sheet import RowError


def steps(today: dt.date) -> list[tuple[str, Callable[[Any], Any]]]:
    """The parser of each cell, in column order."""
    ratings = _rating_lookup()
    groups = position_group_lookup()
    return [
        ("unit_code", parse_unit_code),
        ("full_name", parse_full_name),
        ("gender", parse_gender),
        ("birth_date", lambda v: parse_date(v, today=today)),
        ("cccd", parse_cccd),
        ("position", parse_position),
        ("year", lambda v: parse_year(v, current_year=today.year)),
        ("rating", lambda v: parse_rating(v, ratings)),
        ("months_worked", parse_months),
        ("note", parse_note),
        ("position_group", lambda v: parse_position_group(v, groups)),
    ]


def _finish(row: ParsedRow, cell: Callable[[str], Any]) -> None:
    row.months_given = not _is_blank(cell("months_worked"))


SHEET = Sheet(COLUMNS, MAX_ROWS, lambda number: ParsedRow(row=number), steps, _finish, extra=("months_given",))


def needs_of(rows: Sequence[ParsedRow]) -> Needs:
    return Needs(**sheet.mentioned(rows))


def resolve(rows: list[ParsedRow], context: LookupContext) -> list[RowError]:
    """Who each parsed row concerns and what applying it will do, against CONTEXT; the
    errors found, by row."""
    errors = _resolve(rows, context)
    errors.sort(key=lambda e: e.row)
    return errors


def parse_people(
    rows: Iterable[Sequence[Any]], load_context: Callable[[Needs], LookupContext], *, today: dt.date | None = None,
) -> ParseOutcome:
    """Check every row of a sheet given as lists of cell values, row 1 first.

    Guarantees: `errors` is empty only if every row is valid and applying them cannot
    conflict with what `load_context` returned; `load_context` is called at most once.
    """
    today = today or dt.date.today()
    parsed, errors = parse_cells(sheet.numbered(rows), SHEET, today=today)
    if not parsed:
        return ParseOutcome([], errors)
    errors.extend(_resolve(parsed, load_context(needs_of(parsed))))
    errors.sort(key=lambda e: e.row)
    return ParseOutcome(parsed, errors)


def _col(key: str) -> str:
    return str(COLUMN_BY_KEY[key].header)


def _resolve(rows: list[ParsedRow], ctx: LookupContext) -> list[RowError]:
    """Units, people and ratings: who each row concerns and what it will change."""
    errors: list[RowError] = []

    def fail(row: ParsedRow, key: str, message: str) -> None:
        row.ok = False
        errors.append(RowError(row.row, _col(key), message))

    for row in rows:
        if not row.unit_code:
            continue
        unit = ctx.unit(row.unit_code)
        # Missing and out of scope read the same, so the file reveals nothing outside the scope.
        if unit is None or not unit.allowed:
            fail(row, "unit_code", _("đơn vị mã «%s» không tồn tại hoặc không thuộc phạm vi quản lý của bạn.")
                 % row.unit_code)
        elif not unit.active:
            fail(row, "unit_code", _("đơn vị «%(name)s» (mã %(code)s) đã ngừng hoạt động; hãy dùng mã đơn vị "
                                     "kế thừa.") % {"name": unit.name, "code": unit.code})
        else:
            row.unit = unit

    match_people(rows, ctx, fail)

    seen: dict[tuple, ParsedRow] = {}
    for row in rows:
        if not row.ok or row.unit is None or not row.person_key:
            continue
        if row.person is not None:
            row.action = ACTION_UPDATE
            if row.cccd and not row.person.cccd:
                row.fill["cccd"] = row.cccd
            if row.birth_date and not row.person.birth_date:
                row.fill["birth_date"] = row.birth_date
        else:
            row.action = ACTION_CREATE
            if row.gender is None:
                fail(row, "gender", _("chưa nhập giới tính (bắt buộc khi thêm cá nhân mới); chọn Nam hoặc Nữ."))
                continue
        if row.year is None or row.rating is None:
            continue
        first = seen.setdefault((row.person_key, row.year), row)
        if first is not row:
            fail(row, "year", _("«%(name)s» đã có xếp loại năm %(year)s ở dòng %(first)s; mỗi cá nhân chỉ một "
                                "xếp loại mỗi năm.") % {"name": row.full_name, "year": row.year, "first": first.row})
            continue
        existing = ctx.evaluations.get((row.person.pk, row.year)) if row.person else None
        if existing is None:
            row.evaluation = EVAL_NEW
            continue
        # A blank cell keeps what is recorded rather than wiping it.
        if not row.months_given:
            row.months_worked = existing.months_worked
        if not row.note:
            row.note = existing.note
        same = (existing.rating, existing.months_worked, existing.note) == (row.rating, row.months_worked, row.note)
        row.evaluation = EVAL_SAME if same else EVAL_CHANGED
    return errors

