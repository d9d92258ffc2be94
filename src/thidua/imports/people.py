"""Reading a people-and-ratings sheet: cells in, parsed rows and row errors out.

No database access here. `parse_people` checks every cell, asks `load_context` once for
what it needs from the database (the units, the people and the ratings the file
mentions, preloaded in a few queries by `selectors.people_import_context`), then
decides for each row which person it concerns and what applying it will do.

Row numbers are the ones Excel shows. Every error names its row, its column (the
template's header) and says in Vietnamese what to fix. The file is all or nothing:
one error anywhere and nothing is applied.
"""

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.text import fold
from thidua.imports import sheet
from thidua.imports.pipeline import Sheet, parse_cells
from thidua.imports.sheet import CellError as _CellError
from thidua.imports.sheet import Column, RowError, header_key  # noqa: F401 — part of this module's API
from thidua.people.models import Gender, Rating

# The person form's refusal (people.cccd.REFUSED), worded for a row.
CCCD_REFUSED = gettext_lazy(
    "không dùng được số CCCD «%s». Nếu số đúng, hãy liên hệ Ban Thi đua – Khen thưởng (thường trực Hội đồng Thi "
    "đua – Khen thưởng) để được kiểm tra; lần nhập này đã được ghi lại.")

MAX_ROWS = 10_000
FIRST_YEAR = 1945


COLUMNS: tuple[Column, ...] = (
    Column("unit_code", gettext_lazy("Mã đơn vị"), True, ("ma don vi", "ma dv", "don vi ma"), 14),
    Column("full_name", gettext_lazy("Họ và tên"), True, ("ho va ten", "ho ten", "ho va ten ca nhan"), 28),
    Column("gender", gettext_lazy("Giới tính"), True, ("gioi tinh", "gioi"), 11),
    Column("birth_date", gettext_lazy("Ngày sinh (dd/mm/yyyy)"), False,
           ("ngay sinh", "ngay thang nam sinh", "sinh ngay"), 16),
    Column("cccd", gettext_lazy("Số CCCD"), False,
           ("so cccd", "cccd", "so can cuoc", "so can cuoc cong dan", "can cuoc cong dan", "so dinh danh",
            "so dinh danh ca nhan"), 17),
    Column("position", gettext_lazy("Chức vụ"), False, ("chuc vu", "chuc danh", "chuc vu chuc danh"), 24),
    Column("year", gettext_lazy("Năm xếp loại"), True, ("nam xep loai", "nam danh gia", "nam"), 12),
    Column("rating", gettext_lazy("Xếp loại"), True,
           ("xep loai", "muc xep loai", "ket qua xep loai", "xep loai chat luong", "ma xep loai"), 12),
    Column("months_worked", gettext_lazy("Số tháng công tác"), False,
           ("so thang cong tac", "so thang", "so thang lam viec"), 12),
    Column("note", gettext_lazy("Ghi chú"), False, ("ghi chu",), 30),
)
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}
RATING_CODES = tuple(Rating.values)

# What a row will do; shown in the preview and counted in the summary.
ACTION_CREATE = "create"
ACTION_UPDATE = "update"
EVAL_NEW = "new"
EVAL_CHANGED = "changed"
EVAL_SAME = "same"


# --- what the parser needs from the database -------------------------------------------


@dataclass(frozen=True)
class UnitInfo:
    pk: int
    code: str
    name: str
    path: str
    active: bool
    allowed: bool  # the user may change people and ratings here


@dataclass(frozen=True)
class PersonInfo:
    pk: int
    full_name: str
    name_key: str
    birth_date: dt.date | None
    cccd: str | None
    unit_pk: int
    unit_code: str
    unit_name: str
    allowed: bool  # the user may change people and ratings in their unit
    visible: bool  # the user may see them at all (else the file must not learn the CCCD is held)


@dataclass(frozen=True)
class EvaluationInfo:
    rating: str
    months_worked: int
    note: str


@dataclass(frozen=True)
class Needs:
    """What the file mentions, so the context loader fetches only that."""

    unit_codes: frozenset[str]
    cccds: frozenset[str]
    name_keys: frozenset[str]
    years: frozenset[int]


