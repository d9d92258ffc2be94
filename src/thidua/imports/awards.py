"""Reading sheets of historical awards and of initiatives: cells in, parsed rows and row
errors out. No database access: `parse_awards` / `parse_initiatives` check every cell,
ask `load_context` once for what the file mentions (units, people, the catalog, what the
ledger already holds — preloaded by `selectors.awards_import_context`), then decide for
each row which subject it concerns and whether it is new, already recorded, or wrong.

A person is found by CCCD, or by name, birth date and the unit they work in now; a
collective by its unit code. Missing and out of scope read the same, so a file reveals
nothing outside the uploader's scope. The file is all or nothing.
"""

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards.models import FIRST_YEAR, MONEY_MAX, CommendationType, InitiativeScope
from thidua.catalog.models import SubjectKind
from thidua.core.roles import Perm
from thidua.core.text import fold
from thidua.imports import sheet
from thidua.imports.pipeline import Sheet, parse_cells
from thidua.imports.sheet import CellError, Column, RowError

MAX_ROWS = 10_000
ACTION_CREATE = "create"
ACTION_SAME = "same"

_UNIT = ("ma don vi", "ma dv", "don vi ma")
_NAME = ("ho va ten", "ho ten", "ho va ten ca nhan")
_BIRTH = ("ngay sinh", "ngay thang nam sinh", "sinh ngay")
_CCCD = ("so cccd", "cccd", "so can cuoc", "so can cuoc cong dan", "so dinh danh", "so dinh danh ca nhan")

AWARD_COLUMNS: tuple[Column, ...] = (
    Column("unit_code", gettext_lazy("Mã đơn vị"), True, _UNIT, 14),
    Column("full_name", gettext_lazy("Họ và tên"), False, _NAME, 26),
    Column("birth_date", gettext_lazy("Ngày sinh (dd/mm/yyyy)"), False, _BIRTH, 14),
    Column("cccd", gettext_lazy("Số CCCD"), False, _CCCD, 16),
    Column("subject", gettext_lazy("Đối tượng"), False, ("doi tuong", "loai doi tuong"), 13),
    Column("kind", gettext_lazy("Mã danh hiệu, hình thức"), True,
           ("ma danh hieu hinh thuc", "ma danh hieu", "ma hinh thuc", "ma khen thuong"), 16),
    Column("year", gettext_lazy("Năm thành tích"), True, ("nam thanh tich", "nam"), 10),
    Column("period_from", gettext_lazy("Thành tích từ năm"), False, ("thanh tich tu nam", "tu nam"), 10),
    Column("period_to", gettext_lazy("Thành tích đến năm"), False, ("thanh tich den nam", "den nam"), 10),
    Column("commendation_type", gettext_lazy("Loại hình khen thưởng"), False, ("loai hinh khen thuong", "loai hinh"),
           24),
    Column("decision_number", gettext_lazy("Số quyết định"), True, ("so quyet dinh", "so qd", "so ky hieu"), 18),
    Column("decided_on", gettext_lazy("Ngày quyết định (dd/mm/yyyy)"), True, ("ngay quyet dinh", "ngay qd"), 14),
    Column("issuer", gettext_lazy("Cấp quyết định"), False, ("cap quyet dinh", "co quan quyet dinh"), 26),
    Column("money", gettext_lazy("Tiền thưởng (đồng)"), False, ("tien thuong", "so tien thuong", "so tien"), 14),
    Column("achievement", gettext_lazy("Thành tích"), False, ("thanh tich", "noi dung thanh tich"), 40),
)
INITIATIVE_COLUMNS: tuple[Column, ...] = (
    Column("unit_code", gettext_lazy("Mã đơn vị"), True, _UNIT, 14),
    Column("title", gettext_lazy("Tên sáng kiến"), True, ("ten sang kien", "sang kien"), 40),
    Column("year", gettext_lazy("Năm"), True, ("nam", "nam sang kien"), 8),
    Column("scope", gettext_lazy("Phạm vi công nhận"), True, ("pham vi cong nhan", "pham vi", "cap cong nhan"), 22),
    Column("recognized_on", gettext_lazy("Ngày công nhận (dd/mm/yyyy)"), True, ("ngay cong nhan",), 14),
    Column("decision_number", gettext_lazy("Số quyết định công nhận"), True,
           ("so quyet dinh cong nhan", "so quyet dinh", "so qd"), 18),
    Column("issuer", gettext_lazy("Cơ quan công nhận"), False, ("co quan cong nhan", "don vi cong nhan"), 24),
    Column("author_name", gettext_lazy("Họ và tên tác giả"), True, ("ho va ten tac gia", "tac gia", "ho ten tac gia"),
           26),
    Column("author_birth", gettext_lazy("Ngày sinh tác giả (dd/mm/yyyy)"), False, ("ngay sinh tac gia", "ngay sinh"),
           14),
    Column("author_cccd", gettext_lazy("Số CCCD tác giả"), False, ("so cccd tac gia", "cccd tac gia", "so cccd"), 16),
    Column("share", gettext_lazy("Tỷ lệ đóng góp (%)"), False, ("ty le dong gop", "ty le"), 10),
    Column("used_for", gettext_lazy("Đã dùng để xét (mã)"), False, ("da dung de xet", "dung de xet"), 14),
    Column("summary", gettext_lazy("Tóm tắt, hiệu quả"), False, ("tom tat hieu qua", "tom tat", "hieu qua"), 40),
)


