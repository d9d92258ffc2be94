"""Reading a sheet of registrations (đăng ký thi đua): cells in, parsed rows and row errors
out. No database access: `parse_registrations` checks every cell, asks `load_context` once
for what the file mentions (units, people, their sheets and what they registered elsewhere
— preloaded by `selectors.registrations_import_context`), then resolves each row to a
unit's sheet and a subject: the unit itself (no person given) or one of its current people.

Titles are written as codes (LDTT, CSTĐCS…) or Vietnamese names, several in one cell
separated by commas. Rows of the same subject are added together. In a sheet, a subject
named in the file gets exactly the titles the file gives it; the others keep theirs.
Missing and out of scope read the same. The file is all or nothing.
"""

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core import sectors as sector_rules
from thidua.core.text import fold
from thidua.imports import sheet
from thidua.imports.pipeline import Sheet, parse_cells
from thidua.imports.sheet import CellError, Column, RowError, SheetNeeds, SheetPerson, SheetUnit, UnitsByCode
from thidua.registrations.models import FIRST_YEAR, NOTE_MAX, TARGETS_MAX  # the sheet's own limits

MAX_ROWS = 10_000

COLUMNS: tuple[Column, ...] = (
    Column("unit_code", gettext_lazy("Mã đơn vị"), True, ("ma don vi", "ma dv", "don vi ma"), 14),
    Column("year", gettext_lazy("Năm"), True, ("nam", "nam dang ky", "nam thi dua"), 8),
    Column("ident", gettext_lazy("Số CCCD hoặc Mã cá nhân"), False,
           ("so cccd hoac ma ca nhan", "so cccd ma ca nhan", "cccd hoac ma ca nhan", "so cccd", "cccd",
            "so can cuoc", "so dinh danh", "ma ca nhan", "ma can bo"), 20),
    Column("full_name", gettext_lazy("Họ và tên"), False, ("ho va ten", "ho ten", "ho va ten ca nhan"), 28),
    Column("titles", gettext_lazy("Danh hiệu đăng ký"), True,
           ("danh hieu dang ky", "danh hieu", "ma danh hieu", "danh hieu thi dua dang ky"), 34),
    Column("note", gettext_lazy("Ghi chú, chỉ tiêu"), False,
           ("ghi chu chi tieu", "ghi chu", "chi tieu", "chi tieu ghi chu", "noi dung dang ky"), 44),
)


# --- what the parser needs from the database -------------------------------------------


@dataclass(frozen=True)
class UnitRef(SheetUnit):
    active: bool
    may_change: bool  # the uploader holds REGISTRATION_CHANGE over it
    late: bool  # … and REGISTRATION_LATE


@dataclass(frozen=True)
class PersonRef(SheetPerson):
    visible: bool  # in the uploader's scope


@dataclass(frozen=True)
class SheetRef:
    pk: int
    status: str
    status_label: str


@dataclass(frozen=True)
class MovementRef:
    pk: int
    organiser_pk: int
    name: str
    deadline: dt.date | None
    first_year: int
    last_year: int


@dataclass(frozen=True)
class Needs(SheetNeeds):
    person_pks: frozenset[int]


@dataclass
class Context(UnitsByCode):
    units: dict[str, UnitRef]
    people_by_cccd: dict[str, PersonRef]
    people_by_pk: dict[int, PersonRef]
    people_by_name: dict[tuple[str, int], list[PersonRef]]  # (name key, unit pk), units in scope only
    sheets: dict[tuple[int, int], SheetRef]  # (unit pk, year) → the sheet the rows go to
    # (person pk or None for the unit itself, unit pk, year, code) → where it is registered
    # when that is not the sheet the rows go to
    elsewhere: dict[tuple[int | None, int, int, str], str]
    taking_part: set[tuple[int, int]]  # (unit pk, year) taking part in the movement (`movements.participation`)
    individual: dict[str, str]  # code → name, registrable by a person
    collective: dict[str, str]  # code → name, registrable by a unit
    names: dict[str, str]  # every award code → its name (to say why a code is refused)
    movement: MovementRef | None
    today: dt.date
    sectors: dict[int, str | None] = field(default_factory=dict)  # unit pk → its sector (`org.sectors`)
    limited: dict[str, tuple[str, ...]] = field(default_factory=dict)  # code → the only sectors it goes to