@dataclass
class LookupContext:
    units: dict[str, UnitInfo]  # by code as stored
    people_by_cccd: dict[str, PersonInfo]  # every owner of a mentioned CCCD, in scope or not
    people_by_key: dict[tuple[str, dt.date | None, int], list[PersonInfo]]  # (name key, birth, unit pk), in scope
    evaluations: dict[tuple[int, int], EvaluationInfo]  # (person pk, year)
    current_year: int
    # How many more CCCDs held out of sight the user may be refused today (people.cccd), and
    # the refusals this check gave — (CCCD, holder pk or None, unit pk) — for the service to record.
    cccd_refusals_left: int = 0
    cccd_refused: list[tuple[str, int | None, int]] = field(default_factory=list)

    def unit(self, code: str) -> UnitInfo | None:
        return self.units.get(code) or self.units.get(code.upper())


# --- results ------------------------------------------------------------------------------


@dataclass
class ParsedRow:
    row: int
    unit_code: str = ""
    full_name: str = ""
    gender: str | None = None
    birth_date: dt.date | None = None
    cccd: str | None = None
    position: str = ""
    year: int | None = None
    rating: str | None = None
    months_worked: int = 12
    months_given: bool = False
    note: str = ""
    # Filled by the resolving pass.
    unit: UnitInfo | None = None
    person: PersonInfo | None = None  # the existing person the row concerns, if any
    person_key: tuple = ()  # same key → same person within the file
    action: str = ""  # ACTION_CREATE / ACTION_UPDATE
    evaluation: str = ""  # EVAL_NEW / EVAL_CHANGED / EVAL_SAME
    fill: dict[str, Any] = field(default_factory=dict)  # blanks of an existing person the row fills in
    ok: bool = True

    @property
    def name_key(self) -> str:
        return fold(self.full_name)[:200]

    def as_preview(self) -> dict:
        return {
            "row": self.row, "unit_code": self.unit.code if self.unit else self.unit_code,
            "unit_name": self.unit.name if self.unit else "", "full_name": self.full_name,
            "birth_date": self.birth_date.strftime("%d/%m/%Y") if self.birth_date else "",
            "year": self.year, "rating": self.rating, "months_worked": self.months_worked,
            "action": self.action, "evaluation": self.evaluation, "person_id": self.person.pk if self.person else None,
            "fill": sorted(self.fill),
        }


@dataclass
class ParseOutcome:
    rows: list[ParsedRow]  # every data row read, valid or not
    errors: list[RowError]

    @property
    def valid_rows(self) -> list[ParsedRow]:
        return [r for r in self.rows if r.ok]

    def summary(self) -> dict[str, int]:
        valid = self.valid_rows
        new_people = {r.person_key for r in valid if r.action == ACTION_CREATE}
        old_people = {r.person_key for r in valid if r.action == ACTION_UPDATE}
        return {
            "rows_total": len(self.rows),
            "rows_ok": len(valid),
            "errors": len(self.errors),
            "rows_with_errors": len(self.rows) - len(valid),
            "people_new": len(new_people),
            "people_existing": len(old_people),
            "ratings_new": sum(r.evaluation == EVAL_NEW for r in valid),
            "ratings_changed": sum(r.evaluation == EVAL_CHANGED for r in valid),
            "ratings_same": sum(r.evaluation == EVAL_SAME for r in valid),
        }


# --- headers -----------------------------------------------------------------------------



def match_headers(cells: Sequence[Any]) -> dict[str, int]:
    """Column key → 0-based index for the people sheet (see `sheet.match_headers`)."""
    return sheet.match_headers(cells, COLUMNS)


# --- cells -------------------------------------------------------------------------------


_is_blank = sheet.is_blank
_text = sheet.text
_int = sheet.to_int


def parse_unit_code(value: Any) -> str:
    code = _text(value)
    if not code:
        raise _CellError(_("chưa nhập mã đơn vị."))
    return code


def parse_full_name(value: Any) -> str:
    name = _text(value)
    if not name:
        raise _CellError(_("chưa nhập họ và tên."))
    if len(name.split()) < 2:
        raise _CellError(_("«%s» chưa đủ họ và tên (cần ít nhất hai từ).") % name)
    if len(name) > 128:
        raise _CellError(_("họ và tên dài quá 128 ký tự."))
    return name


def parse_gender(value: Any) -> str | None:
    if _is_blank(value):
        return None
    folded = fold(_text(value))
    # The codes are the folded Vietnamese words ("nam", "nu"); labels of the active language count too.
    known = {fold(str(label)): code for code, label in Gender.choices} | {code: code for code in Gender.values}
    if folded in known:
        return known[folded]
    raise _CellError(_("giá trị «%s» không hợp lệ; chọn Nam hoặc Nữ.") % _text(value))


