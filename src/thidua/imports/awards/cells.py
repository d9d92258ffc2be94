"""The cell parsers of the awards and initiatives sheets: a value in, a clean value or a
`CellError` saying in Vietnamese what to fix."""

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from thidua.awards.models import FIRST_YEAR, MONEY_MAX, CommendationType, InitiativeScope
from thidua.catalog.models import SubjectKind
from thidua.core.text import fold
from thidua.imports import sheet
from thidua.imports.sheet import CellError


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