# --- results ------------------------------------------------------------------------------


@dataclass
class RegRow:
    row: int
    unit_code: str = ""
    year: int | None = None
    ident: tuple[str, Any] | None = None  # ("cccd", "0010…") or ("pk", 123)
    full_name: str = ""
    titles: list[str] = field(default_factory=list)
    note: str = ""
    unit: UnitRef | None = None
    person: PersonRef | None = None
    sheet: SheetRef | None = None
    titles_text: str = ""
    ok: bool = True

    @property
    def is_person(self) -> bool:
        return self.ident is not None or bool(self.full_name)

    @property
    def group(self) -> tuple[int, int]:
        return (self.unit.pk, self.year)

    def as_preview(self) -> dict:
        return {
            "row": self.row, "unit_code": self.unit.code if self.unit else self.unit_code,
            "unit_name": self.unit.name if self.unit else "", "year": self.year,
            "subject": self.person.full_name if self.person else "",
            "person_pk": self.person.pk if self.person else None,
            "titles": self.titles_text, "codes": list(self.titles),
            "note": self.note, "sheet": self.sheet.status_label if self.sheet else "",
        }


@dataclass
class Outcome:
    rows: list[RegRow]
    errors: list[RowError]
    kind: str = "registrations"

    @property
    def valid_rows(self) -> list[RegRow]:
        return [r for r in self.rows if r.ok]

    def summary(self) -> dict[str, int]:
        valid = self.valid_rows
        groups = {r.group for r in valid}
        return {
            "rows_total": len(self.rows), "rows_ok": len(valid), "errors": len(self.errors),
            "rows_with_errors": len(self.rows) - len(valid),
            "sheets_new": len({r.group for r in valid if r.sheet is None}),
            "sheets_existing": len({r.group for r in valid if r.sheet is not None}),
            "sheets": len(groups),
            "people": len({r.person.pk for r in valid if r.person}),
            "units": len({r.unit.pk for r in valid if not r.is_person}),
            "titles": sum(len(r.titles) for r in valid),
        }


# --- cells -------------------------------------------------------------------------------


def _code(value: Any) -> str:
    code = sheet.text(value).upper().replace(" ", "")
    if not code:
        raise CellError(_("chưa nhập mã đơn vị."))
    if len(code) > 32:
        raise CellError(_("mã «%s» dài quá 32 ký tự.") % code)
    return code


def _year(value: Any, *, today: dt.date) -> int:
    if sheet.is_blank(value):
        raise CellError(_("chưa nhập năm đăng ký."))
    year = sheet.to_int(value)
    last = today.year + 1
    if year is None or not FIRST_YEAR <= year <= last:
        raise CellError(_("năm «%(value)s» không hợp lệ; chỉ đăng ký cho năm từ %(first)s đến %(last)s.") % {
            "value": sheet.text(value), "first": FIRST_YEAR, "last": last})
    return year


def _ident(value: Any) -> tuple[str, Any] | None:
    """A 12-digit CCCD, or the person's code in thidua (the number shown beside their name)."""
    if sheet.is_blank(value):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        digits = str(int(value)) if float(value).is_integer() else sheet.text(value)
    else:
        digits = re.sub(r"[\s.\-]", "", sheet.text(value))
    if digits.isdigit() and len(digits) == 12:
        return ("cccd", digits)
    if digits.isdigit() and len(digits) <= 8:
        return ("pk", int(digits))
    if digits.isdigit():
        raise CellError(_("«%(value)s» có %(n)s chữ số: số CCCD phải đủ 12 chữ số (Excel có thể đã bỏ số 0 ở đầu; "
                          "hãy định dạng cột là Văn bản), mã cá nhân tối đa 8 chữ số.") % {
            "value": digits, "n": len(digits)})
    raise CellError(_("«%s» không phải số CCCD (12 chữ số) hay mã cá nhân (số ghi cạnh họ tên trong bản đăng "
                      "ký).") % sheet.text(value))


