"""The sheet of historical awards: a ledger row per line, for a person or a collective."""

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards.models import CommendationType
from thidua.catalog.models import SubjectKind
from thidua.core import sectors as sector_rules
from thidua.core.roles import Perm
from thidua.imports import sheet
from thidua.imports.awards.cells import _SUBJECTS, _TYPES, _birth, _code, _day, _money, _name, _pick, _year
from thidua.imports.awards.columns import AWARD_COLUMNS, MAX_ROWS
from thidua.imports.awards.context import Context, Needs, kind_named
from thidua.imports.awards.lookup import _find_person, _resolve_unit
from thidua.imports.awards.rows import ACTION_CREATE, ACTION_SAME, AwardRow, Outcome
from thidua.imports.pipeline import Sheet, parse_cells
from thidua.imports.sheet import RowError


def award_steps(today: dt.date) -> list[tuple[str, Callable[[Any], Any]]]:
    return [
        ("unit_code", lambda v: _code(v, required=True, what=_("mã đơn vị"))),
        ("full_name", lambda v: _name(v, required=False)),
        ("birth_date", lambda v: _birth(v, today=today)),
        ("cccd", lambda v: sheet.parse_cccd(v, column=sheet.column_header(AWARD_COLUMNS, "cccd"))),
        ("subject", lambda v: _pick(v, _SUBJECTS, SubjectKind.labels, required=False)),
        ("kind", lambda v: sheet.text(v).strip() or _code(v, required=True, what=_("danh hiệu, hình thức"))),
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
    return Needs(**sheet.mentioned(rows))


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


def _beyond_authority(row: AwardRow) -> str:
    return _("bạn không có thẩm quyền ghi «%(name)s» (do %(authority)s quyết định); việc này do Thường trực Hội "
             "đồng TĐKT ghi.") % {"name": row.kind_ref.name, "authority": row.kind_ref.authority}


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
            ref = ctx.kinds.get(row.kind.upper().replace(" ", "")) or kind_named(ctx.kinds, row.kind)
            if ref is not None:
                row.kind = ref.code  # a row may name the kind as the template's list does
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
        sector = ctx.sectors.get(row.unit.pk)
        if row.kind_ref and not sector_rules.allows(row.kind_ref.sectors, sector):
            fail(row, "kind", sector_rules.refusal(row.kind_ref.name, row.kind_ref.sectors, row.unit.name, sector))
            continue
        need = row.kind_ref.perm if row.kind_ref else Perm.AWARD_CHANGE
        if collective:
            if need not in row.unit.perms:
                fail(row, "kind", _beyond_authority(row))
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
            fail(row, "kind", _beyond_authority(row))
            continue
        row.person = person

    _new_or_recorded(rows, ctx, fail)
    return errors


def _new_or_recorded(rows: list[AwardRow], ctx: Context, fail) -> None:
    """Each valid row new or already in the ledger; a title given twice a year to one
    subject, by the file or beside the ledger, and a row repeated, fail."""
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