# --- what the parser needs from the database -------------------------------------------


@dataclass(frozen=True)
class UnitRef:
    pk: int
    code: str
    name: str
    path: str
    perms: frozenset[str]  # of the uploader over this unit


@dataclass(frozen=True)
class PersonRef:
    pk: int
    full_name: str
    name_key: str
    birth_date: dt.date | None
    cccd: str | None
    unit_pk: int
    unit_code: str
    unit_name: str
    perms: frozenset[str]  # of the uploader over the person's current unit


@dataclass(frozen=True)
class KindRef:
    code: str
    name: str
    subjects: tuple[str, ...]
    is_title: bool
    perm: str  # Perm.AWARD_CHANGE or Perm.AWARD_CHANGE_ALL
    authority: str


@dataclass(frozen=True)
class Needs:
    unit_codes: frozenset[str]
    cccds: frozenset[str]
    name_keys: frozenset[str]
    years: frozenset[int]
    titles: frozenset[str] = frozenset()  # folded initiative titles


@dataclass
class Context:
    units: dict[str, UnitRef]
    people_by_cccd: dict[str, PersonRef]  # every owner of a mentioned CCCD, in scope or not
    people_by_name: dict[tuple[str, int], list[PersonRef]]  # (name key, current unit pk), units in scope only
    kinds: dict[str, KindRef]
    # (subject_kind, person or unit pk, code, year) → decision numbers recorded, not revoked
    awards: dict[tuple[str, int, str, int], list[str]]
    initiatives: set[tuple[int, str, int]]  # (unit pk, folded title, year)
    current_year: int

    def unit(self, code: str) -> UnitRef | None:
        return self.units.get(code) or self.units.get(code.upper())


# --- results ------------------------------------------------------------------------------


@dataclass
class AwardRow:
    row: int
    unit_code: str = ""
    full_name: str = ""
    birth_date: dt.date | None = None
    cccd: str | None = None
    subject: str | None = None
    kind: str = ""
    year: int | None = None
    period_from: int | None = None
    period_to: int | None = None
    commendation_type: str = CommendationType.CONG_TRANG
    decision_number: str = ""
    decided_on: dt.date | None = None
    issuer: str = ""
    money: int | None = None
    achievement: str = ""
    # Filled by the resolving pass.
    unit: UnitRef | None = None
    person: PersonRef | None = None
    kind_ref: KindRef | None = None
    action: str = ""
    ok: bool = True

    @property
    def subject_pk(self) -> int | None:
        if self.subject == SubjectKind.COLLECTIVE:
            return self.unit.pk if self.unit else None
        return self.person.pk if self.person else None

    def as_preview(self) -> dict:
        return {
            "row": self.row, "unit_code": self.unit.code if self.unit else self.unit_code,
            "unit_name": self.unit.name if self.unit else "", "subject": self.subject,
            "name": self.person.full_name if self.person else (self.unit.name if self.unit else ""),
            "kind": self.kind, "kind_name": self.kind_ref.name if self.kind_ref else "", "year": self.year,
            "decision_number": self.decision_number,
            "decided_on": self.decided_on.strftime("%d/%m/%Y") if self.decided_on else "", "money": self.money,
            "action": self.action,
        }