def _name(value: Any) -> str:
    name = sheet.parse_text(value, max_length=128, what=_("họ và tên"))
    if name and len(name.split()) < 2:
        raise CellError(_("«%s» chưa đủ họ và tên (cần ít nhất hai từ).") % name)
    return name


_SEPARATORS = ",;+"  # line breaks are read as ";"


def title_table(names: dict[str, str], short: dict[str, str]) -> list[tuple[str, str]]:
    """(folded phrase, code), longest first: codes, short forms and full names of NAMES."""
    table: dict[str, str] = {}
    for code, name in names.items():
        for phrase in (code, code.replace("_", " "), short.get(code, ""), name):
            key = _norm(fold(phrase))
            if key:
                table.setdefault(key, code)
    extra = {"cstd co so": "CSTDCS", "chien si thi dua cap co so": "CSTDCS", "cstd tinh": "CSTD_TINH",
             "chien si thi dua cap tinh": "CSTD_TINH", "cstd toan quoc": "CSTD_TQ",
             "co thi dua tinh": "CO_TINH", "co thi dua cap tinh": "CO_TINH", "co chinh phu": "CO_CP"}
    for phrase, code in extra.items():
        if code in names:
            table.setdefault(phrase, code)
    return sorted(table.items(), key=lambda kv: -len(kv[0]))


def _norm(text: str) -> str:
    return re.sub(r"\s*([,;+])\s*", r"\1 ", text).strip()


def parse_titles(value: Any, table: list[tuple[str, str]]) -> list[str]:
    """The codes of a cell such as "LĐTT, Chiến sĩ thi đua cơ sở": names may hold commas
    themselves ("… cấp bộ, ban, ngành, tỉnh"), so known phrases are matched longest first."""
    raw = "" if value is None else str(value)
    text = _norm(fold(raw.replace("\n", ";")))
    codes: list[str] = []
    i = 0
    while i < len(text):
        if text[i] in _SEPARATORS or text[i] == " ":
            i += 1
            continue
        for phrase, code in table:
            end = i + len(phrase)
            # A phrase ends at a separator or the cell's end, never inside a longer name.
            if text.startswith(phrase, i) and (end == len(text) or text[end] in _SEPARATORS):
                codes.append(code)
                i = end
                break
        else:
            end = min([text.find(s, i) for s in _SEPARATORS if text.find(s, i) != -1] or [len(text)])
            unknown = text[i:end].strip()
            original = _original_token(raw, unknown)
            raise CellError(_("không nhận ra danh hiệu «%s»; ghi tên đầy đủ của danh hiệu (ví dụ Lao động tiên tiến, "
                              "Chiến sĩ thi đua cơ sở), nhiều danh hiệu cách nhau bằng dấu phẩy.") % original)
    return list(dict.fromkeys(codes))


def _original_token(raw: str, folded: str) -> str:
    for part in re.split(r"[,;+\n]", raw):
        if _norm(fold(part)) == folded:
            return part.strip()
    return folded


# --- parsing -------------------------------------------------------------------------------


def steps(today: dt.date, title_phrases: list[tuple[str, str]]) -> list[tuple[str, Callable[[Any], Any]]]:
    return [
        ("unit_code", _code),
        ("year", lambda v: _year(v, today=today)),
        ("ident", _ident),
        ("full_name", _name),
        ("titles", lambda v: parse_titles(v, title_phrases)),
        ("note", lambda v: sheet.parse_text(v, max_length=TARGETS_MAX, what=_("ghi chú, chỉ tiêu"))),
    ]


def sheet_for(title_phrases: list[tuple[str, str]]) -> Sheet:
    """The registrations sheet, titles read against TITLE_PHRASES (`title_table`)."""
    return Sheet(COLUMNS, MAX_ROWS, lambda n: RegRow(row=n), lambda today: steps(today, title_phrases))


