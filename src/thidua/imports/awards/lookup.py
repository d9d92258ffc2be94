"""The steps both sheets share: the unit a row names, and the person it concerns — by CCCD,
else by name, birth date and the unit they work in now. Missing and out of scope read the
same, so a file reveals nothing outside the uploader's scope."""

import datetime as dt
from collections.abc import Iterable, Sequence

from django.utils.translation import gettext as _

from thidua.core.text import fold
from thidua.imports import sheet
from thidua.imports.awards.context import Context, PersonRef, UnitRef
from thidua.imports.sheet import Column


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