@dataclass
class InitiativeRow:
    row: int
    unit_code: str = ""
    title: str = ""
    year: int | None = None
    scope: str = ""
    recognized_on: dt.date | None = None
    decision_number: str = ""
    issuer: str = ""
    author_name: str = ""
    author_birth: dt.date | None = None
    author_cccd: str | None = None
    share: Decimal | None = None
    used_for: str = ""
    summary: str = ""
    unit: UnitRef | None = None
    person: PersonRef | None = None
    group: tuple = ()  # same group → same initiative
    action: str = ""
    ok: bool = True

    def as_preview(self) -> dict:
        return {
            "row": self.row, "unit_code": self.unit.code if self.unit else self.unit_code,
            "unit_name": self.unit.name if self.unit else "", "title": self.title, "year": self.year,
            "scope": self.scope, "recognized_on": self.recognized_on.strftime("%d/%m/%Y") if self.recognized_on else "",
            "author": self.person.full_name if self.person else self.author_name,
            "share": str(self.share) if self.share is not None else "", "action": self.action,
        }


@dataclass
class Outcome:
    rows: list  # every data row read, valid or not
    errors: list[RowError]
    kind: str = "awards"

    @property
    def valid_rows(self) -> list:
        return [r for r in self.rows if r.ok]

    def summary(self) -> dict[str, int]:
        valid = self.valid_rows
        out = {
            "rows_total": len(self.rows), "rows_ok": len(valid), "errors": len(self.errors),
            "rows_with_errors": len(self.rows) - len(valid),
        }
        if self.kind == "awards":
            out.update(
                awards_new=sum(r.action == ACTION_CREATE for r in valid),
                awards_same=sum(r.action == ACTION_SAME for r in valid),
                people=len({r.person.pk for r in valid if r.person}),
                units=len({r.unit.pk for r in valid if r.subject == SubjectKind.COLLECTIVE and r.unit}),
            )
        else:
            out.update(
                initiatives_new=len({r.group for r in valid if r.action == ACTION_CREATE}),
                initiatives_same=len({r.group for r in valid if r.action == ACTION_SAME}),
                authors=len({r.person.pk for r in valid if r.person}),
            )
        return out


# --- cells -------------------------------------------------------------------------------


def _year(value: Any, *, current_year: int, what: str, required: bool = True) -> int | None:
    if sheet.is_blank(value):
        if required:
            raise CellError(_("chưa nhập %s.") % what)
        return None
    year = sheet.to_int(value)
    if year is None or not FIRST_YEAR <= year <= current_year:
        raise CellError(_("năm «%(value)s» không hợp lệ; %(what)s phải từ %(first)s đến %(last)s (không ghi năm "
                          "trong tương lai).") % {"value": sheet.text(value), "what": what, "first": FIRST_YEAR,
                                                  "last": current_year})
    return year


def _day(value: Any, *, today: dt.date, what: str, required: bool) -> dt.date | None:
    day = sheet.parse_day(value, example="15/01/2024")
    if day is None:
        if required:
            raise CellError(_("chưa nhập %s.") % what)
        return None
    if day > today:
        raise CellError(_("%(what)s %(day)s ở trong tương lai.") % {"what": what, "day": day.strftime("%d/%m/%Y")})
    if day.year < FIRST_YEAR:
        raise CellError(_("%(what)s %(day)s không hợp lý.") % {"what": what, "day": day.strftime("%d/%m/%Y")})
    return day


def _birth(value: Any, *, today: dt.date) -> dt.date | None:
    day = sheet.parse_day(value)
    if day is not None and (day.year < 1900 or day > today):
        raise CellError(_("ngày sinh «%s» không hợp lý.") % day.strftime("%d/%m/%Y"))
    return day