def needs_of(rows: Sequence[RegRow]) -> Needs:
    return Needs(
        unit_codes=sheet.unit_codes(rows),
        cccds=frozenset(r.ident[1] for r in rows if r.ident and r.ident[0] == "cccd"),
        person_pks=frozenset(r.ident[1] for r in rows if r.ident and r.ident[0] == "pk"),
        name_keys=frozenset(fold(r.full_name)[:200] for r in rows if r.full_name),
        years=frozenset(r.year for r in rows if r.year),
    )


def resolve(rows: list[RegRow], ctx: Context) -> list[RowError]:
    """The sheet and subject of each row, against CTX; the errors, by row."""
    errors = _resolve(rows, ctx)
    errors.sort(key=lambda e: e.row)
    for row in rows:
        row.titles_text = ", ".join(ctx.names.get(c, c) for c in row.titles)
    return errors


def parse_registrations(rows: Iterable[Sequence[Any]], load_context: Callable[[Needs], Context], *,
                        title_phrases: list[tuple[str, str]], today: dt.date | None = None) -> Outcome:
    """Check every row of a sheet of registrations (lists of cell values, row 1 first).

    Guarantees: `errors` is empty only if every row is valid and writing them into the
    sheets cannot be refused for what `load_context` returned; `load_context` is called
    at most once.
    """
    today = today or dt.date.today()
    parsed, errors = parse_cells(sheet.numbered(rows), sheet_for(title_phrases), today=today)
    if not parsed:
        return Outcome([], errors)
    errors.extend(resolve(parsed, load_context(needs_of(parsed))))
    errors.sort(key=lambda e: e.row)
    return Outcome(parsed, errors)


def _resolve(rows: list[RegRow], ctx: Context) -> list[RowError]:
    errors: list[RowError] = []

    def fail(row: RegRow, key: str, message: str) -> None:
        row.ok = False
        errors.append(RowError(row.row, sheet.column_header(COLUMNS, key) if key else "", message))

    movement = ctx.movement
    for row in rows:
        if row.unit_code:
            unit = ctx.unit(row.unit_code)
            if unit is None or not unit.may_change:
                fail(row, "unit_code", _("đơn vị mã «%s» không tồn tại hoặc không thuộc phạm vi quản lý của bạn.")
                     % row.unit_code)
            elif not unit.active:
                fail(row, "unit_code", _("«%s» đã ngừng hoạt động nên không đăng ký thi đua.") % unit.name)
            else:
                row.unit = unit
        if not row.ok or row.unit is None:
            continue  # a cell already wrong: checking further would only guess
        if movement is not None:
            if not movement.first_year <= row.year <= movement.last_year:
                fail(row, "year", _("phong trào «%(m)s» không diễn ra trong năm %(y)s.") % {
                    "m": movement.name, "y": row.year})
                continue
            if (row.unit.pk, row.year) not in ctx.taking_part:
                if row.unit.pk == movement.organiser_pk:
                    message = _("«%(u)s» là cấp phát động phong trào «%(m)s», nên không đăng ký thi đua theo phong "
                                "trào này.")
                else:
                    message = _("«%(u)s» không thuộc các đơn vị tham gia phong trào «%(m)s» năm %(y)s.")
                fail(row, "unit_code", message % {"u": row.unit.name, "m": movement.name, "y": row.year})
                continue
            if movement.deadline and ctx.today > movement.deadline and not row.unit.late:
                fail(row, "year", _("đã quá hạn đăng ký (%s); việc thay đổi cần Thường trực Hội đồng TĐKT thực "
                                    "hiện.") % movement.deadline.strftime("%d/%m/%Y"))
                continue
        row.sheet = ctx.sheets.get((row.unit.pk, row.year))
        if row.sheet is not None and row.sheet.status in ("submitted", "approved"):
            hint = (_("cần mở lại bản đăng ký trước khi nhập.") if row.sheet.status == "approved"
                    else _("cần thủ trưởng trả lại bản đăng ký trước khi nhập."))
            fail(row, "unit_code", _("bản đăng ký năm %(y)s của «%(u)s» %(state)s nên không sửa được; %(hint)s") % {
                "y": row.year, "u": row.unit.name, "state": _state_words(row.sheet.status), "hint": hint})
            continue
        if row.is_person:
            _resolve_person(row, ctx, fail)
            if not row.ok or row.person is None:
                continue
            if len(row.note) > NOTE_MAX:
                fail(row, "note", _("ghi chú của cá nhân dài quá %s ký tự.") % NOTE_MAX)
        _check_titles(row, ctx, fail)
    return errors