def parse_date(value: Any, *, today: dt.date) -> dt.date | None:
    day = sheet.parse_day(value)
    if day is not None and (day.year < 1900 or day > today):
        raise _CellError(_("ngày sinh «%s» không hợp lý.") % day.strftime("%d/%m/%Y"))
    return day


def parse_cccd(value: Any) -> str | None:
    return sheet.parse_cccd(value, column=str(COLUMN_BY_KEY["cccd"].header))


def parse_position(value: Any) -> str:
    text = _text(value)
    if len(text) > 128:
        raise _CellError(_("chức vụ dài quá 128 ký tự."))
    return text


def parse_year(value: Any, *, current_year: int) -> int:
    if _is_blank(value):
        raise _CellError(_("chưa nhập năm xếp loại."))
    year = _int(value)
    if year is None or not FIRST_YEAR <= year <= current_year:
        raise _CellError(_("năm «%(value)s» không hợp lệ; năm xếp loại phải từ %(first)s đến %(last)s.") % {
            "value": _text(value), "first": FIRST_YEAR, "last": current_year})
    return year


def _rating_lookup() -> dict[str, str]:
    """Folded code or label → code: the Vietnamese labels whatever the active language,
    and the active language's own."""
    table = {fold(code): code for code in RATING_CODES}
    table.update({fold(str(label)): code for code, label in Rating.choices})
    with translation.override("vi"):
        table.update({fold(str(label)): code for code, label in Rating.choices})
    return table


def parse_rating(value: Any, table: dict[str, str]) -> str:
    if _is_blank(value):
        raise _CellError(_("chưa nhập xếp loại; chọn một trong %s.") % ", ".join(RATING_CODES))
    code = table.get(fold(_text(value)))
    if code is None:
        raise _CellError(_("giá trị «%(value)s» không hợp lệ; chọn một trong %(codes)s.") % {
            "value": _text(value), "codes": ", ".join(RATING_CODES)})
    return code


def parse_months(value: Any) -> int:
    if _is_blank(value):
        return 12
    months = _int(value)
    if months is None or not 0 <= months <= 12:
        raise _CellError(_("số tháng công tác «%s» không hợp lệ; nhập số nguyên từ 0 đến 12.") % _text(value))
    return months


def parse_note(value: Any) -> str:
    text = _text(value)
    if len(text) > 255:
        raise _CellError(_("ghi chú dài quá 255 ký tự."))
    return text


# --- the whole sheet ---------------------------------------------------------------------


def steps(today: dt.date) -> list[tuple[str, Callable[[Any], Any]]]:
    """The parser of each cell, in column order."""
    ratings = _rating_lookup()
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
    ]


def _finish(row: ParsedRow, cell: Callable[[str], Any]) -> None:
    row.months_given = not _is_blank(cell("months_worked"))


SHEET = Sheet(COLUMNS, MAX_ROWS, lambda number: ParsedRow(row=number), steps, _finish, extra=("months_given",))


def needs_of(rows: Sequence[ParsedRow]) -> Needs:
    return Needs(
        unit_codes=sheet.unit_codes(rows),
        cccds=frozenset(r.cccd for r in rows if r.cccd),
        name_keys=frozenset(r.name_key for r in rows if r.full_name),
        years=frozenset(r.year for r in rows if r.year),
    )


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

    _match_people(rows, ctx, fail)

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