def _name(value: Any, *, required: bool) -> str:
    name = sheet.parse_text(value, max_length=128, what=_("họ và tên"), required=required)
    if name and len(name.split()) < 2:
        raise CellError(_("«%s» chưa đủ họ và tên (cần ít nhất hai từ).") % name)
    return name


def _money(value: Any) -> int | None:
    if sheet.is_blank(value):
        return None
    amount = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and value >= 0:
            amount = int(value)
    else:
        digits = sheet.text(value).replace(".", "").replace(",", "").replace(" ", "").removesuffix("đ")
        if digits.isdigit():
            amount = int(digits)
    if amount is not None and amount > MONEY_MAX:
        raise CellError(_("tiền thưởng «%s» vượt mức tối đa 10.000.000.000 đồng; hãy kiểm tra lại số tiền.")
                        % sheet.text(value))
    if amount is not None:
        return amount
    raise CellError(_("tiền thưởng «%s» không hợp lệ; ghi số đồng, không âm, ví dụ 760000.") % sheet.text(value))


def _share(value: Any) -> Decimal | None:
    if sheet.is_blank(value):
        return None
    raw = sheet.text(value).removesuffix("%").strip().replace(",", ".")
    try:
        share = Decimal(raw)
    except InvalidOperation:
        share = None
    if share is None or not share.is_finite() or not Decimal(0) < share <= Decimal(100):
        raise CellError(_("tỷ lệ «%s» không hợp lệ; ghi số lớn hơn 0 và không quá 100.") % sheet.text(value))
    return share.quantize(Decimal("0.01"))


def _choice_table(choices, extra: dict[str, str] | None = None) -> dict[str, str]:
    """Folded code or label → code, the Vietnamese labels whatever the active language."""
    table = {fold(code): code for code, _label in choices}
    table.update({fold(str(label)): code for code, label in choices})
    with translation.override("vi"):
        table.update({fold(str(label)): code for code, label in choices})
    table.update(extra or {})
    return table


_SUBJECTS = _choice_table(SubjectKind.choices, {"ho": SubjectKind.HOUSEHOLD, "gia dinh": SubjectKind.HOUSEHOLD})
_TYPES = _choice_table(CommendationType.choices, {
    "cong trang": CommendationType.CONG_TRANG, "dot xuat": CommendationType.DOT_XUAT,
    "phong trao": CommendationType.PHONG_TRAO, "chuyen de": CommendationType.PHONG_TRAO,
    "cong hien": CommendationType.CONG_HIEN, "nien han": CommendationType.NIEN_HAN,
    "doi ngoai": CommendationType.DOI_NGOAI,
})
_SCOPES = _choice_table(InitiativeScope.choices, {
    "co so": InitiativeScope.CO_SO, "tinh": InitiativeScope.TINH, "cap tinh": InitiativeScope.TINH,
    "toan quoc": InitiativeScope.TOAN_QUOC,
})


def _pick(value: Any, table: dict[str, str], labels, *, required: bool) -> str | None:
    if sheet.is_blank(value):
        if required:
            raise CellError(_("chưa nhập; chọn một trong: %s.") % ", ".join(str(label) for label in labels))
        return None
    code = table.get(fold(sheet.text(value)))
    if code is None:
        raise CellError(_("giá trị «%(value)s» không hợp lệ; chọn một trong: %(choices)s.") % {
            "value": sheet.text(value), "choices": ", ".join(str(label) for label in labels)})
    return code


def _code(value: Any, *, required: bool, what: str) -> str:
    code = sheet.text(value).upper().replace(" ", "")
    if required and not code:
        raise CellError(_("chưa nhập %s.") % what)
    if len(code) > 32:
        raise CellError(_("mã «%s» dài quá 32 ký tự.") % code)
    return code


# --- the shared steps ----------------------------------------------------------------------


