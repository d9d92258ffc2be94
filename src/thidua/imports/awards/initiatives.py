"""The sheet of initiatives: one row per author; rows with the same unit, title and year
are one initiative."""

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from thidua.awards.models import InitiativeScope
from thidua.core.roles import Perm
from thidua.core.text import fold
from thidua.imports import sheet
from thidua.imports.awards.cells import _SCOPES, _birth, _code, _day, _name, _pick, _share, _year
from thidua.imports.awards.columns import INITIATIVE_COLUMNS, MAX_ROWS
from thidua.imports.awards.context import Context, Needs, kind_named
from thidua.imports.awards.lookup import _find_person, _resolve_unit
from thidua.imports.awards.rows import ACTION_CREATE, ACTION_SAME, InitiativeRow, Outcome
from thidua.imports.pipeline import Sheet, parse_cells
from thidua.imports.sheet import RowError


def initiative_steps(today: dt.date) -> list[tuple[str, Callable[[Any], Any]]]:
    return [
        ("unit_code", lambda v: _code(v, required=True, what=_("mã đơn vị"))),
        ("title", lambda v: sheet.parse_text(v, max_length=500, what=_("tên sáng kiến"), required=True)),
        ("year", lambda v: _year(v, current_year=today.year, what=_("năm"))),
        ("scope", lambda v: _pick(v, _SCOPES, InitiativeScope.labels, required=True)),
        ("recognized_on", lambda v: _day(v, today=today, what=_("ngày công nhận"), required=True)),
        ("decision_number", lambda v: sheet.parse_text(v, max_length=64, what=_("số quyết định công nhận"),
                                                       required=True)),
        ("issuer", lambda v: sheet.parse_text(v, max_length=255, what=_("cơ quan công nhận"))),
        ("author_name", lambda v: _name(v, required=True)),
        ("author_birth", lambda v: _birth(v, today=today)),
        ("author_cccd", lambda v: sheet.parse_cccd(v, column=sheet.column_header(INITIATIVE_COLUMNS, "author_cccd"))),
        ("share", _share),
        ("used_for", lambda v: sheet.text(v).strip()),
        ("summary", lambda v: sheet.parse_text(v, max_length=4000, what=_("tóm tắt"))),
    ]


INITIATIVES_SHEET = Sheet(INITIATIVE_COLUMNS, MAX_ROWS, lambda n: InitiativeRow(row=n), initiative_steps)


def initiative_needs(rows: Sequence[InitiativeRow]) -> Needs:
    return Needs(**sheet.mentioned(rows, cccd="author_cccd", name="author_name"),
                 titles=frozenset(fold(r.title) for r in rows if r.title))


def resolve_initiatives(rows: list[InitiativeRow], ctx: Context, today: dt.date | None = None) -> list[RowError]:
    errors = _resolve_initiatives(rows, ctx)
    errors.sort(key=lambda e: e.row)
    return errors


def parse_initiatives(rows: Iterable[Sequence[Any]], load_context: Callable[[Needs], Context], *,
                      today: dt.date | None = None) -> Outcome:
    """Check every row of a sheet of initiatives: one row per author; rows with the same unit,
    title and year are one initiative, whose authors' shares must add up to 100."""
    today = today or dt.date.today()
    parsed, errors = parse_cells(sheet.numbered(rows), INITIATIVES_SHEET, today=today)
    if not parsed:
        return Outcome([], errors, "initiatives")
    errors.extend(resolve_initiatives(parsed, load_context(initiative_needs(parsed))))
    errors.sort(key=lambda e: e.row)
    return Outcome(parsed, errors, "initiatives")


def _resolve_initiatives(rows: list[InitiativeRow], ctx: Context) -> list[RowError]:
    errors: list[RowError] = []

    def fail(row: InitiativeRow, key: str, message: str) -> None:
        row.ok = False
        errors.append(RowError(row.row, sheet.column_header(INITIATIVE_COLUMNS, key), message))

    for row in rows:
        _resolve_unit(row, ctx, fail, need_any=(Perm.INITIATIVE_CHANGE,))
        if row.used_for:
            named = kind_named(ctx.kinds, row.used_for)
            code = named.code if named else row.used_for.upper()
            if code in ctx.kinds:
                row.used_for = code
            else:
                fail(row, "used_for", _("«%s» không có trong danh mục danh hiệu, hình thức khen thưởng.")
                     % row.used_for)
        if row.year and row.recognized_on and row.recognized_on.year < row.year:
            fail(row, "recognized_on", _("ngày công nhận %(day)s trước năm của sáng kiến (%(year)s).") % {
                "day": row.recognized_on.strftime("%d/%m/%Y"), "year": row.year})
        if row.unit is None or not row.author_name:
            continue
        keys = {"cccd": "author_cccd", "birth": "author_birth", "name": "author_name"}
        person, column, message = _find_person(ctx, cccd=row.author_cccd, name=row.author_name,
                                               birth=row.author_birth, unit=row.unit, need=Perm.PEOPLE_VIEW,
                                               columns=INITIATIVE_COLUMNS, keys=keys)
        if person is None:
            if message:
                row.ok = False
                errors.append(RowError(row.row, column, message))
            continue
        row.person = person
        if row.title and row.year:
            row.group = (row.unit.pk, fold(row.title), row.year)

    groups: dict[tuple, list[InitiativeRow]] = {}
    for row in rows:
        if row.group:
            groups.setdefault(row.group, []).append(row)
    for group_rows in groups.values():
        first = group_rows[0]
        for row in group_rows[1:]:
            for key in ("scope", "recognized_on", "decision_number", "used_for"):
                if getattr(row, key) != getattr(first, key):
                    fail(row, key, _("khác với dòng %s của cùng sáng kiến; các dòng của một sáng kiến phải ghi giống "
                                     "nhau (chỉ khác tác giả).") % first.row)
                    break
        seen: dict[int, InitiativeRow] = {}
        for row in group_rows:
            if row.person is not None:
                earlier = seen.setdefault(row.person.pk, row)
                if earlier is not row:
                    fail(row, "author_name", _("«%(name)s» đã là tác giả ở dòng %(first)s của cùng sáng kiến.") % {
                        "name": row.person.full_name, "first": earlier.row})
        if len(group_rows) == 1 and first.share is None:
            first.share = Decimal(100)
        elif any(r.share is None for r in group_rows):
            for row in group_rows:
                if row.share is None:
                    fail(row, "share", _("sáng kiến có %s tác giả; hãy ghi tỷ lệ đóng góp của từng người.")
                         % len(group_rows))
        else:
            total = sum((r.share for r in group_rows), Decimal(0))
            if total != Decimal(100):
                fail(first, "share", _("tổng tỷ lệ đóng góp của các tác giả (dòng %(rows)s) là %(total)s%%, phải "
                                       "bằng 100%%.") % {"rows": ", ".join(str(r.row) for r in group_rows),
                                                         "total": format(total.normalize(), "f").replace(".", ",")})
        ok = all(r.ok for r in group_rows)
        action = ACTION_SAME if first.group in ctx.initiatives else ACTION_CREATE
        for row in group_rows:
            row.action = action
            if not ok and row.ok:
                # One bad row spoils its initiative: the others are kept out of the count,
                # without an error of their own.
                row.ok = False
    return errors