def _match_people(rows: list[ParsedRow], ctx: LookupContext, fail: Callable[[ParsedRow, str, str], None]) -> None:
    """Set `person` (an existing person) and `person_key` (the same key, the same person
    within the file) on every row whose unit and name are valid.

    By CCCD when given; else by folded name, birth date and unit among the people in
    scope; else a new person. A CCCD nobody holds yet, given for a name and birth date
    that a person without CCCD has in that unit, is that person's, and rows without the
    CCCD for the same name and birth date join them.
    """
    def name_key(row: ParsedRow) -> tuple:
        return (row.name_key, row.birth_date, row.unit.pk)

    candidates = [r for r in rows if r.unit is not None and r.full_name]
    # A CCCD held by someone the user cannot see is refused without naming anyone, as the
    # person form does (people.cccd). Past the day's refusals every CCCD nobody in sight
    # holds is refused alike, held or not, so a file cannot probe the province's numbers.
    hidden = {r.cccd for r in candidates if r.cccd and (o := ctx.people_by_cccd.get(r.cccd)) and not o.visible}
    refuse_unseen = len(hidden) > ctx.cccd_refusals_left
    first_by_cccd: dict[str, ParsedRow] = {}
    new_cccds: dict[tuple, set[str]] = {}
    for row in candidates:
        if not row.cccd:
            continue
        first = first_by_cccd.setdefault(row.cccd, row)
        if first is not row and name_key(first) != name_key(row):
            fail(row, "cccd", _("số CCCD «%(cccd)s» đã dùng ở dòng %(first)s cho «%(name)s»; mỗi cá nhân một số "
                                "CCCD.") % {"cccd": row.cccd, "first": first.row, "name": first.full_name})
            continue
        owner = ctx.people_by_cccd.get(row.cccd)
        if row.cccd in hidden or (owner is None and refuse_unseen):
            fail(row, "cccd", str(CCCD_REFUSED) % row.cccd)
            if first is row:
                ctx.cccd_refused.append((row.cccd, owner.pk if owner else None, row.unit.pk))
        elif owner is None:
            new_cccds.setdefault(name_key(row), set()).add(row.cccd)
        elif not owner.allowed:
            fail(row, "cccd", _("số CCCD «%(cccd)s» đã thuộc về «%(name)s» (%(unit)s), đơn vị bạn không được nhập "
                                "danh sách; hãy đề nghị đơn vị đó hoặc Ban Thi đua – Khen thưởng.")
                 % {"cccd": row.cccd, "name": owner.full_name, "unit": owner.unit_name})
        elif owner.name_key != row.name_key:
            fail(row, "cccd", _("số CCCD «%(cccd)s» đã thuộc về «%(name)s», khác với họ tên ở dòng này.")
                 % {"cccd": row.cccd, "name": owner.full_name})
        elif owner.birth_date and row.birth_date and owner.birth_date != row.birth_date:
            fail(row, "birth_date", _("«%(name)s» (số CCCD «%(cccd)s») đã lưu ngày sinh %(saved)s, khác với ngày ở "
                                      "dòng này.") % {"name": owner.full_name, "cccd": row.cccd,
                                                      "saved": owner.birth_date.strftime("%d/%m/%Y")})
        elif owner.unit_pk != row.unit.pk:
            fail(row, "unit_code", _(
                "«%(name)s» đang công tác tại «%(unit)s» (mã %(code)s); hãy sửa mã đơn vị, hoặc điều chuyển cá "
                "nhân trước khi nhập.") % {"name": owner.full_name, "unit": owner.unit_name, "code": owner.unit_code})
        else:
            row.person, row.person_key = owner, ("pk", owner.pk)

    ambiguous = _("đơn vị có %s cá nhân cùng họ tên và ngày sinh này; hãy ghi số CCCD để phân biệt.")
    by_new_cccd: dict[str, tuple[tuple, PersonInfo | None]] = {}
    for row in candidates:
        if not row.ok or not row.cccd or row.person is not None:
            continue
        nk = name_key(row)
        if row.cccd in by_new_cccd:
            row.person_key, row.person = by_new_cccd[row.cccd]
            continue
        without_cccd = [p for p in ctx.people_by_key.get(nk, []) if not p.cccd]
        if without_cccd and len(new_cccds[nk]) > 1:
            fail(row, "cccd", _("tệp ghi %s số CCCD khác nhau cho cùng họ tên, ngày sinh và đơn vị này; hãy kiểm "
                                "tra lại.") % len(new_cccds[nk]))
            continue
        if len(without_cccd) > 1:
            fail(row, "full_name", ambiguous % len(without_cccd))
            continue
        if without_cccd:
            row.person, row.person_key = without_cccd[0], ("pk", without_cccd[0].pk)
        else:
            row.person_key = ("cccd", row.cccd)
        by_new_cccd[row.cccd] = (row.person_key, row.person)

    for row in candidates:
        if not row.ok or row.cccd:
            continue
        nk = name_key(row)
        given = new_cccds.get(nk, set())
        if len(given) > 1:
            fail(row, "cccd", _("tệp ghi %s số CCCD khác nhau cho cùng họ tên, ngày sinh và đơn vị này; hãy ghi số "
                                "CCCD ở dòng này.") % len(given))
            continue
        if given and next(iter(given)) in by_new_cccd:
            row.person_key, row.person = by_new_cccd[next(iter(given))]
            continue
        people = ctx.people_by_key.get(nk, [])
        if len(people) > 1:
            fail(row, "full_name", ambiguous % len(people))
        elif people:
            row.person, row.person_key = people[0], ("pk", people[0].pk)
        else:
            row.person_key = ("nk", *nk)