def _find_person(ctx: Context, *, cccd: str | None, name: str, birth: dt.date | None, unit: UnitRef | None,
                 need: str, columns: Sequence[Column], keys: dict[str, str]) -> tuple[PersonRef | None, str, str]:
    """(person, error column, error message): by CCCD, else by name, birth date and unit.

    NEED is the permission the uploader must hold over the person's unit; a person beyond
    it reads as not found.
    """
    col = {k: sheet.column_header(columns, v) for k, v in keys.items()}
    if cccd:
        owner = ctx.people_by_cccd.get(cccd)
        if owner is None or need not in owner.perms:
            return None, col["cccd"], _("không tìm thấy cá nhân có số CCCD «%s» trong phạm vi quản lý của bạn.") % cccd
        if name and fold(name)[:200] != owner.name_key:
            return None, col["cccd"], _("số CCCD «%(cccd)s» là của «%(name)s», khác với họ tên ở dòng này.") % {
                "cccd": cccd, "name": owner.full_name}
        if birth and owner.birth_date and birth != owner.birth_date:
            return None, col["birth"], _("«%(name)s» (số CCCD «%(cccd)s») có ngày sinh %(saved)s, khác với ngày ở "
                                         "dòng này.") % {"name": owner.full_name, "cccd": cccd,
                                                         "saved": owner.birth_date.strftime("%d/%m/%Y")}
        return owner, "", ""
    if not name:
        return None, col["name"], _("chưa nhập họ và tên (hoặc số CCCD) của cá nhân.")
    if unit is None:
        return None, "", ""
    candidates = [p for p in ctx.people_by_name.get((fold(name)[:200], unit.pk), []) if need in p.perms]
    if birth:
        candidates = [p for p in candidates if p.birth_date == birth]
    if len(candidates) > 1:
        return None, col["name"], _("đơn vị có %s cá nhân cùng họ tên này; hãy ghi ngày sinh hoặc số CCCD để phân "
                                    "biệt.") % len(candidates)
    if not candidates:
        when = _(" (ngày sinh %s)") % birth.strftime("%d/%m/%Y") if birth else ""
        return None, col["name"], _("không tìm thấy «%(name)s»%(when)s đang công tác tại «%(unit)s»; kiểm tra họ "
                                    "tên, ngày sinh, mã đơn vị hoặc ghi số CCCD.") % {
            "name": name, "when": when, "unit": unit.name}
    return candidates[0], "", ""


def _resolve_unit(row, ctx: Context, fail, *, need_any: Iterable[str]) -> None:
    if not row.unit_code:
        return
    unit = ctx.unit(row.unit_code)
    if unit is None or not set(need_any) & unit.perms:
        fail(row, "unit_code", _("đơn vị mã «%s» không tồn tại hoặc không thuộc phạm vi quản lý của bạn.")
             % row.unit_code)
        return
    row.unit = unit


# --- awards ------------------------------------------------------------------------------


def award_steps(today: dt.date) -> list[tuple[str, Callable[[Any], Any]]]:
    return [
        ("unit_code", lambda v: _code(v, required=True, what=_("mã đơn vị"))),
        ("full_name", lambda v: _name(v, required=False)),
        ("birth_date", lambda v: _birth(v, today=today)),
        ("cccd", lambda v: sheet.parse_cccd(v, column=sheet.column_header(AWARD_COLUMNS, "cccd"))),
        ("subject", lambda v: _pick(v, _SUBJECTS, SubjectKind.labels, required=False)),
        ("kind", lambda v: _code(v, required=True, what=_("mã danh hiệu, hình thức"))),
        ("year", lambda v: _year(v, current_year=today.year, what=_("năm thành tích"))),
        ("period_from", lambda v: _year(v, current_year=today.year, what=_("năm bắt đầu"), required=False)),
        ("period_to", lambda v: _year(v, current_year=today.year, what=_("năm kết thúc"), required=False)),
        ("commendation_type", lambda v: _pick(v, _TYPES, CommendationType.labels, required=False)
         or CommendationType.CONG_TRANG),
        ("decision_number", lambda v: sheet.parse_text(v, max_length=64, what=_("số quyết định"), required=True)),
        ("decided_on", lambda v: _day(v, today=today, what=_("ngày quyết định"), required=True)),
        ("issuer", lambda v: sheet.parse_text(v, max_length=255, what=_("cấp quyết định"))),
        ("money", _money),
        ("achievement", lambda v: sheet.parse_text(v, max_length=4000, what=_("thành tích"))),
    ]