def _state_words(status: str) -> str:
    return _("đã được duyệt") if status == "approved" else _("đang chờ thủ trưởng duyệt")


def _resolve_person(row: RegRow, ctx: Context, fail) -> None:
    unit = row.unit
    person = None
    if row.ident is not None:
        kind, value = row.ident
        person = (ctx.people_by_cccd if kind == "cccd" else ctx.people_by_pk).get(value)
        if person is None or not person.visible:
            what = _("số CCCD «%s»") % value if kind == "cccd" else _("mã cá nhân %s") % value
            fail(row, "ident", _("không tìm thấy cá nhân có %s trong phạm vi quản lý của bạn.") % what)
            return
        if row.full_name and fold(row.full_name)[:200] != person.name_key:
            fail(row, "full_name", _("«%(id)s» là của «%(name)s», khác với họ tên ở dòng này.") % {
                "id": value, "name": person.full_name})
            return
    else:
        candidates = ctx.people_by_name.get((fold(row.full_name)[:200], unit.pk), [])
        if len(candidates) > 1:
            fail(row, "full_name", _("«%(u)s» có %(n)s người cùng họ tên «%(name)s»; hãy ghi số CCCD hoặc mã cá nhân "
                                     "để phân biệt.") % {"u": unit.name, "n": len(candidates), "name": row.full_name})
            return
        if not candidates:
            fail(row, "full_name", _("không tìm thấy «%(name)s» đang công tác tại «%(u)s»; kiểm tra họ tên, mã đơn vị "
                                     "hoặc ghi số CCCD, mã cá nhân.") % {"name": row.full_name, "u": unit.name})
            return
        person = candidates[0]
    if person.unit_pk != unit.pk:
        fail(row, "unit_code", _("«%(name)s» đang công tác tại «%(at)s» (mã %(code)s), không thuộc «%(u)s»; người "
                                 "nào đăng ký ở đơn vị đang công tác.") % {
            "name": person.full_name, "at": person.unit_name, "code": person.unit_code, "u": unit.name})
        return
    row.person = person


def _check_titles(row: RegRow, ctx: Context, fail) -> None:
    allowed = ctx.individual if row.person is not None else ctx.collective
    subject, other = (_("cá nhân"), _("tập thể")) if row.person is not None else (_("tập thể"), _("cá nhân"))
    other_allowed = ctx.collective if row.person is not None else ctx.individual
    who = row.person.full_name if row.person is not None else row.unit.name
    for code in row.titles:
        name = ctx.names.get(code, code)
        if code not in allowed:
            if code in other_allowed:
                message = _("«%(name)s» là danh hiệu của %(other)s, không đăng ký cho %(subject)s.") % {
                    "name": name, "other": other, "subject": subject}
            else:
                message = _("«%(name)s» không phải danh hiệu thi đua đăng ký được cho %(subject)s.") % {
                    "name": name, "subject": subject}
            fail(row, "titles", message)
            return
        sector = ctx.sectors.get(row.unit.pk)
        if not sector_rules.allows(ctx.limited.get(code, ()), sector):
            fail(row, "titles", sector_rules.refusal(name, ctx.limited[code], row.unit.name, sector))
            return
        where = ctx.elsewhere.get((row.person.pk if row.person else None, row.unit.pk, row.year, code))
        if where:
            fail(row, "titles", _("«%(who)s» đã đăng ký «%(name)s» năm %(y)s %(where)s; mỗi danh hiệu chỉ đăng ký "
                                  "một lần trong năm.") % {"who": who, "name": name, "y": row.year,
                                                              "where": where})
            return