def _award_subject(row: AwardRow, cell) -> None:
    if row.subject is None:
        row.subject = SubjectKind.INDIVIDUAL if (row.full_name or row.cccd) else SubjectKind.COLLECTIVE


AWARDS_SHEET = Sheet(AWARD_COLUMNS, MAX_ROWS, lambda n: AwardRow(row=n), award_steps, _award_subject)


def award_needs(rows: Sequence[AwardRow]) -> Needs:
    return Needs(
        unit_codes=sheet.unit_codes(rows),
        cccds=frozenset(r.cccd for r in rows if r.cccd),
        name_keys=frozenset(fold(r.full_name)[:200] for r in rows if r.full_name),
        years=frozenset(r.year for r in rows if r.year),
    )


def resolve_awards(rows: list[AwardRow], ctx: Context, today: dt.date) -> list[RowError]:
    errors = _resolve_awards(rows, ctx, today)
    errors.sort(key=lambda e: e.row)
    return errors


def parse_awards(rows: Iterable[Sequence[Any]], load_context: Callable[[Needs], Context], *,
                 today: dt.date | None = None) -> Outcome:
    """Check every row of a sheet of historical awards (lists of cell values, row 1 first).

    Guarantees: `errors` is empty only if every row is valid and recording the new ones
    cannot conflict with what `load_context` returned; `load_context` is called at most once.
    """
    today = today or dt.date.today()
    parsed, errors = parse_cells(sheet.numbered(rows), AWARDS_SHEET, today=today)
    if not parsed:
        return Outcome([], errors, "awards")
    errors.extend(resolve_awards(parsed, load_context(award_needs(parsed)), today))
    errors.sort(key=lambda e: e.row)
    return Outcome(parsed, errors, "awards")


_SUBJECT_WORDS = {
    SubjectKind.INDIVIDUAL: gettext_lazy("cá nhân"), SubjectKind.COLLECTIVE: gettext_lazy("tập thể"),
    SubjectKind.HOUSEHOLD: gettext_lazy("hộ gia đình"),
}


def _resolve_awards(rows: list[AwardRow], ctx: Context, today: dt.date) -> list[RowError]:
    errors: list[RowError] = []

    def fail(row: AwardRow, key: str, message: str) -> None:
        row.ok = False
        errors.append(RowError(row.row, sheet.column_header(AWARD_COLUMNS, key) if key in {c.key for c in AWARD_COLUMNS}
                               else key, message))

    award_perms = (Perm.AWARD_CHANGE, Perm.AWARD_CHANGE_ALL)
    for row in rows:
        _resolve_unit(row, ctx, fail, need_any=award_perms)
        collective = row.subject == SubjectKind.COLLECTIVE
        if collective and (row.full_name or row.cccd):
            fail(row, "subject", _("dòng có họ tên/CCCD nhưng đối tượng là tập thể; để trống họ tên khi khen tập "
                                   "thể, hoặc sửa cột «Đối tượng»."))
            continue
        if row.kind:
            ref = ctx.kinds.get(row.kind)
            if ref is None:
                fail(row, "kind", _("mã «%s» không có trong danh mục danh hiệu, hình thức khen thưởng; chọn mã trong "
                                    "danh sách của tệp mẫu.") % row.kind)
            elif row.subject not in ref.subjects:
                fail(row, "kind", _("«%(name)s» (%(code)s) không tặng cho %(subject)s; chỉ tặng cho: %(ok)s.") % {
                    "name": ref.name, "code": ref.code, "subject": _SUBJECT_WORDS[row.subject],
                    "ok": ", ".join(str(_SUBJECT_WORDS[s]) for s in ref.subjects)})
            else:
                row.kind_ref = ref
        if row.year and row.decided_on and row.decided_on.year < row.year:
            fail(row, "decided_on", _("ngày quyết định %(day)s trước năm thành tích %(year)s.") % {
                "day": row.decided_on.strftime("%d/%m/%Y"), "year": row.year})
        if row.period_from and row.period_to and row.period_from > row.period_to:
            fail(row, "period_from", _("năm bắt đầu %(a)s sau năm kết thúc %(b)s.") % {
                "a": row.period_from, "b": row.period_to})
        if row.decided_on and any(p and p > row.decided_on.year for p in (row.period_from, row.period_to)):
            fail(row, "period_to", _("thời kỳ thành tích kết thúc sau năm quyết định."))
        if not row.ok or row.unit is None:
            continue
        need = row.kind_ref.perm if row.kind_ref else Perm.AWARD_CHANGE
        if collective:
            if need not in row.unit.perms:
                fail(row, "kind", _("bạn không có thẩm quyền ghi «%(name)s» (do %(authority)s quyết định); việc này "
                                    "do Thường trực Hội đồng TĐKT ghi.") % {"name": row.kind_ref.name,
                                                                          "authority": row.kind_ref.authority})
            continue
        keys = {"cccd": "cccd", "birth": "birth_date", "name": "full_name"}
        person, column, message = _find_person(ctx, cccd=row.cccd, name=row.full_name, birth=row.birth_date,
                                               unit=row.unit, need=Perm.AWARD_CHANGE, columns=AWARD_COLUMNS, keys=keys)
        if person is None:
            if message:
                row.ok = False
                errors.append(RowError(row.row, column, message))
            continue
        if person.unit_pk != row.unit.pk:
            fail(row, "unit_code", _("«%(name)s» đang công tác tại «%(unit)s» (mã %(code)s); hãy sửa mã đơn vị.") % {
                "name": person.full_name, "unit": person.unit_name, "code": person.unit_code})
            continue
        if need not in person.perms:
            fail(row, "kind", _("bạn không có thẩm quyền ghi «%(name)s» (do %(authority)s quyết định); việc này do "
                                "Thường trực Hội đồng TĐKT ghi.") % {"name": row.kind_ref.name,
                                                                   "authority": row.kind_ref.authority})
            continue
        row.person = person

    seen: dict[tuple, AwardRow] = {}
    for row in rows:
        if not row.ok or row.kind_ref is None or row.subject_pk is None:
            continue
        key = (row.subject, row.subject_pk, row.kind, row.year)
        recorded = ctx.awards.get(key, [])
        if row.kind_ref.is_title:
            first = seen.setdefault(key, row)
            if first is not row:
                fail(row, "kind", _("trùng danh hiệu «%(name)s» năm %(year)s với dòng %(first)s; mỗi đối tượng chỉ một "
                                    "danh hiệu cùng loại mỗi năm.") % {"name": row.kind_ref.name, "year": row.year,
                                                                      "first": first.row})
                continue
            if recorded and row.decision_number not in recorded:
                fail(row, "kind", _("đã có danh hiệu «%(name)s» năm %(year)s theo quyết định %(number)s; mỗi đối "
                                    "tượng chỉ một danh hiệu cùng loại mỗi năm.") % {
                    "name": row.kind_ref.name, "year": row.year, "number": recorded[0]})
                continue
        else:
            first = seen.setdefault((*key, row.decision_number), row)
            if first is not row:
                fail(row, "decision_number", _("trùng với dòng %s (cùng đối tượng, hình thức, năm và số quyết định).")
                     % first.row)
                continue
        row.action = ACTION_SAME if row.decision_number in recorded else ACTION_CREATE
    return errors


# --- initiatives -------------------------------------------------------------------------


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
        ("used_for", lambda v: _code(v, required=False, what=_("mã"))),
        ("summary", lambda v: sheet.parse_text(v, max_length=4000, what=_("tóm tắt"))),
    ]


INITIATIVES_SHEET = Sheet(INITIATIVE_COLUMNS, MAX_ROWS, lambda n: InitiativeRow(row=n), initiative_steps)


def initiative_needs(rows: Sequence[InitiativeRow]) -> Needs:
    return Needs(
        unit_codes=sheet.unit_codes(rows),
        cccds=frozenset(r.author_cccd for r in rows if r.author_cccd),
        name_keys=frozenset(fold(r.author_name)[:200] for r in rows if r.author_name),
        years=frozenset(r.year for r in rows if r.year),
        titles=frozenset(fold(r.title) for r in rows if r.title),
    )


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
        if row.used_for and row.used_for not in ctx.kinds:
            fail(row, "used_for", _("mã «%s» không có trong danh mục danh hiệu, hình thức khen thưởng.")
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
